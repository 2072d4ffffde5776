"""The clock scanner queues each reminder once, by email, to the officer in charge."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.cases import clockscan, services
from danvan.cases.models import AlertStage, Case, CaseEventKind
from danvan.cases.tests.conftest import open_case
from danvan.cases.tests.test_concurrency import _race, on_postgres
from danvan.core.models import Notification

pytestmark = pytest.mark.django_db

# letter.process from Monday 2/3/2026: due Monday 16/3/2026.


@pytest.fixture
def assigned(unit_a, officer_a):  # type: ignore[no-untyped-def]
    officer_a.email = "alice@xa-a.gov.vn"
    officer_a.save(update_fields=["email"])
    case = open_case(unit_a, applicant_email="hoa@example.com")
    return services.case_assign(case=case, actor=officer_a, assignee=officer_a)


def test_each_stage_emails_the_assignee_once(assigned, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        assert clockscan.scan_once(today=date(2026, 3, 13)) == 1
        assert clockscan.scan_once(today=date(2026, 3, 13)) == 0  # re-run: nothing more
        assert clockscan.scan_once(today=date(2026, 3, 17)) == 1
    rows = list(Notification.objects.order_by("pk"))
    assert [r.channel for r in rows] == ["email", "email"]
    assert {r.recipient for r in rows} == {"alice@xa-a.gov.vn"}
    assert rows[0].idempotency_key == f"cases.reminder:{assigned.pk}:2026-03-16:1"
    assert rows[1].idempotency_key == f"cases.reminder:{assigned.pk}:2026-03-16:3"
    assert assigned.code in rows[0].body and "16/03/2026" in rows[0].body
    assert "/ho-so-viec/" in rows[0].body or assigned.code in rows[0].subject
    # Internal reminders reach no citizen, by no channel; no personal data in them.
    assert not Notification.objects.filter(recipient__in=["hoa@example.com", "0912345678"])
    assert not Notification.objects.filter(channel="sms").exists()
    assert all("Nguyễn Thị Hoa" not in r.body for r in rows)
    events = assigned.events.filter(kind=CaseEventKind.NOTIFIED)
    assert [e.data["emailed"] for e in events] == [True, True]


def test_a_second_scanner_or_a_replayed_claim_sends_nothing_more(assigned):
    assert clockscan.scan_once(today=date(2026, 3, 17)) == 1
    # A scanner that crashed after sending and lost its claim (alert stage back to 0) claims
    # the same reminder again: the outbox's key keeps it to one message.
    Case.objects.filter(pk=assigned.pk).update(alert_stage=0)
    assert clockscan.scan_once(today=date(2026, 3, 17)) == 1
    case = Case.objects.get(pk=assigned.pk)
    assert clockscan.enqueue_reminder(case, case.due_date, AlertStage.OVERDUE) is True
    assert Notification.objects.count() == 1


def test_a_new_due_date_gets_its_own_reminder(assigned, officer_a):
    assert clockscan.scan_once(today=date(2026, 3, 17)) == 1
    services.case_set_due(
        case=assigned, actor=officer_a, due_date=date(2026, 3, 18), kind="note", note="Hẹn lại"
    )
    assert clockscan.scan_once(today=date(2026, 3, 19)) == 1
    keys = sorted(Notification.objects.values_list("idempotency_key", flat=True))
    assert keys == [
        f"cases.reminder:{assigned.pk}:2026-03-16:3",
        f"cases.reminder:{assigned.pk}:2026-03-18:3",
    ]


def test_no_assignee_or_no_email_sends_nothing(unit_a, officer_a):
    unassigned = open_case(unit_a)
    officer_a.email = ""
    officer_a.save(update_fields=["email"])
    no_email = services.case_assign(case=open_case(unit_a), actor=officer_a, assignee=officer_a)
    assert clockscan.scan_once(today=date(2026, 3, 17)) == 2
    assert not Notification.objects.exists()
    for case in (unassigned, no_email):
        event = case.events.get(kind=CaseEventKind.NOTIFIED)
        assert event.data["emailed"] is False


def test_inactive_assignee_gets_no_email(assigned, officer_a):
    officer_a.is_active = False
    officer_a.save(update_fields=["is_active"])
    assert clockscan.scan_once(today=date(2026, 3, 17)) == 1
    assert not Notification.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not on_postgres(), reason="needs PostgreSQL row locks and threads")
def test_two_scanners_at_once_send_each_reminder_once(unit_a, officer_a):
    officer_a.email = "alice@xa-a.gov.vn"
    officer_a.save(update_fields=["email"])
    for _ in range(5):
        services.case_assign(case=open_case(unit_a), actor=officer_a, assignee=officer_a)
    outcomes = _race(*[lambda: clockscan.scan_once(today=date(2026, 3, 17))] * 3)
    assert all(isinstance(n, int) for n in outcomes) and sum(outcomes) == 5  # type: ignore[arg-type]
    assert Notification.objects.count() == 5
    assert Notification.objects.values("idempotency_key").distinct().count() == 5
