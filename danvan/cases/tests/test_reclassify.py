"""Correcting a case's kind before acceptance: the clock follows the new kind's rule from the
receipt, confidentiality only goes up, and a case whose clock already moved is refused."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.cases import services
from danvan.cases.clockstate import replay
from danvan.cases.models import CaseEventKind, CaseStatus
from danvan.cases.services import case_reclassify
from danvan.cases.tests.conftest import at, open_case
from danvan.core.models import AuditEntry
from danvan.deadlines import services as deadline_services
from danvan.deadlines import workcal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():  # type: ignore[no-untyped-def]
    yield
    workcal.invalidate()


def _to_denunciation(case, actor):  # type: ignore[no-untyped-def]
    return case_reclassify(
        case=case,
        actor=actor,
        kind="denunciation",
        rule_id="denunciation.check",
        note="Phân loại lại",
        internal_note="Nội dung là tố cáo cán bộ",
    )


def test_new_rule_from_the_receipt_and_confidential(unit_a, officer_a):
    case = open_case(unit_a)  # reflection received Mon 02/03/2026, letter.process: 16/03
    assert case.due_date == date(2026, 3, 16)
    _to_denunciation(case, officer_a)
    case.refresh_from_db()
    # 7 working days from 02/03/2026: 3, 4, 5, 6, 9, 10, 11 March.
    assert (case.kind, case.rule_id, case.due_date) == (
        "denunciation",
        "denunciation.check",
        date(2026, 3, 11),
    )
    assert case.clock_start == at(2026, 3, 2) and case.accepted_at is None
    assert case.confidential and case.search_name == ""
    assert (case.applicant_name, case.applicant_phone, case.applicant_address) == ("", "", "")
    event = case.events.get(kind=CaseEventKind.CLASSIFIED)
    assert event.data["previous_kind"] == "reflection"
    assert event.data["previous_rule_id"] == "letter.process"
    assert event.data["previous_due_date"] == "2026-03-16"
    assert event.data["due_date"] == "2026-03-11" and event.data["start"].startswith("2026-03-02")
    assert event.note == "Phân loại lại" and event.data["internal_note"]
    entry = AuditEntry.objects.get(action="cases.reclassify")
    assert entry.detail["previous_kind"] == "reflection" and entry.detail["confidential"]
    assert "Nguyễn Thị Hoa" not in str(entry.detail) + entry.object_repr


def test_complex_variant(unit_a, officer_a):
    case = open_case(unit_a)
    case_reclassify(
        case=case,
        actor=officer_a,
        kind="denunciation",
        rule_id="denunciation.check",
        is_complex=True,
    )
    case.refresh_from_db()
    assert case.is_complex and case.due_date == date(2026, 3, 16)  # 10 working days


def test_calendar_change_recomputes_on_the_new_rule(
    unit_a, officer_a, django_capture_on_commit_callbacks
):
    case = open_case(unit_a)
    _to_denunciation(case, officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        deadline_services.override_create(
            actor=None, day=date(2026, 3, 5), kind="day_off", name_vi="Nghỉ bù", reference="QĐ"
        )
    case.refresh_from_db()
    assert replay(case).rule_id == "denunciation.check"
    assert case.due_date == date(2026, 3, 12)


def test_confidentiality_never_goes_down(unit_a, officer_a):
    case = open_case(unit_a)
    _to_denunciation(case, officer_a)
    case_reclassify(case=case, actor=officer_a, kind="reflection", rule_id="letter.process")
    case.refresh_from_db()
    assert case.kind == "reflection" and case.confidential
    assert case.due_date == date(2026, 3, 16)


def test_non_confidential_keeps_applicant_and_title(unit_a, officer_a):
    case = open_case(unit_a)
    case_reclassify(
        case=case,
        actor=officer_a,
        kind="complaint",
        rule_id="complaint.accept",
        title="Khiếu nại đèn đường",
    )
    case.refresh_from_db()
    assert not case.confidential and case.applicant_name == "Nguyễn Thị Hoa"
    assert case.title == "Khiếu nại đèn đường" and case.due_date == date(2026, 3, 16)


def test_refused_once_the_clock_moved(unit_a, officer_a):
    closed = open_case(unit_a)
    services.case_close(case=closed, actor=officer_a, status=CaseStatus.RESOLVED, at=at(2026, 3, 5))
    accepted = open_case(unit_a)
    services.case_accept(case=accepted, actor=officer_a, accepted_at=at(2026, 3, 3))
    paused = open_case(unit_a)
    services.case_pause(case=paused, actor=officer_a, at=at(2026, 3, 3), reason="Chờ")
    overridden = open_case(unit_a)
    services.case_set_due(
        case=overridden,
        actor=officer_a,
        due_date=date(2026, 3, 20),
        kind=CaseEventKind.APOLOGISED,
        note="Xin lỗi",
    )
    expected = {
        closed: "closed",
        accepted: "accepted",
        paused: "already_paused",
        overridden: "clock_moved",
    }
    for case, code in expected.items():
        with pytest.raises(services.CaseError) as err:
            _to_denunciation(case, officer_a)
        assert err.value.code == code
        case.refresh_from_db()
        assert case.kind == "reflection" and not case.confidential


def test_bad_kind_and_unknown_rule_change_nothing(unit_a, officer_a):
    case = open_case(unit_a)
    with pytest.raises(services.CaseError):
        case_reclassify(case=case, actor=officer_a, kind="letter", rule_id="letter.process")
    with pytest.raises(ValueError):
        case_reclassify(case=case, actor=officer_a, kind="complaint", rule_id="no.such.rule")
    case.refresh_from_db()
    assert (case.kind, case.rule_id, case.due_date) == (
        "reflection",
        "letter.process",
        date(2026, 3, 16),
    )
    assert not case.events.filter(kind=CaseEventKind.CLASSIFIED).exists()
