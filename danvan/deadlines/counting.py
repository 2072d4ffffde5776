"""The general counting of the clock: variants, extensions, the one-stop cut-off, pauses
and restarts, Art. 148, "minimum", "before" and "periodic" rules. ``clock.compute_due``
takes a shorter road for plain working-day deadlines and comes here for everything else."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from danvan.core.localtime import LOCAL_TZ
from danvan.deadlines import workcal
from danvan.deadlines.results import DueResult, Pause, _fromordinal, _new, _result
from danvan.deadlines.rulespec import PERIODIC_UNITS, DeadlineError, RuleSpec
from danvan.deadlines.workcal import CalendarRangeError, get_calendar

CUTOFF = time(15, 0)
_ONE_DAY = timedelta(days=1)


def _out_of_range(value: date) -> DeadlineError:
    cal = get_calendar()
    return DeadlineError(
        "start_out_of_range",
        f"Ngày {value:%d/%m/%Y} nằm ngoài lịch làm việc "
        f"({cal.allowed_first:%d/%m/%Y}–{cal.allowed_last:%d/%m/%Y}).",
        f"{value:%d/%m/%Y} is outside the working calendar "
        f"({cal.allowed_first:%d/%m/%Y}–{cal.allowed_last:%d/%m/%Y}).",
    )


def _extension_total(
    rule: RuleSpec,
    extensions: int,
    extension_days: Sequence[int] | None,
    complex: bool,
    especially_complex: bool,
) -> tuple[int, ...]:
    if extension_days is not None and not extensions:
        extensions = len(extension_days)
    if extensions < 0:
        raise DeadlineError(
            "invalid_extension", "Số lần gia hạn không hợp lệ.", "Invalid number of extensions."
        )
    if not extensions:
        return ()
    allowed = rule.extensions_allowed(complex=complex, especially_complex=especially_complex)
    if extensions > allowed:
        raise DeadlineError(
            "too_many_extensions",
            f"Quy định “{rule.id}” cho phép gia hạn tối đa {allowed} lần trong trường hợp này "
            f"(yêu cầu {extensions} lần).",
            f"Rule “{rule.id}” allows at most {allowed} extension(s) in this case "
            f"({extensions} requested).",
        )
    if extension_days is None:
        return (rule.extension_amount,) * extensions
    days = tuple(int(x) for x in extension_days)
    if len(days) != extensions or any(x < 1 or x > rule.extension_amount for x in days):
        raise DeadlineError(
            "invalid_extension",
            f"Mỗi lần gia hạn từ 1 đến {rule.extension_amount} ngày.",
            f"Each extension is 1 to {rule.extension_amount} days.",
        )
    return days


def _merge(pauses: Sequence[Pause], today: date) -> list[Pause]:
    """Sorted, non-overlapping pauses; an open pause ends today."""
    out: list[Pause] = []
    for p in sorted(pauses, key=lambda p: p.start):
        end = p.end if p.end is not None else max(today, p.start)
        if end < p.start:
            raise DeadlineError(
                "invalid_pause",
                f"Tạm dừng kết thúc ({end:%d/%m/%Y}) trước khi bắt đầu ({p.start:%d/%m/%Y}).",
                f"A pause ends ({end:%d/%m/%Y}) before it starts ({p.start:%d/%m/%Y}).",
            )
        if out and p.start <= out[-1].end:  # type: ignore[operator]
            last = out[-1]
            out[-1] = Pause(last.start, max(last.end, end), last.restart or p.restart)  # type: ignore[type-var]
        else:
            out.append(Pause(p.start, end, p.restart))
    return out


def _compute(
    rule: RuleSpec,
    received: date,
    received_time: time | None,
    *,
    remote: bool = False,
    complex: bool = False,
    especially_complex: bool = False,
    extensions: int = 0,
    pauses: Sequence[Pause] = (),
    extension_days: Sequence[int] | None = None,
) -> DueResult:
    # The hot path: keep it to array look-ups and one dict; see bench/deadlines_throughput.py.
    cal = get_calendar()
    i = received.toordinal() - cal.base
    if i < cal.first_allowed_index or i > cal.last_allowed_index:
        raise _out_of_range(received)
    amount = base_amount = (
        rule.amount_for(remote=remote, complex=complex) if remote or complex else rule.amount
    )
    ext: tuple[int, ...] = ()
    if extensions or extension_days is not None:
        ext = _extension_total(rule, extensions, extension_days, complex, especially_complex)
        amount += sum(ext)
    kind = rule.kind
    start = received
    shifted = False
    raw_end = None
    try:
        if kind == "periodic" or rule.unit in PERIODIC_UNITS:
            return _periodic(cal, rule, received, received_time, remote, complex)
        if kind == "before":
            return _before(cal, rule, received, received_time, amount, remote, complex)
        if rule.one_stop_cutoff and (
            not cal.working[i] or (received_time is not None and received_time > CUTOFF)
        ):
            # after 15:00, or on a day off: handed on at the start of the next working day
            start = cal.add_working_days(received, 1)
            i = start.toordinal() - cal.base
            shifted = True
        if pauses:
            return _with_pauses(
                cal,
                rule,
                received,
                received_time,
                start,
                shifted,
                amount,
                base_amount,
                ext,
                pauses,
                remote,
                complex,
                especially_complex,
            )
        if rule.unit == "working":
            k = cal.prefix[i] + amount - 1
            if amount <= 0 or k >= cal.work_count:
                due = cal.add_working_days(start, amount)
            else:
                due = _fromordinal(cal.work_days[k] + cal.base)
        else:
            raw_end = start + timedelta(days=amount)
            due = raw_end
            if kind != "minimum":
                j = i + amount
                if j >= cal.size:
                    raise CalendarRangeError(raw_end.isoformat())
                if not cal.working[j]:
                    due = cal.add_working_days(raw_end, 1)
    except CalendarRangeError:
        raise _due_out_of_range(received) from None
    r = _new(DueResult)
    r.__dict__.update(
        {
            "due": due,
            "rule": rule,
            "start": start,
            "received": received,
            "received_time": received_time,
            "amount": amount,
            "base_amount": base_amount,
            "extension_days": ext,
            "remote": remote,
            "complex": complex,
            "especially_complex": especially_complex,
            "cutoff_shift": shifted,
            "pauses": (),
            "restarted_from": None,
            "raw_end": raw_end,
            "paused": False,
            "extra": {},
        }
    )
    return r


def _due_out_of_range(received: date) -> DeadlineError:
    return DeadlineError(
        "due_out_of_range",
        f"Hạn tính từ ngày {received:%d/%m/%Y} vượt quá phạm vi của lịch làm việc.",
        f"The due date from {received:%d/%m/%Y} falls beyond the working calendar.",
    )


def _count(cal: workcal.WorkCalendar, rule: RuleSpec, start: date, amount: int) -> date:
    """The raw end of ``amount`` days from ``start`` (no Art. 148 shift)."""
    if rule.unit == "working":
        return cal.add_working_days(start, amount)
    return start + timedelta(days=amount)


def _span(cal: workcal.WorkCalendar, rule: RuleSpec, first: date, last: date) -> int:
    """Days that would have counted in [first, last] (working days for working rules)."""
    if last < first:
        return 0
    if rule.unit == "working":
        return cal.working_days_between(first - _ONE_DAY, last)
    return (last - first).days + 1


def _with_pauses(
    cal: workcal.WorkCalendar,
    rule: RuleSpec,
    received: date,
    received_time: time | None,
    start: date,
    shifted: bool,
    amount: int,
    base_amount: int,
    ext: tuple[int, ...],
    pauses: Sequence[Pause],
    remote: bool,
    complex: bool,
    especially_complex: bool,
) -> DueResult:
    today = datetime.now(LOCAL_TZ).date()
    merged = _merge(pauses, today)
    still_open = any(p.end is None for p in pauses)
    end = _count(cal, rule, start, amount)
    used: list[Pause] = []
    restarted: date | None = None
    for p in merged:
        if p.start > end or p.end <= start:  # type: ignore[operator]
            continue  # after the clock ran out, or before it started
        if p.restart or rule.restart_from_zero:
            start = p.end  # type: ignore[assignment]
            restarted = start
            used = [p]
            end = _count(cal, rule, start, amount)
            continue
        first = max(p.start, start + _ONE_DAY)
        lost = _span(cal, rule, first, p.end - _ONE_DAY)  # type: ignore[operator,arg-type]
        if lost:
            end = (
                cal.add_working_days(end, lost)
                if rule.unit == "working"
                else end + timedelta(days=lost)
            )
            used.append(p)
    due = end
    raw_end = None
    if rule.unit != "working":
        raw_end = end
        if rule.kind != "minimum":
            due = cal.next_working_day(end)
    return _result(
        due,
        rule,
        start,
        received,
        received_time,
        amount,
        base_amount,
        ext,
        remote,
        complex,
        especially_complex,
        shifted,
        tuple(used),
        restarted,
        raw_end,
        still_open,
    )


def _before(
    cal: workcal.WorkCalendar,
    rule: RuleSpec,
    event: date,
    event_time: time | None,
    amount: int,
    remote: bool,
    complex: bool,
) -> DueResult:
    """The latest day to act ``amount`` days before ``event``."""
    if rule.unit == "working":
        due = cal.add_working_days(event, -amount)
    else:
        due = event - timedelta(days=amount)
    cal.index(due)
    return _result(
        due,
        rule,
        event,
        event,
        event_time,
        amount,
        amount,
        (),
        remote,
        complex,
        False,
        False,
        (),
        None,
        None,
        False,
    )


def _periodic(
    cal: workcal.WorkCalendar,
    rule: RuleSpec,
    start: date,
    start_time: time | None,
    remote: bool,
    complex: bool,
) -> DueResult:
    """The last working day of the period (week, month, quarter, year) containing ``start``."""
    unit = rule.unit
    if unit == "week":
        last = start + timedelta(days=6 - start.weekday())
    elif unit == "month":
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        last = nxt - _ONE_DAY
    elif unit == "quarter":
        q_end_month = ((start.month - 1) // 3 + 1) * 3
        nxt = date(start.year + (q_end_month == 12), q_end_month % 12 + 1, 1)
        last = nxt - _ONE_DAY
    else:
        last = date(start.year, 12, 31)
    due = last
    while not cal.is_working_day(due) and due > start:
        due -= _ONE_DAY
    return _result(
        due,
        rule,
        start,
        start,
        start_time,
        rule.amount,
        rule.amount,
        (),
        remote,
        complex,
        False,
        False,
        (),
        None,
        last,
        False,
    )
