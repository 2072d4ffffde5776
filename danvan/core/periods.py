"""The period an indicator is computed over, shared by every app that registers one."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def period(month_start: date, month_end: date) -> tuple[date, date]:
    """The inclusive first and last day; an exclusive end (the 1st of the next month) is
    accepted too."""
    if month_end.day == 1 and month_end > month_start:
        month_end -= timedelta(days=1)
    return month_start, month_end


def period_bounds(month_start: date, month_end: date) -> tuple[datetime, datetime]:
    """The period as aware datetimes [start, end) in the local time zone."""
    first, last = period(month_start, month_end)
    return (
        timezone.make_aware(datetime.combine(first, time.min)),
        timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min)),
    )
