"""Reads of the evaluation: materialised rows only (never raw cases), scoped by the caller's
access. Every function answers in a fixed number of queries, whatever the number of communes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Max, QuerySet, Sum

from danvan.accounts.access import memberships_for, units_for_user
from danvan.accounts.roles import Role
from danvan.core.registry import registries
from danvan.evaluation.models import Era, Finding, IndexMethod, IndexScore, IndicatorValue
from danvan.evaluation.scoring import AREAS
from danvan.territory.models import LegacyUnit, Province, Unit


def readable_provinces(user: Any) -> QuerySet[Province]:
    """Provinces whose overview the user may read: a province role's, or all (superuser)."""
    if getattr(user, "is_superuser", False):
        return Province.objects.all()
    ids = {
        m.province_id
        for m in memberships_for(user)
        if m.province_id and m.role in (Role.PROVINCE_VIEWER, Role.APPRAISER)
    }
    return Province.objects.filter(pk__in=ids)


# The permission of the national reader (see IndicatorValue.Meta.permissions).
NATIONAL_PERMISSION = "evaluation.read_all_provinces"


def reads_national(user: Any) -> bool:
    """Whether ``user`` is a national reader: every province's monthly aggregate rows, and
    nothing of any commune (the permission brings no membership, so no unit)."""
    if not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or user.has_perm(NATIONAL_PERMISSION))


def monthly_readable(user: Any, province_code: str) -> Province | None:
    """The province whose monthly rows ``user`` may read: its viewers' and appraisers', or any
    for a national reader; None otherwise (the API answers 404, no hint that it exists)."""
    province = Province.objects.filter(code=province_code).first() if province_code else None
    if province is None:
        return None
    if reads_national(user) or readable_provinces(user).filter(pk=province.pk).exists():
        return province
    return None


def monthly_rows(province_code: str, period: date) -> QuerySet[IndicatorValue]:
    """Every current-era value of the province's communes for one month, in a stable order
    (commune code, key) so pages do not overlap; the commune is joined, not fetched per row."""
    return (
        IndicatorValue.objects.filter(province_code=province_code, period=period, era=Era.CURRENT)
        .select_related("unit")
        .order_by("unit__code", "key")
    )


def method_version(province: Province, period: date) -> str:
    """Names the index method the province's month was computed with — what its index rows
    recorded (``IndexScore.method``, set by ``services.index_compute``): ``"<id>@YYYY-MM"``
    (the version's row and its first month), or ``"default"`` when the month has no index."""
    found = (
        IndexScore.objects.filter(province_code=province.code, period=period, method__isnull=False)
        .values_list("method_id", "method__valid_from")
        .first()
    )
    return f"{found[0]}@{found[1]:%Y-%m}" if found is not None else "default"


def can_review(user: Any, unit: Unit) -> bool:
    """The province confirms, annotates or dismisses findings: its appraisers (or a
    superuser)."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        m.role == Role.APPRAISER and m.province_id == unit.province_id
        for m in memberships_for(user)
    )


def legacy_unit_for_user(user: Any, code: str) -> LegacyUnit | None:
    """An old commune the user may read: one whose successor the user may read."""
    readable = units_for_user(user)
    return (
        LegacyUnit.objects.filter(code=code, successors__in=readable)
        .select_related("province")
        .distinct()
        .first()
    )


def values(
    *, unit: Unit | None = None, legacy: LegacyUnit | None = None, first: date, last: date,
    key: str | None = None,
) -> QuerySet[IndicatorValue]:  # fmt: skip
    qs = IndicatorValue.objects.filter(period__gte=first, period__lte=last)
    if legacy is not None:
        qs = qs.filter(era=Era.LEGACY, legacy_unit=legacy)
    else:
        qs = qs.filter(era=Era.CURRENT, unit=unit)
    if key:
        qs = qs.filter(key=key)
    return qs.order_by("period", "key")


def index_rows(province_code: str, period: date, units: QuerySet[Unit] | None = None) -> list:
    qs = IndexScore.objects.filter(province_code=province_code, period=period).select_related(
        "unit"
    )
    if units is not None:
        qs = qs.filter(unit__in=units)
    rows = list(qs)
    rows.sort(key=lambda s: (s.rank is None, s.rank or 0, -(s.total or 0), s.unit.code))
    return rows


def latest_period(province_code: str | None = None, unit: Unit | None = None) -> date | None:
    qs = IndexScore.objects.all()
    if unit is not None:
        qs = qs.filter(unit=unit)
    elif province_code:
        qs = qs.filter(province_code=province_code)
    return qs.aggregate(m=Max("period"))["m"]


def unit_trend(unit: Unit, first: date, last: date) -> list[IndexScore]:
    return list(
        IndexScore.objects.filter(unit=unit, period__gte=first, period__lte=last).order_by("period")
    )


def province_trend(province_code: str, first: date, last: date) -> list[dict[str, Any]]:
    """The province's figures per month and area: sums of the communes' numerators and
    denominators (never a scan of cases), and the mean total of its communes."""
    from django.db.models import Avg, Count

    totals = {
        r["period"]: r
        for r in IndexScore.objects.filter(
            province_code=province_code, period__gte=first, period__lte=last
        )
        .values("period")
        .annotate(mean=Avg("total"), communes=Count("id"))
    }
    return [
        {"period": p, "mean": totals[p]["mean"], "communes": totals[p]["communes"]}
        for p in sorted(totals)
    ]


def province_sums(province_code: str, period: date) -> list[dict[str, Any]]:
    """Province figures per indicator: Σ numerators ÷ Σ denominators over its communes."""
    rows = (
        IndicatorValue.objects.filter(province_code=province_code, period=period, era=Era.CURRENT)
        .values("key")
        .annotate(num=Sum("numerator"), den=Sum("denominator"))
        .order_by("key")
    )
    out = []
    for r in rows:
        if r["key"] not in registries.indicators:
            continue
        ind = registries.indicators.get(r["key"])
        out.append(
            {
                "key": r["key"],
                "area": ind.area,
                "indicator": ind,
                "numerator": r["num"],
                "denominator": r["den"],
                "value": ind.value_of(r["num"], r["den"]),
            }
        )
    return out


def findings_for(unit: Unit, period: date, *, include_dismissed: bool = False) -> list[Finding]:
    qs = Finding.objects.filter(unit=unit, period=period)
    if not include_dismissed:
        qs = qs.exclude(status="dismissed")
    order = {"high": 0, "medium": 1, "low": 2}
    return sorted(qs, key=lambda f: (order.get(f.severity, 3), f.area, f.key))


def area_trends(unit: Unit, scores: list[IndexScore]) -> dict[int, list[tuple[date, float]]]:
    out: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for s in scores:
        for a in AREAS:
            v = (s.areas or {}).get(str(a))
            if v is not None:
                out[a].append((s.period, v))
    return dict(out)


def method_history() -> list[IndexMethod]:
    """Every version of the index method, newest first (the method page's history)."""
    return list(
        IndexMethod.objects.select_related("province", "created_by").order_by("-valid_from", "-id")
    )


def province_by_code(code: str) -> Province | None:
    return Province.objects.filter(code=code).first() if code else None


def unit_values(unit: Unit, period: date) -> dict[str, IndicatorValue]:
    """The commune's current-era values of one month, by indicator key."""
    rows = IndicatorValue.objects.filter(unit=unit, period=period, era=Era.CURRENT)
    return {v.key: v for v in rows}


def finding_for_user(user: Any, pk: int) -> Finding | None:
    """A finding of a commune ``user`` may read, or None (another commune's is not found)."""
    return (
        Finding.objects.select_related("unit").filter(pk=pk, unit__in=units_for_user(user)).first()
    )
