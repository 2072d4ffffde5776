"""The clock scanner: reminders claimed once, even with several scanners."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from danvan.cases import clockscan, services
from danvan.cases.models import AlertStage, Case, CaseEventKind
from danvan.cases.tests.conftest import at, open_case

pytestmark = pytest.mark.django_db

# letter.process from Monday 2/3/2026: due Monday 16/3/2026.


def test_stages_follow_the_due_date(unit_a):
    case = open_case(unit_a)
    assert clockscan.scan_once(today=date(2026, 3, 12)) == 0  # not near yet
    assert clockscan.scan_once(today=date(2026, 3, 13)) == 1  # Friday: due next working day
    case.refresh_from_db()
    assert case.alert_stage == AlertStage.DUE_TOMORROW
    assert clockscan.scan_once(today=date(2026, 3, 13)) == 0  # already told
    assert clockscan.scan_once(today=date(2026, 3, 16)) == 1
    assert clockscan.scan_once(today=date(2026, 3, 17)) == 1
    assert clockscan.scan_once(today=date(2026, 3, 18)) == 0
    events = case.events.filter(kind=CaseEventKind.NOTIFIED)
    assert [e.data["alert_stage"] for e in events] == [1, 2, 3]
    assert not any(e.public for e in events)


def test_two_claims_of_the_same_row_only_one_wins(unit_a):
    case = open_case(unit_a)
    assert clockscan.claim(case.pk, case.due_date, AlertStage.OVERDUE) is True
    assert clockscan.claim(case.pk, case.due_date, AlertStage.OVERDUE) is False
    # A claim for a due date that moved meanwhile fails too.
    assert clockscan.claim(case.pk, date(2026, 1, 1), AlertStage.OVERDUE) is False


def test_moving_due_date_resets_reminders_and_paused_cases_are_skipped(unit_a, officer_a):
    case = open_case(unit_a)
    assert clockscan.scan_once(today=date(2026, 3, 17)) == 1
    services.case_pause(case=case, actor=officer_a, at=at(2026, 3, 4), reason="Chờ")
    assert clockscan.scan_once(today=date(2026, 3, 20)) == 0  # waiting for the citizen
    services.case_resume(case=case, actor=officer_a, at=at(2026, 3, 9))
    case.refresh_from_db()
    assert case.alert_stage == 0 and case.due_date == date(2026, 3, 19)
    assert clockscan.scan_once(today=date(2026, 3, 20)) == 1


def test_run_clock_once(unit_a, capsys):
    open_case(unit_a)  # long overdue by the real today
    call_command("run_clock", "--once")
    assert "1 reminder(s) sent" in capsys.readouterr().out
    assert Case.objects.get().alert_stage == AlertStage.OVERDUE


def test_run_clock_stops_cleanly_on_sigterm(monkeypatch, capsys):
    import os
    import signal

    from danvan.cases.management.commands import run_clock

    calls = []

    def scan(limit):  # type: ignore[no-untyped-def]
        calls.append(limit)
        os.kill(os.getpid(), signal.SIGTERM)  # as systemd or Kubernetes would
        return 0

    monkeypatch.setattr(run_clock, "scan_once", scan)
    before = signal.getsignal(signal.SIGTERM)
    call_command("run_clock", "--interval", "30")
    assert calls == [500]  # one scan, then out without waiting the 30 s interval
    assert "run_clock stopped" in capsys.readouterr().out
    assert signal.getsignal(signal.SIGTERM) == before
