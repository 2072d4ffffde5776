"""Indicators of area 3 (administrative reform: the one-stop shop), per commune and month.

Each ``compute(unit_ids, month_start, month_end)`` returns ``{unit_id: (numerator,
denominator)}`` from one or two aggregate queries (never a loop over rows). The period is
``month_start`` … ``month_end`` inclusive, or exclusive of ``month_end`` when it is the first
day of a month (both conventions are accepted). Days are local (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from danvan.cases.models import OPEN_STATUSES, Case, CaseStatus
from danvan.core.periods import period, period_bounds
from danvan.core.registry import Indicator
from danvan.dossiers.kinds import DOSSIER_KIND
from danvan.dossiers.models import Dossier, DossierSource, DossierStage, Rating

Result = dict[int, tuple[float, float]]


def _merge(num: dict[int, float], den: dict[int, float]) -> Result:
    return {uid: (float(num.get(uid, 0)), float(d)) for uid, d in den.items() if d}


def _dossier_cases(unit_ids: list[int]) -> Any:
    return Case.objects.filter(unit_id__in=unit_ids, kind=DOSSIER_KIND)


def on_time_rate(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Decision 766/QĐ-TTg: dossiers finished by the appointment / dossiers due. Due in the
    month = finished in the month, plus still open with a due date in the month that has
    passed. ``Case.on_time`` already counts more than one supplement request as late."""
    start, end = period_bounds(month_start, month_end)
    first, last = period(month_start, month_end)
    finished = (
        _dossier_cases(unit_ids)
        .filter(status=CaseStatus.RESOLVED, closed_at__gte=start, closed_at__lt=end)
        .values("unit_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(on_time=True)))
    )
    today = timezone.localdate()
    overdue = (
        _dossier_cases(unit_ids)
        .filter(
            status__in=OPEN_STATUSES, due_date__gte=first, due_date__lte=last, due_date__lt=today
        )
        .values("unit_id")
        .annotate(n=Count("id"))
    )
    num: dict[int, float] = {}
    den: dict[int, float] = {}
    for row in finished:
        num[row["unit_id"]] = row["ok"]
        den[row["unit_id"]] = row["n"]
    for row in overdue:
        den[row["unit_id"]] = den.get(row["unit_id"], 0) + row["n"]
    return _merge(num, den)


def explain_on_time(unit_ids: list[int], month_start: date, month_end: date) -> dict[int, Any]:
    """The dossiers behind a low on-time rate, per commune: finished late in the month, or
    still open past a due date in the month; grouped by the procedure's field (land, civil
    status...). One query for all the communes asked about."""
    start, end = period_bounds(month_start, month_end)
    first, last = period(month_start, month_end)
    late = _dossier_cases(unit_ids).filter(
        Q(status=CaseStatus.RESOLVED, closed_at__gte=start, closed_at__lt=end, on_time=False)
        | Q(
            status__in=OPEN_STATUSES,
            due_date__gte=first,
            due_date__lte=last,
            due_date__lt=timezone.localdate(),
        )
    )
    out: dict[int, Any] = {}
    rows = late.order_by("unit_id", "due_date", "code").values_list(
        "unit_id", "code", "dossier__procedure__field"
    )
    for unit_id, code, fld in rows:
        entry = out.setdefault(
            unit_id,
            {"cases": [], "groups": {}, "queue": {"unit": unit_id, "kind": DOSSIER_KIND}},
        )
        entry["cases"].append(code)
        entry["groups"][fld or "—"] = entry["groups"].get(fld or "—", 0) + 1
    return out


def avg_processing_days(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Calendar days from reception to result, over dossiers finished in the month."""
    start, end = period_bounds(month_start, month_end)
    rows = (
        _dossier_cases(unit_ids)
        .filter(status=CaseStatus.RESOLVED, closed_at__gte=start, closed_at__lt=end)
        .values("unit_id")
        .annotate(
            n=Count("id"),
            total=Sum(
                ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField())
            ),
        )
    )
    out: Result = {}
    for row in rows:
        total = row["total"] or timedelta(0)
        if isinstance(total, int | float):  # some backends answer microseconds
            total = timedelta(microseconds=total)
        out[row["unit_id"]] = (round(total.total_seconds() / 86400, 4), float(row["n"]))
    return out


def _received(unit_ids: list[int], month_start: date, month_end: date) -> Any:
    first, last = period(month_start, month_end)
    return Dossier.objects.filter(
        unit_id__in=unit_ids, received_on__gte=first, received_on__lte=last
    ).exclude(stage=DossierStage.REFUSED)


def multi_visit_share(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Dossiers received in the month whose applicant had to come more than once. Dossiers
    taken from the provincial system are left out: its export does not say how many times
    the citizen came, and counting them as one visit would flatter the commune."""
    rows = (
        _received(unit_ids, month_start, month_end)
        .exclude(source=DossierSource.PROVINCIAL)
        .values("unit_id")
        .annotate(n=Count("id"), multi=Count("id", filter=Q(visits__gt=1)))
    )
    return {r["unit_id"]: (float(r["multi"]), float(r["n"])) for r in rows}


def apology_rate(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Dossiers finished in the month for which the commune had to apologise (form 04).
    Dossiers taken from the provincial system are left out: its export carries no form 04."""
    start, end = period_bounds(month_start, month_end)
    rows = (
        Dossier.objects.filter(
            unit_id__in=unit_ids, result_ready_at__gte=start, result_ready_at__lt=end
        )
        .exclude(source=DossierSource.PROVINCIAL)
        .values("unit_id")
        .annotate(n=Count("id"), apologies=Count("id", filter=Q(apology_used=True)))
    )
    return {r["unit_id"]: (float(r["apologies"]), float(r["n"])) for r in rows}


def satisfaction(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Circular 01/2018 ratings given in the month with no indicator scored 0 (Decision 766
    counts a 0 as a "dislike")."""
    start, end = period_bounds(month_start, month_end)
    rows = (
        Rating.objects.filter(unit_id__in=unit_ids, at__gte=start, at__lt=end)
        .values("unit_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(satisfied=True)))
    )
    return {r["unit_id"]: (float(r["ok"]), float(r["n"])) for r in rows}


def online_share(unit_ids: list[int], month_start: date, month_end: date) -> Result:
    """Dossiers received online in the month (Decision 766: full marks at ≥50%), over the
    dossiers whose channel is known (an export without KenhNop/HinhThuc leaves it blank)."""
    rows = (
        _received(unit_ids, month_start, month_end)
        .exclude(case__channel="")
        .values("unit_id")
        .annotate(n=Count("id"), online=Count("id", filter=Q(case__channel="online")))
    )
    return {r["unit_id"]: (float(r["online"]), float(r["n"])) for r in rows}


D766 = "Quyết định 766/QĐ-TTg ngày 23/6/2022"
TT01 = "Thông tư 01/2018/TT-VPCP, Điều 13"
INDICATORS = [
    Indicator(
        key="dossiers.on_time_rate",
        area=3,
        name_vi="Tỷ lệ hồ sơ giải quyết đúng hạn",
        name_en="Dossiers resolved on time",
        direction="higher",
        target=95.0,
        source=f"{D766} (hồ sơ yêu cầu bổ sung quá một lần tính là trễ hạn)",
        compute=on_time_rate,
        explain=explain_on_time,
    ),
    Indicator(
        key="dossiers.avg_processing_days",
        area=3,
        name_vi="Thời gian giải quyết trung bình (ngày)",
        name_en="Average processing time (days)",
        direction="lower",
        target=None,
        source="Hồ sơ một cửa của xã (từ tiếp nhận đến có kết quả)",
        compute=avg_processing_days,
        unit_label="ngày",
        unit_label_en="days",
    ),
    Indicator(
        key="dossiers.multi_visit_share",
        area=3,
        name_vi="Tỷ lệ hồ sơ người dân phải đi lại nhiều lần",
        name_en="Dossiers needing more than one visit",
        direction="lower",
        target=5.0,
        source=f"{TT01} (số lần phải đi lại)",
        compute=multi_visit_share,
    ),
    Indicator(
        key="dossiers.apology_rate",
        area=3,
        name_vi="Tỷ lệ hồ sơ phải xin lỗi, hẹn lại",
        name_en="Dossiers needing an apology and a new date",
        direction="lower",
        target=2.0,
        source="Nghị định 61/2018/NĐ-CP (nay Nghị định 118/2025/NĐ-CP); mẫu 04 Thông tư 01/2018/TT-VPCP",
        compute=apology_rate,
    ),
    Indicator(
        key="dossiers.satisfaction",
        area=3,
        name_vi="Tỷ lệ người dân hài lòng",
        name_en="Citizens satisfied",
        direction="higher",
        target=90.0,
        source=f"{TT01}; {D766}",
        compute=satisfaction,
    ),
    Indicator(
        key="dossiers.online_share",
        area=3,
        name_vi="Tỷ lệ hồ sơ nộp trực tuyến",
        name_en="Dossiers filed online",
        direction="higher",
        target=50.0,
        source=D766,
        compute=online_share,
    ),
]
