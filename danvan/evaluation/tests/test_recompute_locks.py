"""Two processes recomputing the same month do not collide (PostgreSQL).

The nightly job for open months and the refresh after a case closes can regenerate the same
commune-month's findings at once; each deleted what it saw and inserted, and the second met
``finding_unique``. The writers now take an advisory lock per slice."""

from __future__ import annotations

import threading

from django.db import connections, transaction
from django.utils import timezone

from danvan.core.locks import hold
from danvan.evaluation.models import Finding
from danvan.evaluation.services import findings_save
from danvan.testing.concurrency import POSTGRES_CONCURRENCY, run_together

from .conftest import OCT

pytestmark = POSTGRES_CONCURRENCY


def _item() -> dict:
    return {
        "key": "t.on_time.low", "kind": "limitation", "severity": "high",
        "text_vi": "Tỷ lệ đúng hạn thấp", "text_en": "On-time rate low",
        "evidence": {"indicator": "t.on_time", "cases": []},
    }  # fmt: skip


def _save(unit_id: int, errors: list[BaseException]) -> None:
    try:
        findings_save(
            month=OCT, generated={unit_id: [_item()]}, unit_ids=[unit_id], now=timezone.now()
        )
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        errors.append(exc)
    finally:
        connections.close_all()


def test_a_month_being_saved_makes_the_second_writer_wait(test_indicators, unit_a):
    errors: list[BaseException] = []
    holding, release = threading.Event(), threading.Event()

    def first() -> None:
        with transaction.atomic():
            hold(f"evaluation.findings.{OCT:%Y-%m}")
            holding.set()
            release.wait(10)
        connections.close_all()

    a = threading.Thread(target=first)
    a.start()
    assert holding.wait(10)
    b = threading.Thread(target=_save, args=(unit_a.pk, errors))
    b.start()
    b.join(0.7)
    assert b.is_alive(), "the second writer did not wait for the first"
    release.set()
    a.join(10)
    b.join(10)
    assert not errors and not b.is_alive()
    assert Finding.objects.filter(unit=unit_a, period=OCT).count() == 1


def test_simultaneous_recomputes_of_a_month_store_each_finding_once(test_indicators, unit_a):
    def save() -> int:
        return findings_save(
            month=OCT, generated={unit_a.pk: [_item()]}, unit_ids=[unit_a.pk], now=timezone.now()
        )

    for _ in range(3):
        Finding.objects.filter(unit=unit_a).delete()
        assert run_together(*[save] * 4) == [1, 1, 1, 1]
    assert Finding.objects.filter(unit=unit_a, period=OCT).count() == 1
