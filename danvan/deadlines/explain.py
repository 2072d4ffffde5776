"""Explanations of due dates, in Vietnamese and English.

Built only when read (``DueResult.explanation_vi``), so that computing a million due dates
costs no string formatting. The sentences are written here in both languages rather than
through gettext: an explanation is a legal record whose wording must not depend on the
request's language settings, and the API returns either language on demand.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from danvan.deadlines.workcal import WEEKDAY_EN, WEEKDAY_VI, get_calendar, group_label

if TYPE_CHECKING:
    from danvan.deadlines.clock import DueResult

_ONE = timedelta(days=1)
CIVIL_147 = ("Bộ luật Dân sự 2015, Điều 147", "Civil Code 2015, Art. 147")
CIVIL_148 = ("Bộ luật Dân sự 2015, Điều 148", "Civil Code 2015, Art. 148")


def fmt(d: date) -> str:
    return f"{d:%d/%m/%Y}"


def fmt_range(a: date, b: date) -> str:
    """ "14–22/02/2026", "30/04–03/05/2026", "31/12/2025–01/01/2026", or one date."""
    if a == b:
        return fmt(a)
    if a.year != b.year:
        return f"{fmt(a)}–{fmt(b)}"
    if a.month != b.month:
        return f"{a:%d/%m}–{fmt(b)}"
    return f"{a:%d}–{fmt(b)}"


def _units(n: int, unit: str, lang: str) -> str:
    if lang == "vi":
        return {
            "working": f"{n} ngày làm việc",
            "calendar": f"{n} ngày",
            "week": f"{n} lần mỗi tuần",
            "month": f"{n} lần mỗi tháng",
            "quarter": f"{n} lần mỗi quý",
            "year": f"{n} lần mỗi năm",
        }.get(unit, f"{n} {unit}")
    plural = "" if n == 1 else "s"
    return {
        "working": f"{n} working day{plural}",
        "calendar": f"{n} day{plural}",
        "week": f"{n} time{plural} a week",
        "month": f"{n} time{plural} a month",
        "quarter": f"{n} time{plural} a quarter",
        "year": f"{n} time{plural} a year",
    }.get(unit, f"{n} {unit}")


def _paused_days(r: DueResult) -> set[date]:
    out: set[date] = set()
    for p in r.pauses:
        if p.restart or r.rule.restart_from_zero:
            continue
        d = max(p.start, r.start + _ONE)
        while p.end is not None and d < p.end:
            out.add(d)
            d += _ONE
    return out


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def skipped_days(r: DueResult, lang: str) -> list[tuple[date, str]]:
    """The days passed over and why: non-working days inside a working-day count, the days an
    Art. 148 shift jumped, and the paused days."""
    cal = get_calendar()
    vi = lang == "vi"
    paused = _paused_days(r)
    out: list[tuple[date, str]] = []
    if r.rule.kind == "before" or r.rule.kind == "periodic":
        return out
    if r.rule.unit == "working":
        first, last = r.start + _ONE, r.due
    elif r.raw_end is not None and r.raw_end < r.due:
        first, last = r.raw_end, r.due - _ONE
    else:
        first, last = r.due, r.due - _ONE  # nothing but pauses
    d = first
    while d <= last:
        if d in paused:
            out.append((d, "tạm dừng" if vi else "paused"))
        elif not cal.is_working_day(d):
            info = cal.day_info(d)
            out.append((d, info.reason_vi if vi else info.reason_en))
        d += _ONE
    listed = {d for d, _ in out}
    for d in sorted(paused - listed):
        out.append((d, "tạm dừng" if vi else "paused"))
    out.sort()
    return out


def skipped_groups(r: DueResult, lang: str) -> list[tuple[date, date, str, bool]]:
    """Runs of consecutive skipped days: (first, last, label, named) — ``named`` is False for
    a run of plain weekend days. A run of holiday and weekend days is named after the
    holiday ("Tết Nguyên đán 14–22/02/2026")."""
    cal = get_calendar()
    vi = lang == "vi"
    days = skipped_days(r, lang)
    groups: list[tuple[date, date, str, bool]] = []
    run: list[date] = []

    def close() -> None:
        if not run:
            return
        names: list[str] = []
        for d in run:
            info = cal.day_info(d)
            if d in paused:
                label = "Tạm dừng" if vi else "Paused"
            elif info.source in ("weekend", ""):
                continue
            else:
                label = group_label(info.reason_vi if vi else info.reason_en, "vi" if vi else "en")
                if info.to_confirm:
                    note = info.confirm_vi if vi else info.confirm_en
                    label = f"{group_label(info.name_vi if vi else info.name_en, lang)} ({note})"
            if label not in names:
                names.append(label)
        named = bool(names)
        label = ", ".join(names) if names else ("Cuối tuần" if vi else "Weekend")
        groups.append((run[0], run[-1], label, named))

    paused = _paused_days(r)
    for d, _ in days:
        if run and d != run[-1] + _ONE:
            close()
            run = []
        run.append(d)
    close()
    return groups


def _rule_line(r: DueResult, lang: str) -> str:
    rule = r.rule
    vi = lang == "vi"
    parts = [f"{rule.name(lang)}: {_units(rule.amount, rule.unit, lang)} ({rule.cite(lang)})"]
    variants = []
    if rule.remote_amount is not None:
        variants.append(
            ("vùng sâu, vùng xa " if vi else "remote area ")
            + _units(rule.remote_amount, rule.unit, lang)
        )
    if rule.complex_amount is not None:
        variants.append(
            ("phức tạp " if vi else "complex ") + _units(rule.complex_amount, rule.unit, lang)
        )
    if rule.remote_complex_amount is not None:
        variants.append(
            ("vùng sâu, vùng xa và phức tạp " if vi else "remote and complex ")
            + _units(rule.remote_complex_amount, rule.unit, lang)
        )
    if variants:
        parts.append("; ".join(variants))
    since = (
        (
            f"hiệu lực từ {fmt(rule.effective_from)}"
            if vi
            else f"in force from {fmt(rule.effective_from)}"
        )
        if rule.effective_from
        else ""
    )
    until = (
        (
            f"đến hết {fmt(rule.effective_to - _ONE)}"
            if vi
            else f"until {fmt(rule.effective_to - _ONE)}"
        )
        if rule.effective_to
        else ""
    )
    version = f"phiên bản {rule.version}" if vi else f"version {rule.version}"
    parts.append(" ".join(x for x in (version, since, until) if x))
    if not rule.confirmed:
        parts.append("giá trị chưa được xác nhận" if vi else "value not confirmed")
    return ("Quy định: " if vi else "Rule: ") + "; ".join(parts) + "."


def _summary(r: DueResult, lang: str) -> str:
    rule = r.rule
    vi = lang == "vi"
    event = (rule.start_event_vi if vi else rule.start_event_en) or (
        "ngày bắt đầu" if vi else "the start"
    )
    if rule.kind == "periodic":
        if r.extra.get("no_working_day"):
            first, last = r.extra["period"]
            return (
                f"Kỳ {fmt_range(first, last)} không còn ngày làm việc nào từ {fmt(r.start)}: "
                f"không thể thực hiện trong kỳ này; ngày làm việc tiếp theo là {fmt(r.due)} "
                f"— {_units(rule.amount, rule.unit, lang)} ({rule.cite(lang)})."
                if vi
                else f"The period {fmt_range(first, last)} has no working day left from "
                f"{fmt(r.start)}: it cannot be done in this period; the next working day is "
                f"{fmt(r.due)} — {_units(rule.amount, rule.unit, lang)} ({rule.cite(lang)})."
            )
        return (
            f"Hạn của kỳ này: {fmt(r.due)} — {_units(rule.amount, rule.unit, lang)} "
            f"({rule.cite(lang)})."
            if vi
            else f"Due this period: {fmt(r.due)} — {_units(rule.amount, rule.unit, lang)} "
            f"({rule.cite(lang)})."
        )
    if rule.kind == "before":
        return (
            f"Chậm nhất: {fmt(r.due)} — {_units(r.amount, rule.unit, lang)} trước {event} "
            f"{fmt(r.received)} ({rule.cite(lang)})."
            if vi
            else f"At the latest: {fmt(r.due)} — {_units(r.amount, rule.unit, lang)} before "
            f"{event} {fmt(r.received)} ({rule.cite(lang)})."
        )
    if r.restarted_from:
        event = "ngày nhận đủ hồ sơ (tính lại từ đầu)" if vi else "the completed dossier (restart)"
    head = (
        ("Sớm nhất được kết thúc" if vi else "Earliest end")
        if rule.kind == "minimum"
        else ("Hạn" if vi else "Due")
    )
    if vi:
        return (
            f"{head}: {fmt(r.due)} — {_units(r.amount, rule.unit, lang)} kể từ {event} "
            f"{fmt(r.start)} ({rule.cite(lang)}); không tính ngày bắt đầu."
        )
    return (
        f"{head}: {fmt(r.due)} — {_units(r.amount, rule.unit, lang)} from {event} "
        f"{fmt(r.start)} ({rule.cite(lang)}); the start day is not counted."
    )


def explain(r: DueResult, lang: str) -> list[str]:
    lang = "en" if lang.startswith("en") else "vi"
    vi = lang == "vi"
    rule = r.rule
    lines = [_summary(r, lang), _rule_line(r, lang)]
    if r.cutoff_shift:
        at = (
            f" lúc {r.received_time:%H:%M}"
            if vi and r.received_time
            else (f" at {r.received_time:%H:%M}" if r.received_time else "")
        )
        cite = cutoff_citation(r.received)
        lines.append(
            f"Tiếp nhận{at} ngày {fmt(r.received)}, sau 15:00 hoặc vào ngày nghỉ: chuyển sang "
            f"ngày làm việc tiếp theo {fmt(r.start)} ({cite[0]})."
            if vi
            else f"Received{at} on {fmt(r.received)}, after 15:00 or on a day off: handed on "
            f"on the next working day {fmt(r.start)} ({cite[1]})."
        )
    variant = []
    if r.remote:
        variant.append("vùng sâu, vùng xa" if vi else "remote area")
    if r.especially_complex:
        variant.append("vụ việc đặc biệt phức tạp" if vi else "especially complex matter")
    elif r.complex:
        variant.append("vụ việc phức tạp" if vi else "complex matter")
    if variant and rule.kind in ("deadline", "minimum"):
        lines.append(
            (f"Áp dụng: {', '.join(variant)} → {_units(r.base_amount, rule.unit, lang)}.")
            if vi
            else f"Applies: {', '.join(variant)} → {_units(r.base_amount, rule.unit, lang)}."
        )
    if r.extension_days:
        n = len(r.extension_days)
        added = " + ".join(_units(x, rule.unit, lang) for x in r.extension_days)
        needs = {
            "criterion": (
                "cần quyết định gia hạn nêu tiêu chí phức tạp",
                "the written extension must state the complexity criterion",
            ),
            "reason": (
                "cần quyết định gia hạn nêu lý do",
                "the written extension must state the reason",
            ),
        }.get(rule.extension_requires)
        tail = f" ({needs[0] if vi else needs[1]})" if needs else ""
        lines.append(
            f"Gia hạn {n} lần: thêm {added}{tail}."
            if vi
            else f"Extended {n} time{'s' if n > 1 else ''}: plus {added}{tail}."
        )
    if rule.kind in ("deadline", "minimum"):
        lines += _counting_lines(r, lang)
    if rule.kind == "periodic":
        lines += _periodic_lines(r, lang)
    if r.paused:
        lines.append(
            "Đang tạm dừng: hạn trên giả định tiếp tục tính từ hôm nay."
            if vi
            else "Still paused: the date above assumes the clock resumes today."
        )
    note = rule.note_vi if vi else rule.note_en
    if note:
        lines.append(("Ghi chú: " if vi else "Note: ") + note)
    return lines


CUTOFF_TEXT = ("Nghị định 61/2018/NĐ-CP, Điều 18 khoản 2", "Decree 61/2018/ND-CP, Art. 18(2)")
# Decree 118/2025 carries the 15:00 rule on from 1 July 2025 (DOMAIN §1); its article number
# has not been checked against the official text, so none is cited.
CUTOFF_TEXT_118 = (
    "Nghị định 118/2025/NĐ-CP, thay Nghị định 61/2018/NĐ-CP từ 01/07/2025",
    "Decree 118/2025/ND-CP, replacing Decree 61/2018/ND-CP from 01/07/2025",
)
DECREE_118_FROM = date(2025, 7, 1)


def cutoff_citation(received: date) -> tuple[str, str]:
    """The source of the after-15:00 rule on the day a dossier was received."""
    return CUTOFF_TEXT_118 if received >= DECREE_118_FROM else CUTOFF_TEXT


def _periodic_lines(r: DueResult, lang: str) -> list[str]:
    """How many working days the period has left, the latest days the duty can be met, and
    what to do when the period is short or empty; a worked Saturday is named."""
    vi = lang == "vi"
    extra = r.extra
    if "period" not in extra:
        return []
    first, last = extra["period"]
    lines = []
    if extra.get("no_working_day"):
        days = _named_groups(max(first, r.start), last, lang)
        if days:
            lines.append(
                ("Các ngày nghỉ của kỳ: " if vi else "Days off in the period: ") + "; ".join(days)
            )
        lines.append(
            "Nghĩa vụ định kỳ chỉ thực hiện vào ngày làm việc, không bao giờ vào ngày nghỉ, lễ, Tết."
            if vi
            else "A periodic duty is held on working days only, never on a rest day or holiday."
        )
        return lines
    left, latest, needed = extra["working_left"], extra["latest"], max(1, r.rule.amount)
    lines.append(
        f"Kỳ {fmt_range(first, last)}: còn {left} ngày làm việc kể từ {fmt(r.start)}; "
        f"cần ít nhất {needed} ngày trong kỳ."
        if vi
        else f"Period {fmt_range(first, last)}: {left} working day{'s' if left != 1 else ''} "
        f"left from {fmt(r.start)}; at least {needed} day{'s' if needed != 1 else ''} needed "
        "in the period."
    )
    if needed > 1 and latest:
        listed = ", ".join(fmt(d) for d in latest)
        lines.append(
            f"Chậm nhất, {len(latest)} ngày cuối cùng còn thực hiện được: {listed}."
            if vi
            else f"At the latest, the last {len(latest)} days it can still be done: {listed}."
        )
    if extra.get("short"):
        lines.append(
            f"Kỳ này chỉ còn {left} ngày làm việc, ít hơn {needed} ngày cần có."
            if vi
            else f"Only {left} working day{'s' if left != 1 else ''} left in this period, fewer "
            f"than the {needed} needed."
        )
    lines += _worked_weekend_lines([*latest, r.due], lang)
    return lines


def _worked_weekend_lines(days: list[date], lang: str) -> list[str]:
    """Name the worked Saturdays among ``days`` ("Thứ Bảy 22/08/2026: ngày làm việc bù")."""
    cal = get_calendar()
    vi = lang == "vi"
    out = []
    for d in sorted(set(days)):
        if d.weekday() < 5 or not cal.is_working_day(d):
            continue
        info = cal.day_info(d)
        swapped = _swapped_for(d)
        name = WEEKDAY_VI[d.weekday()] if vi else WEEKDAY_EN[d.weekday()]
        if info.source == "working_saturday":
            what = "ngày làm việc bù" if vi else "a make-up working day"
        else:
            what = (
                f"ngày làm việc ({info.reason_vi})" if vi else f"a working day ({info.reason_en})"
            )
        if swapped is not None:
            what += (
                f", đổi cho ngày nghỉ {fmt(swapped)}"
                if vi
                else f", worked in exchange for the day off on {fmt(swapped)}"
            )
        out.append(
            f"{name} {fmt(d)} là {what}: được tính là ngày làm việc."
            if vi
            else f"{name} {fmt(d)} is {what}: it counts as a working day."
        )
    return out


def _swapped_for(worked: date) -> date | None:
    """The day off given in exchange for a worked Saturday ("Ngày nghỉ (thay cho ngày
    22/08/2026)" is 31/08/2026)."""
    cal = get_calendar()
    marker = f"thay cho ngày {fmt(worked)}"
    for offset in range(-31, 32):
        d = worked + timedelta(days=offset)
        info = cal.info.get(d.toordinal())  # days off all have an entry
        if info is not None and not info.working and marker in info.name_vi:
            return d
    return None


def _named_groups(first: date, last: date, lang: str) -> list[str]:
    """Runs of days off in [first, last] that include a named day (holiday, swap, decision),
    as "Tết Nguyên đán 14–22/02/2026"; plain weekends are left out. A day an administrator
    still has to confirm says so."""
    cal = get_calendar()
    vi = lang == "vi"
    out = []
    run: list[date] = []

    def close() -> None:
        names, to_confirm = [], []
        for d in run:
            info = cal.day_info(d)
            if info.source in ("weekend", ""):
                continue
            label = group_label(info.name_vi if vi else info.name_en, "vi" if vi else "en")
            if label not in names:
                names.append(label)
            note = info.confirm_vi if vi else info.confirm_en
            if note and note not in to_confirm:
                to_confirm.append(note)
        if names:
            text = f"{', '.join(names)} {fmt_range(run[0], run[-1])}"
            if to_confirm:
                text += " (" + "; ".join(to_confirm) + ")"
            out.append(text)

    d = first
    while d <= last:
        if not cal.is_working_day(d):
            if run and d != run[-1] + _ONE:
                close()
                run = []
            run.append(d)
        d += _ONE
    if run:
        close()
    return out


def _counting_lines(r: DueResult, lang: str) -> list[str]:
    vi = lang == "vi"
    rule = r.rule
    lines = []
    if rule.unit == "working":
        lines.append(
            "Tính theo ngày làm việc: không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết và ngày "
            f"nghỉ được công bố ({CIVIL_147[0]})."
            if vi
            else "Counted in working days: Saturdays, Sundays, public holidays, Tết and announced "
            f"days off are not counted ({CIVIL_147[1]})."
        )
    else:
        lines.append(
            f"Tính theo ngày (kể cả ngày nghỉ); không tính ngày bắt đầu ({CIVIL_147[0]})."
            if vi
            else f"Counted in calendar days (days off included); the start day is not counted "
            f"({CIVIL_147[1]})."
        )
    if r.restarted_from:
        lines.append(
            f"Thời hạn tính lại từ đầu kể từ ngày {fmt(r.restarted_from)} (hồ sơ đã đầy đủ)."
            if vi
            else f"The period restarted from zero on {fmt(r.restarted_from)} (dossier complete)."
        )
    for p in r.pauses:
        if p.restart or rule.restart_from_zero or p.end is None:
            continue
        lines.append(
            f"Tạm dừng {fmt_range(p.start, p.end - _ONE)}: các ngày này không tính, phần còn lại "
            f"tiếp tục từ {fmt(p.end)}."
            if vi
            else f"Paused {fmt_range(p.start, p.end - _ONE)}: those days do not count, the rest "
            f"continues from {fmt(p.end)}."
        )
    groups = skipped_groups(r, lang)
    weekends = sum((b - a).days + 1 for a, b, _, named in groups if not named)
    if rule.unit == "working":
        for a, b, label, named in groups:
            if named:
                lines.append(f"{'Bỏ qua' if vi else 'Skipped'}: {label} {fmt_range(a, b)}")
        lines += _worked_weekend_lines(_days(r.start + _ONE, r.due), lang)
    else:
        # Calendar days: holidays inside the period count like any day; nothing is skipped.
        end = r.raw_end if r.raw_end is not None else r.due
        counted = _named_groups(r.start + _ONE, min(end, r.due), lang)
        if counted:
            lines.append(
                ("Tính cả (thời hạn theo ngày): " if vi else "Counted (calendar days): ")
                + "; ".join(counted)
            )
        lines += _worked_weekend_lines([r.due], lang)
    if weekends and rule.unit == "working":
        lines.append(
            f"Bỏ qua {weekends} ngày nghỉ cuối tuần."
            if vi
            else f"Skipped {weekends} weekend day{'s' if weekends > 1 else ''}."
        )
    if rule.unit != "working" and r.raw_end is not None and r.raw_end != r.due:
        info = get_calendar().day_info(r.raw_end)
        reason = info.reason_vi if vi else info.reason_en
        lines.append(
            f"Ngày cuối cùng {fmt(r.raw_end)} là ngày nghỉ ({reason}): hạn chuyển sang ngày làm "
            f"việc tiếp theo {fmt(r.due)} ({CIVIL_148[0]})."
            if vi
            else f"The last day {fmt(r.raw_end)} is a day off ({reason}): the period ends on the "
            f"next working day {fmt(r.due)} ({CIVIL_148[1]})."
        )
    if rule.kind == "minimum":
        lines.append(
            "Đây là thời hạn tối thiểu: ngày trên là ngày sớm nhất được kết thúc."
            if vi
            else "This is a minimum period: the date above is the earliest it may end."
        )
    return lines
