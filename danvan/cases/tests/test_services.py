"""The case services: the legal clock through the timeline."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.cases import services
from danvan.cases.models import Case, CaseEvent, CaseEventKind, CaseStatus
from danvan.cases.services import CaseError
from danvan.cases.tests.conftest import at, open_case
from danvan.core.models import AuditEntry
from danvan.deadlines.clock import Pause, add_working_days, compute_due

pytestmark = pytest.mark.django_db

# letter.process: 10 working days; received Monday 2/3/2026 → Monday 16/3/2026.
DUE = date(2026, 3, 16)


def test_open_computes_due_from_the_clock_with_explanation(unit_a, officer_a):
    case = open_case(unit_a, actor=officer_a, secret=None)
    assert case.due_date == DUE == compute_due("letter.process", at(2026, 3, 2)).due
    assert case.province_code == "19"
    assert len(case.secret) == 8 and set(case.secret) <= set(services._base.SECRET_ALPHABET)
    event = case.events.get()
    assert event.kind == CaseEventKind.RECEIVED and event.public
    assert event.data["due_date"] == "2026-03-16"
    assert event.data["explanation_vi"] and isinstance(event.data["explanation_vi"], list)
    assert AuditEntry.objects.filter(action="cases.open", object_repr=case.code).exists()
    # The log never carries the applicant's name.
    assert not AuditEntry.objects.filter(object_repr__contains="Hoa").exists()


def test_due_date_uses_vietnam_date_not_utc(unit_a):
    # 23:30 in Hanoi on Monday is still Monday (16:30 UTC); a UTC-based date would agree,
    # but 06:30 on Tuesday in Hanoi is Monday 23:30 UTC: the count must start from Tuesday.
    case = open_case(unit_a, received_at=at(2026, 3, 3, 6, 30))
    assert case.due_date == add_working_days(date(2026, 3, 3), 10)


def test_unknown_rule_is_refused(unit_a):
    with pytest.raises(ValueError) as err:
        open_case(unit_a, rule_id="no.such.rule")
    assert getattr(err.value, "code", "") == "unknown_rule"
    assert not Case.objects.exists()


def test_denunciation_is_always_confidential(unit_a):
    case = open_case(unit_a, kind="denunciation", rule_id="denunciation.resolve")
    assert case.confidential is True


def test_pause_resume_shifts_due_by_the_paused_working_days(case_a, officer_a):
    # Paused Wednesday 4/3, resumed Monday 9/3: Wed, Thu, Fri do not count (3 working days).
    services.case_pause(case=case_a, actor=officer_a, at=at(2026, 3, 4), reason="Thiếu bản sao")
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.WAITING_CITIZEN and case_a.paused_at is not None
    assert case_a.due_date == DUE  # unchanged while waiting
    services.case_resume(case=case_a, actor=officer_a, at=at(2026, 3, 9))
    case_a.refresh_from_db()
    assert case_a.due_date == add_working_days(DUE, 3) == date(2026, 3, 19)
    assert case_a.status == CaseStatus.IN_PROGRESS and case_a.paused_at is None
    expected = compute_due(
        "letter.process", at(2026, 3, 2), pauses=[Pause(date(2026, 3, 4), date(2026, 3, 9))]
    )
    assert case_a.due_date == expected.due
    kinds = list(case_a.events.values_list("kind", flat=True))
    assert kinds == ["received", "clock_paused", "clock_resumed"]


def test_resume_with_restart_counts_from_zero(case_a, officer_a):
    services.case_pause(
        case=case_a,
        actor=officer_a,
        at=at(2026, 3, 4),
        reason="Thiếu giấy tờ",
        event_kind=CaseEventKind.SUPPLEMENT_REQUESTED,
    )
    services.case_resume(case=case_a, actor=officer_a, at=at(2026, 3, 10), restart=True)
    case_a.refresh_from_db()
    assert case_a.due_date == add_working_days(date(2026, 3, 10), 10)
    assert case_a.events.filter(kind=CaseEventKind.CLOCK_RESTARTED).count() == 1


def test_pause_twice_and_resume_unpaused_are_refused(case_a, officer_a):
    with pytest.raises(CaseError) as err:
        services.case_resume(case=case_a, actor=officer_a, at=at(2026, 3, 4))
    assert err.value.code == "not_paused"
    services.case_pause(case=case_a, actor=officer_a, at=at(2026, 3, 4), reason="x")
    with pytest.raises(CaseError) as err:
        services.case_pause(case=case_a, actor=officer_a, at=at(2026, 3, 5), reason="y")
    assert err.value.code == "already_paused"


def test_extension_limits_follow_the_rule(unit_a, officer_a):
    plain = open_case(unit_a, kind="denunciation", rule_id="denunciation.resolve")
    with pytest.raises(CaseError) as err:
        services.case_extend(case=plain, actor=officer_a, reason="Cần xác minh thêm")
    assert err.value.code == "too_many_extensions"
    plain.refresh_from_db()
    assert plain.extensions == 0 and not plain.events.filter(kind="extended").exists()

    hard = open_case(unit_a, kind="denunciation", rule_id="denunciation.resolve", is_complex=True)
    before = hard.due_date
    services.case_extend(
        case=hard, actor=officer_a, reason="Vụ việc phức tạp", criteria=["Nhiều nội dung"]
    )
    hard.refresh_from_db()
    assert hard.extensions == 1
    assert (
        hard.due_date
        == compute_due("denunciation.resolve", at(2026, 3, 2), complex=True, extensions=1).due
    )
    assert hard.due_date > before
    event = hard.events.get(kind=CaseEventKind.EXTENDED)
    assert event.note == "Vụ việc phức tạp" and event.data["criteria"] == ["Nhiều nội dung"]
    with pytest.raises(CaseError):
        services.case_extend(case=hard, actor=officer_a, reason="Lần hai")


def test_extension_needs_a_reason(case_a, officer_a):
    with pytest.raises(CaseError) as err:
        services.case_extend(case=case_a, actor=officer_a, reason="  ")
    assert err.value.code == "reason_required"


def test_close_decides_on_time(unit_a, officer_a):
    early = open_case(unit_a)
    services.case_close(
        case=early, actor=officer_a, status=CaseStatus.RESOLVED, at=at(2026, 3, 16, 16)
    )
    late = open_case(unit_a)
    services.case_close(case=late, actor=officer_a, status=CaseStatus.RESOLVED, at=at(2026, 3, 17))
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.on_time is True and late.on_time is False
    assert early.closed_at is not None and early.status == CaseStatus.RESOLVED
    with pytest.raises(CaseError) as err:
        services.case_close(
            case=early, actor=officer_a, status=CaseStatus.RESOLVED, at=at(2026, 3, 18)
        )
    assert err.value.code == "closed"


def test_closed_while_paused_excludes_the_waiting_time(case_a, officer_a):
    # Paused from Friday 13/3; closed Thursday 19/3, after the original due date (16/3),
    # but the waiting days 13–18/3 do not count against the commune.
    services.case_pause(case=case_a, actor=officer_a, at=at(2026, 3, 13), reason="Chờ bổ sung")
    services.case_close(
        case=case_a, actor=officer_a, status=CaseStatus.WITHDRAWN, at=at(2026, 3, 19)
    )
    case_a.refresh_from_db()
    assert case_a.on_time is True
    assert case_a.paused_at is None
    assert case_a.due_date >= date(2026, 3, 19)


def test_more_than_one_supplement_request_makes_a_dossier_late(unit_a, officer_a):
    case = open_case(unit_a, kind="dossier")
    for start, end in ((3, 4), (5, 6)):
        services.case_pause(
            case=case,
            actor=officer_a,
            at=at(2026, 3, start),
            reason="Bổ sung",
            event_kind=CaseEventKind.SUPPLEMENT_REQUESTED,
        )
        services.case_resume(case=case, actor=officer_a, at=at(2026, 3, end))
    services.case_close(case=case, actor=officer_a, status=CaseStatus.RETURNED, at=at(2026, 3, 9))
    case.refresh_from_db()
    assert case.on_time is False


def test_apology_sets_a_new_date_once_and_stays_late(case_a, officer_a):
    services.case_set_due(
        case=case_a,
        actor=officer_a,
        due_date=date(2026, 3, 20),
        kind=CaseEventKind.APOLOGISED,
        note="Xin lỗi, hẹn lại ngày trả",
    )
    case_a.refresh_from_db()
    assert case_a.due_date == date(2026, 3, 20)
    with pytest.raises(CaseError) as err:
        services.case_set_due(
            case=case_a, actor=officer_a, due_date=date(2026, 3, 23), kind="apologised", note="x"
        )
    assert err.value.code == "apology_once"
    services.case_close(
        case=case_a, actor=officer_a, status=CaseStatus.RETURNED, at=at(2026, 3, 19)
    )
    case_a.refresh_from_db()
    assert case_a.on_time is False  # late against the legal date, even if kept to the new one


def test_accept_with_rule_restarts_the_clock(unit_a, officer_a):
    case = open_case(unit_a, kind="complaint", rule_id="complaint.accept")
    services.case_accept(
        case=case, actor=officer_a, accepted_at=at(2026, 3, 5), rule_id="complaint.resolve.first"
    )
    case.refresh_from_db()
    assert case.rule_id == "complaint.resolve.first"
    assert case.due_date == compute_due("complaint.resolve.first", at(2026, 3, 5)).due
    assert case.status == CaseStatus.IN_PROGRESS and case.accepted_at == at(2026, 3, 5)


def test_assign_and_hand_on(case_a, officer_a, officer_b):
    services.case_assign(case=case_a, actor=officer_a, assignee=officer_a, department="Địa chính")
    services.case_hand_on(case=case_a, actor=officer_a, to_department="Tư pháp", note="Nội bộ")
    case_a.refresh_from_db()
    assert case_a.assignee == officer_a and case_a.department == "Tư pháp"
    step = case_a.events.get(kind=CaseEventKind.HANDED_ON)
    assert step.data["from_department"] == "Địa chính" and step.data["internal_note"] == "Nội bộ"
    assert step.note == "Tư pháp"  # the public note never carries the officer's remark
    with pytest.raises(CaseError):
        services.case_hand_on(case=case_a, actor=officer_a)


def test_events_are_append_only(case_a):
    event = case_a.events.get()
    event.note = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    assert CaseEvent.objects.get(pk=event.pk).note == ""


def test_record_event_refuses_clock_data(case_a, officer_a):
    with pytest.raises(CaseError):
        services.case_record_event(
            case=case_a, kind="note", actor=officer_a, data={"clock": "pause"}
        )
    event = services.case_record_event(
        case=case_a, kind="rated", actor=None, note="Hài lòng", data={"score": 2}
    )
    assert event.public and event.data == {"score": 2}


def test_open_refuses_bad_kind_status_and_naive_times(unit_a):
    from datetime import datetime

    for kwargs, code in (
        ({"kind": "spaceship"}, "bad_kind"),
        ({"status": "lost"}, "bad_status"),
        ({"received_at": datetime(2026, 3, 2, 9)}, "naive_time"),  # noqa: DTZ001
    ):
        with pytest.raises(CaseError) as err:
            open_case(unit_a, **kwargs)
        assert err.value.code == code
    assert not Case.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_case_open_joined_only_inside_the_callers_transaction(unit_a):
    # Without a savepoint of its own, it must never run on autocommit: a failure half-way
    # would leave a case without its timeline.
    from datetime import UTC, datetime

    from django.db import transaction
    from django.db.transaction import TransactionManagementError

    from danvan.cases.models import Case
    from danvan.cases.services import case_open_joined

    kwargs = {
        "unit": unit_a,
        "kind": "petition",
        "code": "KN-TEST-JOINED",
        "title": "Kiến nghị",
        "rule_id": "letter.process",
        "received_at": datetime(2026, 1, 27, 2, 0, tzinfo=UTC),
        "actor": None,
    }
    with pytest.raises(TransactionManagementError):
        case_open_joined(**kwargs)
    assert not Case.objects.exists()
    with transaction.atomic():
        case = case_open_joined(**kwargs)
    assert case.events.count() == 1 and case.due_date is not None


def test_update_applicant_refuses_a_confidential_case_and_unknown_fields(unit_a, officer_a):
    from django.utils import timezone

    from danvan.cases.services import case_open, case_update_applicant

    secret = case_open(
        unit=unit_a,
        kind="denunciation",
        code="TC-UPD-1",
        title="Tố cáo",
        rule_id="denunciation.check",
        received_at=timezone.now(),
        actor=officer_a,
    )
    with pytest.raises(CaseError) as refused:
        case_update_applicant(case=secret, actor=officer_a, applicant_name="Lộ Danh")
    assert refused.value.code == "confidential"
    secret.refresh_from_db()
    assert secret.applicant_name == ""
    with pytest.raises(CaseError):
        case_update_applicant(case=secret, actor=officer_a, title="x")
