"""Months as the evaluation names them: the first day of the month, ``YYYY-MM`` outside."""

from __future__ import annotations

from datetime import date

# The two-tier system took effect on 1 July 2025: months before it belong to the old communes.
MERGER = date(2025, 7, 1)


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    out, m = [], month_of(first)
    while m <= last:
        out.append(m)
        m = next_month(m)
    return out


def parse_month(text: str) -> date | None:
    """``YYYY-MM`` → its first day, or None when it is not a month."""
    try:
        year, month = text.strip().split("-")
        if len(year) != 4 or len(month) != 2 or not 2000 <= int(year) <= 2100:
            return None
        return date(int(year), int(month), 1)
    except (ValueError, AttributeError):
        return None


def months_back(last: date, count: int) -> date:
    """The first of ``count`` months ending with ``last``."""
    first = month_of(last)
    for _ in range(count - 1):
        first = previous_month(first)
    return first


def label(month: date) -> str:
    return f"{month:%m/%Y}"
