"""The letters demo looks like a commune that keeps up: old matters closed, a small backlog."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from danvan.cases.models import OPEN_STATUSES, Case
from danvan.letters import demo
from danvan.letters.models import Letter, ReceptionEntry

pytestmark = pytest.mark.django_db


def _counts(unit):  # type: ignore[no-untyped-def]
    cases = Case.objects.filter(unit=unit)
    return (
        cases.count(),
        cases.filter(status__in=OPEN_STATUSES).count(),
        Letter.objects.filter(unit=unit).count(),
        ReceptionEntry.objects.filter(unit=unit).count(),
    )


@pytest.fixture(autouse=True)
def _fixed_clock():
    # "Today" decides what is due this week, overdue or old: on a fixed day (a Wednesday,
    # the clock still running) the test means the same whatever day it runs on.
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        yield


def test_old_matters_are_mostly_closed_and_the_seed_is_idempotent(unit_a, officer_a, monkeypatch):
    monkeypatch.setattr(demo, "UNITS", (unit_a.code,))
    monkeypatch.setattr(demo, "LETTERS_PER_UNIT", 80)
    demo.seed()
    today = timezone.localdate()
    cases = Case.objects.filter(unit=unit_a)
    old = cases.filter(due_date__lt=today - timedelta(days=30))
    assert old.count() > 60
    still_open = old.filter(status__in=OPEN_STATUSES).count()
    # A handful of old matters stay open: the backlog, not a third of the register.
    assert still_open <= max(3, old.count() * 0.08)
    closed = cases.exclude(status__in=OPEN_STATUSES)
    late = closed.filter(on_time=False).count()
    assert closed.filter(on_time=True).count() > 3 * late > 0  # mostly on time, some late
    overdue = cases.filter(status__in=OPEN_STATUSES, due_date__lt=today).count()
    assert overdue <= 8
    # Reception visitors get their written answer too.
    entries = ReceptionEntry.objects.filter(unit=unit_a, date__lt=today - timedelta(days=30))
    assert entries.exists()
    assert entries.filter(case__status__in=OPEN_STATUSES).count() <= max(2, entries.count() // 10)
    before = _counts(unit_a)
    demo.seed()
    assert _counts(unit_a) == before
