"""Dates and times as they are in Vietnam, whatever the server's (or the settings') zone is.

One place for the conversion every app needs: a due date, a daily sequence, a "today" are days
in Asia/Ho_Chi_Minh. Taking the server's zone instead is the wrong-due-date lesson of
docs/domain.md §10.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local_date(value: datetime | date) -> date:
    """The calendar date in Vietnam of ``value``. A date is returned as it is; a naive
    datetime is taken as already local."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.date()
        return value.astimezone(LOCAL_TZ).date()
    return value


def local_date_time(value: date | datetime) -> tuple[date, time | None]:
    """The local date and time of ``value``; the time is None for a date (no time of day)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LOCAL_TZ)
        return value.date(), value.time()
    return value, None
