"""Reception by the commune Party secretary (issue #15, DOMAIN §7).

Regulation 11-QĐi/TW (2019), as amended by Conclusion 215-KL/TW of 23/11/2025: the head of a
commune Party committee receives citizens at least 2 days a month (the count is the rule
``reception.party_head.monthly``, as data, one version per period of law) and answers the
visitors in writing within 10 working days (``reception.party_head.answer``).

Nothing is stored here. The days are sessions of the commune's reception schedule with host
``party_secretary`` — so they are published in the same schedule as the chairman's weekly
day (the letters' schedule page, the commune's public page) — and the visitors' matters are
lines of the same reception register, each a ``reception`` case on the answer's clock. This
module reads them month by month against the rule, and wraps the letters' services with the
one check they leave to the caller: a Party day falls on a working day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role
from danvan.core.periods import period
from danvan.deadlines.ruleset import rule_for
from danvan.deadlines.workcal import get_calendar
from danvan.letters import selectors as letters_selectors
from danvan.letters.services import reception as letters_reception
from danvan.letters.services.errors import LetterError
from danvan.territory.models import Unit

MONTHLY_RULE = "reception.party_head.monthly"
HOST = letters_reception.HostRole.PARTY_SECRETARY
HELD = letters_reception.SessionStatus.HELD
NOT_HELD = letters_reception.SessionStatus.NOT_HELD
SCHEDULED = letters_reception.SessionStatus.SCHEDULED
# The Party secretary, and the commune's reception desk that keeps the schedule and register.
ROLES = letters_reception.PARTY_HOST_ROLES


def can_act(user: object, unit: Unit) -> bool:
    return has_role(user, unit, *ROLES)


def month_end(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)


def required_in_month(first: date) -> int:
    """Days the rule requires in the month starting ``first``: the version in force on the
    month's last day, as the clock reads the period (November 2025 already needs 2)."""
    return rule_for(MONTHLY_RULE, month_end(first)).amount


def months_of(start: date, end: date) -> list[date]:
    """First days of the months that end inside [start, end] (whole months only)."""
    out = []
    first = date(start.year, start.month, 1)
    while first <= end:
        if first >= start and month_end(first) <= end:
            out.append(first)
        first = month_end(first) + timedelta(days=1)
    return out


@dataclass
class Month:
    first: date
    required: int
    sessions: list[Any] = field(default_factory=list)

    @property
    def held(self) -> int:
        return len({s.date for s in self.sessions if s.status == HELD})

    @property
    def not_held(self) -> list[Any]:
        return [s for s in self.sessions if s.status == NOT_HELD]

    @property
    def planned(self) -> int:
        return len({s.date for s in self.sessions if s.status in (HELD, SCHEDULED)})

    @property
    def short(self) -> bool:
        """Fewer days held or still planned than the rule requires."""
        return self.planned < self.required


def year_months(unit: Unit, year: int) -> list[Month]:
    """The twelve months of ``year`` with the required count and the Party secretary's days
    (one query)."""
    months = {m: Month(date(year, m, 1), required_in_month(date(year, m, 1))) for m in range(1, 13)}
    for session in letters_selectors.sessions_of_host(
        [unit.pk], HOST, date(year, 1, 1), date(year, 12, 31)
    ):
        months[session.date.month].sessions.append(session)
    return list(months.values())


def matters_of(user: object, unit: Unit, year: int) -> list[Any]:
    """The register's lines taken on the Party secretary's days of ``year``, with their case
    (the answer's clock), through the register's own scoping."""
    return list(
        letters_selectors.entries_for_user(user)
        .filter(unit=unit, session__host_role=HOST, session__date__year=year)
        .select_related("session")
        .order_by("date", "number")
    )


def session_of(user: object, unit: Unit, session_id: int) -> Any:
    """One of the unit's Party days, else ``LetterError`` (a form error, never a 500)."""
    session = (
        letters_selectors.sessions_for_user(user).filter(pk=session_id, unit=unit, host_role=HOST)
    ).first()
    if session is None:
        raise LetterError("bad_session", _("Chọn một buổi tiếp dân của Bí thư."))
    return session


def schedule(*, unit: Unit, day: date, host_name: str, place: str, actor: Any) -> Any:
    """A Party secretary's reception day in the schedule; refused on a day off (the rule
    counts working days only, DOMAIN §7)."""
    if not get_calendar().is_working_day(day):
        raise LetterError(
            "day_off",
            _("Ngày %(d)s là ngày nghỉ: lịch tiếp dân chỉ tính ngày làm việc.")
            % {"d": day.strftime("%d/%m/%Y")},
        )
    try:
        return letters_reception.session_schedule(
            unit=unit,
            actor=actor,
            day=day,
            kind=letters_reception.SessionKind.PERIODIC,
            host_role=HOST,
            host_name=host_name,
            place=place,
        )
    except IntegrityError:
        # The same day scheduled twice at once: the other request's row won (its own
        # savepoint was rolled back), the same answer as a day already in the schedule.
        raise LetterError("session_exists", _("Đã có buổi tiếp này trong lịch.")) from None


def days_held(unit_ids: list[int], start: date, end: date) -> dict[int, tuple[float, float]]:
    """Indicator: the Party secretary's days held, each month counted up to what the rule
    requires, ÷ the days required, over the whole months of the period. A commune that has
    never put a Party day in its schedule has no data rather than zero (two queries)."""
    months = months_of(*period(start, end))
    if not months:
        return {}
    required = {m: required_in_month(m) for m in months}
    recording = set(
        letters_selectors.sessions_of_host(unit_ids, HOST, None, month_end(months[-1]))
        .values_list("unit_id", flat=True)
        .distinct()
    )
    held: dict[tuple[int, date], set[date]] = defaultdict(set)
    for unit_id, day in (
        letters_selectors.sessions_of_host(unit_ids, HOST, months[0], month_end(months[-1]))
        .filter(status=HELD)
        .values_list("unit_id", "date")
    ):
        held[(unit_id, day.replace(day=1))].add(day)
    total = float(sum(required.values()))
    return {
        uid: (float(sum(min(len(held[(uid, m)]), n) for m, n in required.items())), total)
        for uid in unit_ids
        if uid in recording
    }


def matter_of(user: object, unit: Unit, entry_id: int) -> Any:
    """One register line taken on one of the unit's Party days, else ``LetterError``."""
    entry = (
        letters_selectors.entries_for_user(user)
        .filter(pk=entry_id, unit=unit, session__host_role=HOST)
        .select_related("session")
        .first()
    )
    if entry is None:
        raise LetterError("bad_entry", _("Không tìm thấy vụ việc này."))
    return entry


def days_by_status(unit_ids: list[int], start: date, end: date) -> dict[int, Any]:
    """The indicator's evidence: the Party days of the period per status label (one query)."""
    labels = dict(letters_reception.SessionStatus.choices)
    first, last = period(start, end)
    out: dict[int, Any] = {}
    for unit_id, status in letters_selectors.sessions_of_host(
        unit_ids, HOST, first, last
    ).values_list("unit_id", "status"):
        groups = out.setdefault(unit_id, {"cases": [], "groups": {}})["groups"]
        label = str(labels.get(status, status))
        groups[label] = groups.get(label, 0) + 1
    return out
