"""The legal clock: every due date in the product comes from ``compute_due``.

Counting (docs/domain.md §1, Civil Code 2015 Art. 147–148):

* the start day is not counted; "working" periods count Monday–Friday minus public holidays
  and announced days off, plus announced working Saturdays; "calendar" periods count every
  day, and if the last day is not a working day the period ends on the next working day;
* rules with ``one_stop_cutoff`` (Decree 61/2018 Art. 18(2)) treat a dossier received after
  15:00 local time — or on a day off — as received at the start of the next working day, so
  the count starts from that day;
* pauses (``Pause(start, end)``): the days from ``start`` up to the day before ``end`` do not
  count, the remaining days continue on ``end``. A pause that begins after the clock ran out
  changes nothing. With ``Pause(..., restart=True)`` — or for a rule whose
  ``restart_from_zero`` is set — the whole period starts again from ``end`` (the day the
  missing documents arrived, not counted). A pause still open (``end=None``) is treated as
  resuming today; the result then says ``paused=True``;
* extensions: ``extensions=N`` adds N × the rule's extension amount (or the given
  ``extension_days``, each at most that amount), within the number the variant allows;
* "minimum" rules (posting ≥30 days) give the earliest day the period may end and are not
  moved to a working day; "before" rules count back from an event (notice ≥2 days before a
  meeting); "periodic" rules give the last working day of the period (week, month, quarter,
  year) that contains the start date.

Times: aware datetimes are converted to Asia/Ho_Chi_Minh before the date is taken (never the
server's zone); naive datetimes are taken as already local.

The hot path is array look-ups in a precomputed calendar and a dict of rules held in memory;
explanations and the list of skipped days are built only when read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from danvan.core.localtime import LOCAL_TZ, local_date, local_date_time
from danvan.deadlines import ruleset
from danvan.deadlines.counting import CUTOFF, _compute
from danvan.deadlines.results import DueResult, Pause, _fromordinal, _plain
from danvan.deadlines.rulespec import DeadlineError, RuleSpec
from danvan.deadlines.workcal import get_calendar

__all__ = [
    "CUTOFF",
    "LOCAL_TZ",
    "DeadlineError",
    "DueResult",
    "Pause",
    "RuleSpec",
    "add_working_days",
    "compute_due",
    "compute_due_days",
    "compute_for_rule",
    "is_working_day",
    "local_date",
    "working_days_between",
]


def is_working_day(d: date) -> bool:
    return get_calendar().is_working_day(d)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (start not counted; n < 0 counts back)."""
    return get_calendar().add_working_days(start, n)


def working_days_between(a: date, b: date) -> int:
    """Working days d with a < d <= b."""
    return get_calendar().working_days_between(a, b)


def compute_due(
    rule_id: str,
    start: date | datetime,
    *,
    remote: bool = False,
    complex: bool = False,
    especially_complex: bool = False,
    extensions: int = 0,
    pauses: Sequence[Pause] = (),
    extension_days: Sequence[int] | None = None,
    on: date | None = None,
) -> DueResult:
    """The due date of rule ``rule_id`` for a start event at ``start``.

    ``on`` chooses the rule version (default: the start event's local date — the rule in
    force when the event happened applies). ``especially_complex`` implies ``complex``.
    Raises ``DeadlineError`` (codes: unknown_rule, no_rule_in_force, start_out_of_range,
    too_many_extensions, invalid_extension, invalid_pause, due_out_of_range).
    """
    if start.__class__ is date:
        received, received_time = start, None
    else:
        received, received_time = local_date_time(start)
    rule = ruleset.rule_for(rule_id, on or received)
    if (
        rule.unit == "working"
        and rule.kind == "deadline"
        and not (remote or complex or especially_complex or extensions or pauses)
        and extension_days is None
        and not rule.one_stop_cutoff
    ):
        # The common case (a plain working-day deadline) without the general machinery.
        cal = get_calendar()
        i = received.toordinal() - cal.base
        if cal.first_allowed_index <= i <= cal.last_allowed_index:
            k = cal.prefix[i] + rule.amount - 1
            if rule.amount > 0 and k < cal.work_count:
                return _plain(
                    _fromordinal(cal.work_days[k] + cal.base), rule, received, received_time
                )
    return _compute(
        rule,
        received,
        received_time,
        remote=remote,
        complex=complex or especially_complex,
        especially_complex=especially_complex,
        extensions=extensions,
        pauses=pauses,
        extension_days=extension_days,
    )


def compute_due_days(
    *,
    amount: int,
    unit: str,
    start: date | datetime,
    citation: str,
    one_stop_cutoff: bool = False,
    pauses: Sequence[Pause] = (),
    citation_en: str = "",
    name_vi: str = "",
    name_en: str = "",
) -> DueResult:
    """An ad-hoc rule (a procedure's published processing time, a deadline set in a
    decision): ``amount`` days in ``unit`` ("working" or "calendar") from ``start``."""
    if unit not in ("working", "calendar"):
        raise DeadlineError(
            "invalid_unit",
            f"Đơn vị “{unit}” không hợp lệ (working hoặc calendar).",
            f"Unit “{unit}” is invalid (working or calendar).",
        )
    if amount < 0:
        raise DeadlineError(
            "invalid_amount", "Số ngày phải không âm.", "Days must not be negative."
        )
    rule = RuleSpec(
        id="adhoc",
        amount=amount,
        unit=unit,
        citation=citation,
        citation_en=citation_en or citation,
        name_vi=name_vi or "Thời hạn theo văn bản",
        name_en=name_en or "Period set by the document",
        one_stop_cutoff=one_stop_cutoff,
    )
    received, received_time = local_date_time(start)
    return _compute(rule, received, received_time, pauses=pauses)


def compute_for_rule(rule: RuleSpec, start: date | datetime, **kwargs: Any) -> DueResult:
    """Like ``compute_due`` with a ``RuleSpec`` in hand (rule sources, previews)."""
    received, received_time = local_date_time(start)
    cx = kwargs.pop("complex", False)
    ecx = kwargs.pop("especially_complex", False)
    return _compute(
        rule, received, received_time, complex=cx or ecx, especially_complex=ecx, **kwargs
    )
