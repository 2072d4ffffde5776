"""Parallel receptions on PostgreSQL: unique, gap-free codes; concurrent double submits."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from danvan.dossiers.models import Dossier
from danvan.dossiers.services import dossier_receive

from ..tests.conftest import vn

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrency"
    ),
]


def _run(workers: int, job) -> list:
    results, errors = [], []
    barrier = threading.Barrier(workers)

    def work(i: int) -> None:
        from django.db import connections

        try:
            barrier.wait()
            results.extend(job(i))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


def test_parallel_receptions_get_unique_gap_free_codes(officer_a, unit_a, procedure):
    def job(i: int) -> list[str]:
        return [
            dossier_receive(
                unit=unit_a,
                procedure=procedure,
                actor=officer_a,
                applicant_name=f"Người {i}-{k}",
                received_at=vn(2026, 10, 5, 9, 0),
            ).case.code
            for k in range(5)
        ]

    codes = _run(8, job)
    assert len(codes) == 40 == len(set(codes))
    assert sorted(int(c.rsplit("-", 1)[1]) for c in codes) == list(range(1, 41))


def test_concurrent_double_submit_creates_one_dossier(officer_a, unit_a, procedure):
    def job(i: int) -> list[int]:
        d = dossier_receive(
            unit=unit_a,
            procedure=procedure,
            actor=officer_a,
            applicant_name="Nguyễn Văn Đức",
            idempotency_key="same-form",
            received_at=vn(2026, 10, 5, 9, 0),
        )
        return [d.pk]

    pks = _run(6, job)
    assert len(set(pks)) == 1 and Dossier.objects.count() == 1
    # The losers rolled back and gave their numbers back: the next code has no gap.
    nxt = dossier_receive(
        unit=unit_a,
        procedure=procedure,
        actor=officer_a,
        applicant_name="X",
        received_at=vn(2026, 10, 5, 10, 0),
    )
    assert nxt.case.code.endswith("-0002")
