"""Reception: complete (form 01), incomplete (form 02), refused (form 03), codes, idempotency."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from danvan.cases.models import CaseEvent, CaseStatus
from danvan.core.models import AuditEntry, Notification
from danvan.dossiers.models import DailySequence, Dossier, DossierStage, UnitOneStopSettings
from danvan.dossiers.services import DossierError, dossier_receive, dossier_supplement_received
from danvan.dossiers.services.codes import format_code

from .conftest import DOCS, vn


def test_complete_dossier_gets_code_due_date_and_notification(
    receive, unit_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dossier = receive()
    # Queued inside the transaction, sent only once it commits.
    assert Notification.objects.get().status == "queued" and len(callbacks) == 1
    callbacks[0]()
    case = dossier.case
    assert case.code == "99001-261005-0001"
    assert dossier.stage == DossierStage.PROCESSING
    assert case.status == CaseStatus.RECEIVED
    # 3 working days from Monday 5/10/2026 (start day not counted): Thursday 8/10.
    assert case.due_date == date(2026, 10, 8)
    assert dossier.documents_received == DOCS
    assert len(case.secret) == 8
    sms = Notification.objects.get(template="dossier.received")
    assert sms.recipient == "0912345678" and case.code in sms.body and "08/10/2026" in sms.body
    assert sms.status == "sent"  # immediate task backend, sent after commit
    assert AuditEntry.objects.filter(action="dossiers.receive", object_repr=case.code).exists()


def test_codes_follow_daily_sequence_and_restart_each_day(receive):
    a = receive()
    b = receive()
    c = receive(received_at=vn(2026, 10, 6, 8, 0))
    assert [a.case.code, b.case.code, c.case.code] == [
        "99001-261005-0001",
        "99001-261005-0002",
        "99001-261006-0001",
    ]


def test_zero_padding_keeps_1_december_and_11_february_apart(receive):
    dec = receive(received_at=vn(2026, 12, 1, 9, 0))
    feb = receive(received_at=vn(2027, 2, 11, 9, 0))
    assert dec.case.code == "99001-261201-0001"
    assert feb.case.code == "99001-270211-0001"
    assert format_code("X", date(2026, 1, 11), 7) != format_code("X", date(2026, 11, 1), 7)
    assert DailySequence.objects.count() == 2


def test_reception_date_is_taken_in_vietnam_time(receive):
    # 23:30 UTC on 4/10 is 06:30 on 5/10 in Hanoi.
    from datetime import UTC, datetime

    dossier = receive(received_at=datetime(2026, 10, 4, 23, 30, tzinfo=UTC))
    assert dossier.case.code == "99001-261005-0001"


def test_agency_code_is_used_when_configured(receive, unit_a):
    UnitOneStopSettings.objects.create(unit=unit_a, agency_code="H15.50.05.13")
    assert receive().case.code == "H15.50.05.13-261005-0001"


def test_incomplete_dossier_lists_everything_missing_once_and_restarts_clock(receive, officer_a):
    dossier = receive(documents_received=[DOCS[0]])
    assert dossier.stage == DossierStage.INCOMPLETE
    assert dossier.documents_missing == [DOCS[1]]
    assert dossier.case.status == CaseStatus.WAITING_CITIZEN
    assert dossier.papers.get().form == "02"
    sms = Notification.objects.get(template="dossier.supplement")
    assert "giay chung sinh" in sms.body
    dossier = dossier_supplement_received(
        dossier=dossier, actor=officer_a, at=vn(2026, 10, 9, 10, 0)
    )
    dossier.case.refresh_from_db()
    assert dossier.stage == DossierStage.PROCESSING and dossier.visits == 2
    # The clock counts from zero from Friday 9/10: 3 working days -> Wednesday 14/10.
    assert dossier.case.due_date == date(2026, 10, 14)
    assert dossier.case.events.filter(kind="clock_restarted").exists()


def test_refusal_closes_the_case_with_form_03(receive):
    dossier = receive(refusal_reason="Thủ tục không thuộc thẩm quyền của xã")
    assert dossier.stage == DossierStage.REFUSED
    assert dossier.case.status == CaseStatus.REFUSED
    assert dossier.papers.get().form == "03"
    assert not Notification.objects.exists()


def test_idempotency_key_returns_the_same_dossier(receive):
    first = receive(idempotency_key="form-token-1")
    again = receive(idempotency_key="form-token-1")
    assert first.pk == again.pk
    assert Dossier.objects.count() == 1
    assert receive(idempotency_key="form-token-2").case.code.endswith("-0002")


def test_officer_of_another_commune_is_refused(receive, officer_b):
    with pytest.raises(PermissionDenied):
        receive(actor=officer_b)
    assert not Dossier.objects.exists()
    assert not DailySequence.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("applicant_name", "  ", "name_required"),
        ("applicant_phone", "12ab", "bad_phone"),
        ("applicant_email", "not-an-email", "bad_email"),
        ("id_number", "12", "bad_id"),
        ("channel", "pigeon", "bad_channel"),
        ("documents_received", ["Giấy lạ"], "unknown_document"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(receive, field, value, code):
    with pytest.raises(DossierError) as err:
        receive(**{field: value})
    assert err.value.code == code
    assert not Dossier.objects.exists() and not CaseEvent.objects.exists()


def test_inactive_procedure_is_refused(receive, procedure):
    procedure.active = False
    procedure.save()
    with pytest.raises(DossierError) as err:
        receive()
    assert err.value.code == "procedure_unavailable"


def test_failed_reception_gives_its_number_back(receive, monkeypatch):
    from danvan.dossiers.services import reception

    receive()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(reception, "notify_applicant", boom)
    with pytest.raises(RuntimeError):
        receive()
    monkeypatch.undo()
    assert receive().case.code.endswith("-0002")  # no gap


def test_unit_b_sequence_is_independent(receive, unit_b, officer_b, procedure):
    receive()
    other = dossier_receive(
        unit=unit_b,
        procedure=procedure,
        actor=officer_b,
        applicant_name="Lê Thị Hoa",
        received_at=vn(2026, 10, 5, 10, 0),
    )
    assert other.case.code == "99002-261005-0001"


def test_a_reception_is_one_audit_entry_and_a_fixed_number_of_statements(
    receive, django_assert_num_queries
):
    receive()  # the day's sequence row, the rule and calendar copies now exist
    # The busiest write path: sequence, case, event, dossier, outbox row, audit entry, plus
    # the transaction's begin and end (a savepoint inside the test's transaction).
    with django_assert_num_queries(8):
        dossier = receive(applicant_name="Trần Thị Hoa")
    entries = AuditEntry.objects.filter(object_repr=dossier.case.code)
    assert [e.action for e in entries] == ["dossiers.receive"]
    detail = entries[0].detail
    assert detail["kind"] == "dossier" and detail["rule_id"] == dossier.case.rule_id
    assert detail["due_date"] == "2026-10-08" and detail["stage"] == DossierStage.PROCESSING


# --- Codes taken by dossiers imported from the provincial system --------------------------


def _import_today(unit, codes: list[str]):
    """Import ``codes`` as dossiers the provincial system received today at 00:00."""
    from datetime import timedelta

    from django.utils import timezone

    from danvan.dossiers.services import provincial_import

    today = timezone.localdate()
    due = today + timedelta(days=7)
    lines = ["MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo"] + [
        f"{c},1.001193,{today:%Y%m%d}000000,{due:%Y%m%d}170000,4" for c in codes
    ]
    result = provincial_import(unit=unit, file="\n".join(lines).encode(), filename="t.csv")
    assert result.ok, result.errors
    return today


def test_imported_codes_of_the_desk_series_advance_the_desk_numbering(receive, unit_a, unit_b):
    from django.utils import timezone

    today = timezone.localdate()
    theirs = [format_code("99002", today, 7)]  # B's series, imported by A: not A's business
    other_day = [format_code("99001", date(2026, 10, 4), 9)]
    not_desk = ["99001-2610-0005", format_code("99001", today, 8) + "A"]
    mine = [format_code("99001", today, n) for n in (1, 2, 3)]
    _import_today(unit_a, mine + theirs + other_day + not_desk)
    sequences = dict(DailySequence.objects.filter(unit=unit_a).values_list("day", "last"))
    assert sequences == {today: 3, date(2026, 10, 4): 9}
    assert not DailySequence.objects.filter(unit=unit_b).exists()
    dossier = receive(received_at=timezone.now())
    assert dossier.case.code == format_code("99001", today, 4)
    assert receive(received_at=timezone.now()).case.code == format_code("99001", today, 5)
    # Importing the same export again never lowers the count.
    _import_today(unit_a, mine)
    assert DailySequence.objects.get(unit=unit_a, day=today).last == 5


def test_the_configured_agency_code_is_the_desk_series(receive, unit_a):
    from django.utils import timezone

    UnitOneStopSettings.objects.create(unit=unit_a, agency_code="H15.50.05.13")
    unit_a.refresh_from_db()
    today = _import_today(
        unit_a, [format_code("H15.50.05.13", timezone.localdate(), 2), "99001-000000-0009"]
    )
    assert receive(received_at=timezone.now()).case.code == format_code("H15.50.05.13", today, 3)


def test_a_taken_number_is_skipped_instead_of_failing(client_a, procedure, unit_a, receive):
    from django.utils import timezone

    from .test_views import reception_post

    today = _import_today(
        unit_a, [format_code("99001", timezone.localdate(), n) for n in (1, 2, 4)]
    )
    # As an import made before imported numbers were reserved left it: no sequence row.
    DailySequence.objects.all().delete()
    response = client_a.post("/mot-cua/tiep-nhan/", reception_post(unit=str(unit_a.pk)))
    assert response.status_code == 302
    assert response["Location"] == f"/mot-cua/ho-so/{format_code('99001', today, 3)}/"
    assert receive(received_at=timezone.now()).case.code == format_code("99001", today, 5)
    assert DailySequence.objects.get(unit=unit_a, day=today).last == 5
