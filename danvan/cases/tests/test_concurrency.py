"""Two officers acting on the same case at the same moment (PostgreSQL: real row locks)."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection

from danvan.cases import services
from danvan.cases.models import Case, CaseEventKind, CaseStatus
from danvan.cases.services import CaseError
from danvan.cases.tests.conftest import at, open_case


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not on_postgres(), reason="needs PostgreSQL row locks and threads"),
]


def _race(*jobs):  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(len(jobs))
    outcomes: list[object] = [None] * len(jobs)

    def run(i, job):  # type: ignore[no-untyped-def]
        from django.db import connection as conn

        try:
            barrier.wait()
            outcomes[i] = job()
        except Exception as exc:  # noqa: BLE001 — the outcome is what the test checks
            outcomes[i] = exc
        finally:
            conn.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes


def _complex_denunciation(unit):  # type: ignore[no-untyped-def]
    return open_case(unit, kind="denunciation", rule_id="denunciation.resolve", is_complex=True)


def test_two_extensions_at_once_only_one_is_allowed(unit_a, officer_a):
    case = _complex_denunciation(unit_a)  # the rule allows one extension
    outcomes = _race(
        *[
            lambda: services.case_extend(
                case=Case.objects.get(pk=case.pk), actor=officer_a, reason="Phức tạp"
            )
            for _ in range(2)
        ]
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], CaseError)
    case.refresh_from_db()
    assert case.extensions == 1
    assert case.events.filter(kind=CaseEventKind.EXTENDED).count() == 1


def test_close_and_extend_at_once_stay_consistent(unit_a, officer_a):
    case = _complex_denunciation(unit_a)
    outcomes = _race(
        lambda: services.case_close(
            case=Case.objects.get(pk=case.pk),
            actor=officer_a,
            status=CaseStatus.RESOLVED,
            at=at(2026, 3, 20),
        ),
        lambda: services.case_extend(
            case=Case.objects.get(pk=case.pk), actor=officer_a, reason="Phức tạp"
        ),
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED and case.on_time is True
    kinds = list(case.events.order_by("id").values_list("kind", flat=True))
    assert kinds.count("resolved") == 1
    if isinstance(outcomes[1], Exception):
        # The close won: the extension was refused and left no trace.
        assert isinstance(outcomes[1], CaseError) and outcomes[1].code == "closed"
        assert case.extensions == 0 and "extended" not in kinds
    else:
        # The extension won: the close came after it, against the extended due date.
        assert case.extensions == 1 and kinds.index("extended") < kinds.index("resolved")
    assert connection.vendor == "postgresql"
