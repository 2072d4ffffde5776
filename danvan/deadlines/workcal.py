"""The working-day calendar: weekends, Vietnamese public holidays and administrator overrides.

The calendar is precomputed once for every day of ``FIRST_YEAR``–``LAST_YEAR`` (plus a margin
year so periods that start late in ``LAST_YEAR`` can still end): a bytearray says whether each
day is a working day and two integer arrays give, for each day, how many working days came
up to and including it (``prefix``) and, for each k, the k-th working day (``work_days``).
Adding n working days is then two array look-ups, which keeps the hot path of
``compute_due`` free of loops, of the database and of translations.

Sources, in order of precedence (later wins):
1. weekends (Saturday, Sunday);
2. the ``holidays`` package (country VN, lunar calendar computed at UTC+7, names in
   Vietnamese and English), including the swaps it knows: a swapped day off is a holiday
   entry ("Ngày nghỉ (thay cho ngày 22/08/2026)") and the Saturday worked in exchange is in
   ``weekend_workdays``;
3. administrator overrides (``CalendarOverride``): an extra day off or a working day, with
   the reference of the decision that announced it.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

FIRST_YEAR = 2010
LAST_YEAR = 2035
# Days after LAST_YEAR kept in the arrays so a period started on 31/12/LAST_YEAR can end.
_MARGIN_YEARS = 2

WEEKDAY_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class OverrideDay:
    """An administrator's decision about one date (the plain form the calendar needs)."""

    day: date
    kind: str  # "day_off" | "working_day"
    name_vi: str = ""
    name_en: str = ""
    reference: str = ""


@dataclass(frozen=True)
class DayInfo:
    """Why a date is (or is not) a working day."""

    day: date
    working: bool
    name_vi: str  # holiday name, weekday name of a weekend, or override name
    name_en: str
    source: str  # "weekend" | "holiday" | "swap" | "override" | "working_saturday" | ""
    reference: str = ""  # decision reference for overrides

    @property
    def reason_vi(self) -> str:
        if self.reference:
            return f"{self.name_vi} ({self.reference})"
        return self.name_vi

    @property
    def reason_en(self) -> str:
        if self.reference:
            return f"{self.name_en} ({self.reference})"
        return self.name_en


class CalendarRangeError(ValueError):
    """A date outside the years the calendar covers."""


_OBSERVED = re.compile(r"\s*\((nghỉ bù|observed)\)\s*$")


def affected(changed: Sequence[int], starts: Sequence[int], dues: Sequence[int]) -> list[int]:
    """Positions k whose period (starts[k], dues[k]] contains a changed date (ordinals;
    ``changed`` sorted): only those due dates can move after a calendar change."""
    from bisect import bisect_right

    out = []
    last = len(changed)
    for k, (s, d) in enumerate(zip(starts, dues, strict=True)):
        j = bisect_right(changed, s)
        if j < last and changed[j] <= d:
            out.append(k)
    return out


def group_label(name: str, lang: str) -> str:
    """The name under which consecutive days off are grouped ("Tết Nguyên đán" for the
    five or more Tết days, whatever each is called, without "(nghỉ bù)")."""
    name = _OBSERVED.sub("", name)
    if lang == "vi":
        if "Tết" in name and "Dương lịch" not in name:
            return "Tết Nguyên đán"
        return name
    if "Lunar New Year" in name:
        return "Lunar New Year (Tết)"
    return name


class WorkCalendar:
    """An immutable, precomputed calendar. Build with ``WorkCalendar.build``."""

    def __init__(
        self,
        *,
        first: date,
        working: bytearray,
        info: dict[int, DayInfo],
        overrides: tuple[OverrideDay, ...],
    ) -> None:
        self.first = first
        self.base = first.toordinal()
        self.working = working
        self.size = len(working)
        self.last = date.fromordinal(self.base + self.size - 1)
        self.info = info  # ordinal -> DayInfo, for every non-working day and special workday
        self.overrides = overrides
        prefix = array("i", bytes(4 * self.size))
        work_days = array("i")
        count = 0
        for i, flag in enumerate(working):
            if flag:
                work_days.append(i)
                count += 1
            prefix[i] = count
        self.prefix = prefix
        self.work_days = work_days
        self.work_count = len(work_days)
        self.allowed_first = date(FIRST_YEAR, 1, 1)
        self.allowed_last = date(LAST_YEAR, 12, 31)
        self.first_allowed_index = self.allowed_first.toordinal() - self.base
        self.last_allowed_index = self.allowed_last.toordinal() - self.base

    # -- construction -------------------------------------------------------------------
    @classmethod
    def build(cls, overrides: Iterable[OverrideDay] = ()) -> WorkCalendar:
        first, last, base_working, base_info = _package_calendar()
        base = first.toordinal()
        working = bytearray(base_working)
        info = dict(base_info)
        kept = tuple(sorted(overrides, key=lambda o: o.day))
        for o in kept:
            if not first <= o.day <= last:
                continue
            i = o.day.toordinal() - base
            day_off = o.kind == "day_off"
            working[i] = 0 if day_off else 1
            info[o.day.toordinal()] = DayInfo(
                o.day,
                not day_off,
                o.name_vi or ("Ngày nghỉ" if day_off else "Ngày làm việc"),
                o.name_en or o.name_vi or ("Day off" if day_off else "Working day"),
                "override",
                o.reference,
            )
        return cls(first=first, working=working, info=info, overrides=kept)

    # -- queries ------------------------------------------------------------------------
    def index(self, d: date) -> int:
        i = d.toordinal() - self.base
        if i < 0 or i >= self.size:
            raise CalendarRangeError(d.isoformat())
        return i

    def is_working_day(self, d: date) -> bool:
        return bool(self.working[self.index(d)])

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (start not counted); n < 0 counts back;
        n == 0 returns ``start`` itself."""
        i = start.toordinal() - self.base
        if i < 0 or i >= self.size:
            raise CalendarRangeError(start.isoformat())
        if n > 0:
            k = self.prefix[i] + n - 1
            if k >= len(self.work_days):
                raise CalendarRangeError(start.isoformat())
            return date.fromordinal(self.work_days[k] + self.base)
        if n < 0:
            k = self.prefix[i] - self.working[i] + n
            if k < 0:
                raise CalendarRangeError(start.isoformat())
            return date.fromordinal(self.work_days[k] + self.base)
        return start

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b (negative when b < a)."""
        return self.prefix[self.index(b)] - self.prefix[self.index(a)]

    def next_working_day(self, d: date, *, inclusive: bool = True) -> date:
        """``d`` itself if it is a working day (and ``inclusive``), else the next one."""
        i = self.index(d)
        if inclusive and self.working[i]:
            return d
        return self.add_working_days(d, 1)

    # -- batches (recomputing many open due dates after a calendar change) ---------------
    def due_many_working(self, starts: Sequence[int], amounts: Sequence[int]) -> list[int]:
        """Due ordinals of ``amounts[k]`` working days after ordinal ``starts[k]``."""
        base, prefix, work_days = self.base, self.prefix, self.work_days
        return [
            work_days[prefix[s - base] + n - 1] + base for s, n in zip(starts, amounts, strict=True)
        ]

    def due_many_calendar(self, starts: Sequence[int], amounts: Sequence[int]) -> list[int]:
        """Due ordinals of calendar periods, moved to the next working day (Art. 148)."""
        base, prefix, work_days, working = self.base, self.prefix, self.work_days, self.working
        out = []
        for s, n in zip(starts, amounts, strict=True):
            i = s + n - base
            out.append(s + n if working[i] else work_days[prefix[i]] + base)
        return out

    def day_info(self, d: date) -> DayInfo:
        found = self.info.get(d.toordinal())
        if found is not None:
            return found
        return DayInfo(d, self.is_working_day(d), "", "", "")

    def non_working_days(self, year: int) -> list[DayInfo]:
        """Every day off of ``year`` (weekends included) with its reason, in date order."""
        out = []
        for d in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1):
            di = self.info.get(d)
            if di is not None and not di.working:
                out.append(di)
        return out

    def special_days(self, year: int) -> list[DayInfo]:
        """Holidays, swaps, overrides and make-up working days of ``year`` (no plain weekends)."""
        out = []
        for d in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1):
            di = self.info.get(d)
            if di is not None and di.source != "weekend":
                out.append(di)
        return out


@functools.cache
def _package_calendar() -> tuple[date, date, bytes, dict[int, DayInfo]]:
    """Weekends and the ``holidays`` package's days, computed once per process (the package
    never changes while the process runs; overrides are applied on a copy)."""
    import holidays  # imported here: building is rare, importing is not free

    first = date(FIRST_YEAR, 1, 1)
    last = date(LAST_YEAR + _MARGIN_YEARS, 12, 31)
    years = range(FIRST_YEAR, LAST_YEAR + _MARGIN_YEARS + 1)
    vi = holidays.country_holidays("VN", years=years, language="vi")
    en = holidays.country_holidays("VN", years=years, language="en_US")
    base = first.toordinal()
    size = last.toordinal() - base + 1
    working = bytearray(size)
    info: dict[int, DayInfo] = {}
    for i in range(size):
        d = date.fromordinal(base + i)
        wd = d.weekday()
        if wd >= 5:
            info[base + i] = DayInfo(d, False, WEEKDAY_VI[wd], WEEKDAY_EN[wd], "weekend")
        else:
            working[i] = 1
    for d, name in vi.items():
        if not first <= d <= last:
            continue
        source = "swap" if name.startswith("Ngày nghỉ (thay cho") else "holiday"
        working[d.toordinal() - base] = 0
        info[d.toordinal()] = DayInfo(d, False, name, en.get(d, name), source)
    # The Saturdays worked in exchange for a bridged day: known to is_working_day(), not
    # to ``date in holidays``.
    for d in getattr(vi, "weekend_workdays", ()):
        if first <= d <= last and d not in vi:
            working[d.toordinal() - base] = 1
            info[d.toordinal()] = DayInfo(
                d, True, "Ngày làm việc bù", "Make-up working day", "working_saturday"
            )
    return first, last, bytes(working), info


# -- the process-wide calendar ------------------------------------------------------------
# Loading overrides is delegated (the Django layer installs a loader) so this module stays
# importable and testable without Django.
_lock = threading.Lock()
_current: WorkCalendar | None = None
_loader: Callable[[], list[OverrideDay]] | None = None
_checked_at = 0.0
_fingerprint: object = None
_fingerprint_fn: Callable[[], object] | None = None
RECHECK_SECONDS = 30.0


def install_loader(
    loader: Callable[[], list[OverrideDay]], fingerprint: Callable[[], object] | None = None
) -> None:
    """Install the function that reads overrides (and, optionally, a cheap fingerprint that
    changes when they change, polled every ``RECHECK_SECONDS`` so that other processes see an
    override saved elsewhere)."""
    global _loader, _fingerprint_fn
    _loader = loader
    _fingerprint_fn = fingerprint
    invalidate()


def invalidate() -> None:
    """Forget the calendar; the next use rebuilds it (after an override changes)."""
    global _current
    with _lock:
        _current = None


def _load_overrides() -> tuple[list[OverrideDay], object]:
    if _loader is None:
        return [], None
    try:
        fp = _fingerprint_fn() if _fingerprint_fn else None
        return _loader(), fp
    except Exception:  # no database yet (migrations, bare scripts): holidays only
        return [], None


def get_calendar() -> WorkCalendar:
    """The current calendar, built on first use and rebuilt after ``invalidate()``."""
    global _current, _checked_at, _fingerprint
    cal = _current
    if cal is not None:
        if _fingerprint_fn is None or time.monotonic() - _checked_at < RECHECK_SECONDS:
            return cal
        _checked_at = time.monotonic()
        try:
            fp = _fingerprint_fn()
        except Exception:  # keep the calendar we have
            return cal
        if fp == _fingerprint:
            return cal
    with _lock:
        overrides, fp = _load_overrides()
        _current = WorkCalendar.build(overrides)
        _fingerprint = fp
        _checked_at = time.monotonic()
        return _current
