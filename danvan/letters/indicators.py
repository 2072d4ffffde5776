"""Indicators of area 4 (citizen reception and letters), per commune and month.

Each ``compute(unit_ids, month_start, month_end)`` returns ``{unit_id: (numerator,
denominator)}`` from aggregate queries. The period is inclusive of ``month_end``, or
exclusive when it is the first day of a month. Days are local (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import Count, F, Q, When
from django.utils import timezone

from danvan.cases.models import Case, CaseStatus
from danvan.cases.selectors import on_time_by_unit
from danvan.core.periods import period, period_bounds
from danvan.core.registry import Indicator
from danvan.letters.kinds import LetterCaseKind
from danvan.letters.models import Decision, Letter, ReceptionSession, SessionKind, SessionStatus
from danvan.letters.models.reception import HostRole

Result = dict[int, tuple[float, float]]


def _mondays(first: date, last: date) -> list[date]:
    day = first + timedelta(days=(7 - first.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += timedelta(days=7)
    return out


def reception_days_held(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Weeks (those starting on a Monday in the period) in which the chairman held the
    weekly reception / such weeks (Law on Citizen Reception Art. 15: at least 1 day a week)."""
    first, last = period(month_start, month_end)
    weeks = _mondays(first, last)
    if not weeks:
        return {}
    rows = ReceptionSession.objects.filter(
        unit_id__in=unit_ids,
        host_role=HostRole.CHAIRMAN,
        kind=SessionKind.WEEKLY,
        status=SessionStatus.HELD,
        date__gte=weeks[0],
        date__lt=weeks[-1] + timedelta(days=7),
    ).values_list("unit_id", "date")
    held: dict[int, set[date]] = defaultdict(set)
    for unit_id, day in rows:
        held[unit_id].add(day - timedelta(days=day.weekday()))
    # A commune that has never recorded a session in the system has no data (not zero weeks).
    recording = set(
        ReceptionSession.objects.filter(unit_id__in=unit_ids, date__lte=last)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    return {
        uid: (float(len(held.get(uid, set()))), float(len(weeks)))
        for uid in unit_ids
        if uid in recording
    }


# The processing decision's deadline: the case's due date while the letter waits for its
# decision (it follows every pause, resumption and recomputation of the intake clock, from
# the letters' pages or the generic case page), fixed on the letter once decided.
DECISION_DEADLINE = CaseWhen(
    When(decision=Decision.PENDING, then=F("case__due_date")), default=F("decision_due")
)


def processed_on_time(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Letters whose processing decision fell due in the period: decided by that date /
    all of them (decided or still pending past it). A letter split by content is processed
    through its parts (each due from the letter's receipt), so it is not counted itself."""
    first, last = period(month_start, month_end)
    today = timezone.localdate()
    rows = (
        Letter.objects.filter(unit_id__in=unit_ids)
        .exclude(decision__in=(Decision.DUPLICATE, Decision.SPLIT))
        .annotate(deadline=DECISION_DEADLINE)
        .filter(deadline__gte=first, deadline__lte=last)
        .filter(Q(decided_at__isnull=False) | Q(deadline__lt=today))
        .values("unit_id")
        .annotate(
            n=Count("id"),
            ok=Count("id", filter=Q(decided_at__date__lte=F("deadline"))),
        )
    )
    return {r["unit_id"]: (float(r["ok"]), float(r["n"])) for r in rows if r["n"]}


def _resolved_on_time(kind: str) -> Any:
    def compute(unit_ids: list[int], month_start: date, month_end: date) -> Result:
        """Resolved in the period on time / resolved in the period plus open ones whose due
        date passed within it (accepted letters only)."""
        accepted = Case.objects.filter(
            unit_id__in=unit_ids, kind=kind, letter__decision=Decision.ACCEPTED
        )
        return on_time_by_unit(accepted, month_start, month_end, closed_status=CaseStatus.RESOLVED)

    return compute


def _share(flag: str) -> Any:
    def compute(unit_ids: list[int], month_start: date, month_end: date) -> Result:
        """Letters received in the period carrying the flag / letters received."""
        start, end = period_bounds(month_start, month_end)
        rows = (
            Letter.objects.filter(
                unit_id__in=unit_ids,
                received_at__gte=start,
                received_at__lt=end,
                split_from__isnull=True,
            )
            .values("unit_id")
            .annotate(n=Count("id"), k=Count("id", filter=Q(**{flag: True})))
        )
        return {r["unit_id"]: (float(r["k"]), float(r["n"])) for r in rows if r["n"]}

    return compute


def backlog(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Letters received by the end of the period and not finished at its end (a count)."""
    _start, end = period_bounds(month_start, month_end)
    rows = (
        Letter.objects.filter(unit_id__in=unit_ids, received_at__lt=end)
        .filter(Q(case__closed_at__isnull=True) | Q(case__closed_at__gte=end))
        .values("unit_id")
        .annotate(n=Count("id"))
    )
    found = {r["unit_id"]: float(r["n"]) for r in rows}
    # Only communes that record letters here: an empty register is no data, not no backlog.
    recording = set(
        Letter.objects.filter(unit_id__in=unit_ids, received_at__lt=end)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    return {uid: (found.get(uid, 0.0), 1.0) for uid in unit_ids if uid in recording}


SOURCE_TCD = "Luật Tiếp công dân 2013, Điều 15"
INDICATORS = [
    Indicator(
        "letters.reception_days_held",
        4,
        "Tuần Chủ tịch UBND tiếp công dân định kỳ",
        "Weeks with the chairman's regular reception",
        "higher",
        100.0,
        SOURCE_TCD,
        reception_days_held,
    ),
    Indicator(
        "letters.processed_on_time",
        4,
        "Đơn thư được xử lý đúng hạn",
        "Letters processed on time",
        "higher",
        100.0,
        "Thông tư 05/2021/TT-TTCP",
        processed_on_time,
    ),
    Indicator(
        "letters.complaints_resolved_on_time",
        4,
        "Khiếu nại giải quyết đúng hạn",
        "Complaints resolved on time",
        "higher",
        100.0,
        "Luật Khiếu nại 2011, Điều 28, 37",
        _resolved_on_time(LetterCaseKind.COMPLAINT),
    ),
    Indicator(
        "letters.denunciations_resolved_on_time",
        4,
        "Tố cáo giải quyết đúng hạn",
        "Denunciations resolved on time",
        "higher",
        100.0,
        "Luật Tố cáo 2018, Điều 30",
        _resolved_on_time(LetterCaseKind.DENUNCIATION),
    ),
    Indicator(
        "letters.repeat_share",
        4,
        "Tỷ lệ đơn tái diễn",
        "Share of repeat letters",
        "lower",
        None,
        "Thông tư 05/2021/TT-TTCP",
        _share("is_repeat"),
    ),
    Indicator(
        "letters.over_level_share",
        4,
        "Tỷ lệ đơn vượt cấp",
        "Share of over-level letters",
        "lower",
        None,
        "Thông tư 05/2021/TT-TTCP",
        _share("is_over_level"),
    ),
    Indicator(
        "letters.backlog",
        4,
        "Đơn thư tồn đọng cuối kỳ",
        "Letters outstanding at period end",
        "lower",
        None,
        "Thông tư 05/2021/TT-TTCP",
        backlog,
        unit_label="đơn",
        unit_label_en="letters",
    ),
]
