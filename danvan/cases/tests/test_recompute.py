"""Open cases follow calendar changes, each with an event saying why."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.cases import services
from danvan.cases.models import CaseEventKind, CaseStatus
from danvan.cases.tests.conftest import at, open_case
from danvan.core.models import AuditEntry
from danvan.deadlines import services as deadline_services
from danvan.deadlines import workcal
from danvan.deadlines.clock import Pause, compute_due

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():  # type: ignore[no-untyped-def]
    # The overrides these tests create are rolled back with the test; the in-memory
    # calendar must forget them too.
    yield
    workcal.invalidate()


def _day_off(day: date, capture) -> None:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        deadline_services.override_create(
            actor=None,
            day=day,
            kind="day_off",
            name_vi="Nghỉ bù",
            reference="Quyết định 1/QĐ-TTg",
        )


def test_override_day_off_recomputes_spanning_cases(
    unit_a, officer_a, django_capture_on_commit_callbacks
):
    spanning = open_case(unit_a)  # due 16/3
    paused = open_case(unit_a)
    services.case_pause(case=paused, actor=officer_a, at=at(2026, 3, 4), reason="Chờ")
    services.case_resume(case=paused, actor=officer_a, at=at(2026, 3, 9))
    later = open_case(unit_a, received_at=at(2026, 3, 20))  # starts after the change
    closed = open_case(unit_a)
    services.case_close(case=closed, actor=officer_a, status=CaseStatus.RESOLVED, at=at(2026, 3, 5))

    _day_off(date(2026, 3, 10), django_capture_on_commit_callbacks)

    spanning.refresh_from_db()
    assert spanning.due_date == date(2026, 3, 17)
    event = spanning.events.get(kind=CaseEventKind.DUE_RECOMPUTED)
    assert "10/03/2026" in event.note
    assert event.data["previous_due_date"] == "2026-03-16"
    assert event.data["due_date"] == "2026-03-17"
    assert event.public
    entry = AuditEntry.objects.get(action="cases.recompute_due")
    assert entry.detail["cases"][spanning.code] == "2026-03-17"
    assert paused.code in entry.detail["cases"] and later.code not in entry.detail["cases"]

    # The same answer as computing from scratch under the new calendar, pauses included.
    paused.refresh_from_db()
    assert paused.due_date == (
        compute_due(
            "letter.process", at(2026, 3, 2), pauses=[Pause(date(2026, 3, 4), date(2026, 3, 9))]
        ).due
    )
    assert paused.events.filter(kind=CaseEventKind.DUE_RECOMPUTED).count() == 1

    later.refresh_from_db()
    assert not later.events.filter(kind=CaseEventKind.DUE_RECOMPUTED).exists()
    closed.refresh_from_db()
    assert not closed.events.filter(kind=CaseEventKind.DUE_RECOMPUTED).exists()


def test_recompute_without_change_writes_nothing(unit_a):
    case = open_case(unit_a)
    assert services.cases_recompute_due(case_ids=[case.pk], reason="kiểm tra") == 0
    assert case.events.count() == 1


def test_apology_date_survives_recomputation(unit_a, officer_a, django_capture_on_commit_callbacks):
    case = open_case(unit_a)
    services.case_set_due(
        case=case, actor=officer_a, due_date=date(2026, 3, 20), kind="apologised", note="Xin lỗi"
    )
    _day_off(date(2026, 3, 10), django_capture_on_commit_callbacks)
    case.refresh_from_db()
    assert case.due_date == date(2026, 3, 20)


def test_rule_correction_recomputes_cases_under_that_rule(
    unit_a, django_capture_on_commit_callbacks
):
    from danvan.deadlines import ruleset
    from danvan.deadlines.models import DeadlineRule

    deadline_services.rules_seed(actor=None)
    ruleset.invalidate()
    letter = open_case(unit_a)  # letter.process: 10 working days → 16/3
    other = open_case(unit_a, rule_id="reception.answer")
    other_due = other.due_date
    rule = DeadlineRule.objects.filter(key="letter.process").order_by("-version").first()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            deadline_services.rule_correct(
                actor=None, rule=rule, changes={"amount": 12}, reference="Quyết định 9/QĐ"
            )
        letter.refresh_from_db()
        other.refresh_from_db()
        assert letter.due_date == date(2026, 3, 18)
        event = letter.events.get(kind=CaseEventKind.DUE_RECOMPUTED)
        assert "letter.process" in event.note
        assert other.due_date == other_due
    finally:
        ruleset.invalidate()
