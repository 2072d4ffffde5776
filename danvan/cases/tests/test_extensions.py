"""Extensions by complexity criteria, complex acceptance, and decisions entered afterwards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from danvan.cases import services
from danvan.cases.models import CaseEventKind, CaseStatus
from danvan.cases.services import CaseError
from danvan.cases.tests.conftest import at, open_case
from danvan.deadlines.clock import compute_due

pytestmark = pytest.mark.django_db

START = at(2026, 3, 2)


def _denunciation(unit):  # type: ignore[no-untyped-def]
    return open_case(unit, kind="denunciation", rule_id="denunciation.resolve")


def _extend(case, officer, criteria, days=30):  # type: ignore[no-untyped-def]
    return services.case_extend(
        case=case, actor=officer, reason="Cần xác minh thêm", criteria=criteria, days=days
    )


class TestDenunciationExtensions:
    def test_no_criterion_no_extension(self, unit_a, officer_a):
        case = _denunciation(unit_a)
        with pytest.raises(CaseError) as err:
            _extend(case, officer_a, [])
        assert err.value.code == "too_many_extensions"
        assert "tiêu chí" in str(err.value.message)
        assert not case.events.filter(kind=CaseEventKind.EXTENDED).exists()

    def test_one_criterion_is_complex_one_extension(self, unit_a, officer_a):
        case = _denunciation(unit_a)
        _extend(case, officer_a, ["several_places"], days=20)
        case.refresh_from_db()
        expected = compute_due("denunciation.resolve", START, complex=True, extension_days=[20])
        assert case.due_date == expected.due and case.extensions == 1
        with pytest.raises(CaseError) as err:
            _extend(case, officer_a, ["several_places"], days=10)
        assert err.value.code == "too_many_extensions"
        assert "đặc biệt phức tạp" in str(err.value.message)
        case.refresh_from_db()
        assert case.extensions == 1 and case.due_date == expected.due

    def test_two_criteria_two_extensions_then_a_third_is_refused(self, unit_a, officer_a):
        case = _denunciation(unit_a)
        _extend(case, officer_a, ["several_places", "many_people"])
        _extend(case, officer_a, ["several_places", "many_people"])
        case.refresh_from_db()
        expected = compute_due(
            "denunciation.resolve", START, especially_complex=True, extension_days=[30, 30]
        )
        assert case.due_date == expected.due and case.extensions == 2
        # 90 days in all (Art. 30(3)): 02/03/2026 + 90 days = 31/05/2026, a Sunday.
        assert case.due_date >= date(2026, 5, 31)
        events = list(case.events.filter(kind=CaseEventKind.EXTENDED))
        assert [e.data["especially_complex"] for e in events] == [True, True]
        with pytest.raises(CaseError) as err:
            _extend(case, officer_a, ["several_places", "many_people"], days=5)
        assert err.value.code == "too_many_extensions"
        assert "2 lần" in str(err.value.message) and "Điều 30" in str(err.value.message)

    def test_criteria_add_up_over_the_extensions(self, unit_a, officer_a):
        case = _denunciation(unit_a)
        _extend(case, officer_a, ["several_places"], days=15)
        _extend(case, officer_a, ["foreign_element"], days=25)
        case.refresh_from_db()
        expected = compute_due(
            "denunciation.resolve", START, especially_complex=True, extension_days=[15, 25]
        )
        assert case.due_date == expected.due

    def test_an_extension_over_30_days_is_refused(self, unit_a, officer_a):
        case = _denunciation(unit_a)
        with pytest.raises(CaseError) as err:
            _extend(case, officer_a, ["several_places"], days=31)
        assert err.value.code == "bad_days" and "30" in str(err.value.message)

    def test_recomputation_keeps_the_especially_complex_variant(self, unit_a, officer_a):
        case = _denunciation(unit_a)
        _extend(case, officer_a, ["several_places", "many_people"])
        _extend(case, officer_a, ["several_places", "many_people"], days=10)
        case.refresh_from_db()
        due = case.due_date
        assert services.cases_recompute_due(case_ids=[case.pk], reason="Lịch thay đổi") == 0
        case.refresh_from_db()
        assert case.due_date == due
        services.case_close(
            case=case, actor=officer_a, status=CaseStatus.RESOLVED, at=at(2026, 5, 1)
        )
        case.refresh_from_db()
        assert case.on_time is True and case.due_date == due


class TestComplexAcceptance:
    def test_accept_complex_sets_and_keeps_the_complex_variant(self, unit_a, officer_a):
        case = open_case(unit_a, kind="complaint", rule_id="complaint.accept")
        accepted = at(2026, 3, 5)
        services.case_accept(
            case=case,
            actor=officer_a,
            accepted_at=accepted,
            rule_id="complaint.resolve.first",
            is_complex=True,
            data={"criteria": ["several_contents"]},
        )
        case.refresh_from_db()
        complex_due = compute_due("complaint.resolve.first", accepted, complex=True).due
        plain_due = compute_due("complaint.resolve.first", accepted).due
        assert case.is_complex and case.due_date == complex_due and complex_due > plain_due
        event = case.events.get(kind=CaseEventKind.ACCEPTED)
        assert event.data["complex"] is True and event.data["criteria"] == ["several_contents"]
        assert event.data["clock"] == "start"
        # A recomputation (after a calendar change) keeps the 45 days.
        assert services.cases_recompute_due(case_ids=[case.pk], reason="Lịch thay đổi") == 0
        case.refresh_from_db()
        assert case.due_date == complex_due

    def test_accept_without_the_flag_keeps_the_plain_variant(self, unit_a, officer_a):
        case = open_case(unit_a, kind="complaint", rule_id="complaint.accept")
        services.case_accept(
            case=case, actor=officer_a, accepted_at=START, rule_id="complaint.resolve.first"
        )
        case.refresh_from_db()
        assert not case.is_complex
        assert case.due_date == compute_due("complaint.resolve.first", START).due


class TestDecisionsEnteredAfterwards:
    def test_set_due_is_stamped_at_the_decision_date_and_the_timeline_stays_ordered(
        self, unit_a, officer_a
    ):
        case = open_case(unit_a)
        decided = at(2026, 3, 4, 10)
        services.case_set_due(
            case=case,
            actor=officer_a,
            due_date=date(2026, 3, 9),
            kind=CaseEventKind.NOTE,
            note="Chuyển trong 5 ngày làm việc",
            at=decided,
        )
        services.case_close(
            case=case, actor=officer_a, status=CaseStatus.TRANSFERRED, at=at(2026, 3, 5)
        )
        events = list(case.events.order_by("at", "id"))
        assert [e.kind for e in events] == ["received", "note", "transferred"]
        assert events[1].at == decided and events[1].data["due_date"] == "2026-03-09"
        case.refresh_from_db()
        assert case.due_date == date(2026, 3, 9) and case.on_time is True

    def test_without_at_the_event_is_stamped_now(self, unit_a, officer_a):
        case = open_case(unit_a)
        services.case_set_due(
            case=case, actor=officer_a, due_date=date(2026, 3, 9), kind="note", note="Hẹn"
        )
        event = case.events.get(kind="note")
        assert abs(event.at - timezone.now()) < timedelta(minutes=1)

    @pytest.mark.parametrize(
        ("when", "code"),
        [
            (at(2026, 3, 1), "before_received"),
            (timezone.now() + timedelta(days=2), "future"),
        ],
    )
    def test_impossible_dates_are_refused(self, unit_a, officer_a, when, code):
        case = open_case(unit_a)
        with pytest.raises(CaseError) as err:
            services.case_set_due(
                case=case,
                actor=officer_a,
                due_date=date(2026, 3, 9),
                kind="note",
                note="Hẹn",
                at=when,
            )
        assert err.value.code == code
        case.refresh_from_db()
        assert case.due_date == date(2026, 3, 16)

    def test_a_decision_before_the_current_count_is_refused(self, unit_a, officer_a):
        case = open_case(unit_a, kind="complaint", rule_id="complaint.accept")
        services.case_accept(
            case=case,
            actor=officer_a,
            accepted_at=at(2026, 3, 5),
            rule_id="complaint.resolve.first",
        )
        with pytest.raises(CaseError) as err:
            services.case_set_due(
                case=case,
                actor=officer_a,
                due_date=date(2026, 3, 20),
                kind="note",
                note="Hẹn",
                at=at(2026, 3, 3),
            )
        assert err.value.code == "before_start" and "05/03/2026" in str(err.value.message)
