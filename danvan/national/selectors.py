"""Reads of the national page: sums of the gathered rows per indicator, month and province,
and each province's latest run — a fixed number of queries whatever the number of provinces,
communes or runs."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max, OuterRef, Subquery, Sum

from danvan.core.registry import registries
from danvan.national.models import GatheredValue, GatheringRun

MONTHS_LISTED = 36


def gathered_periods() -> list[date]:
    """The months anything was gathered for (rows or runs), newest first."""
    # An explicit order: the runs' default ordering would enter the SELECT DISTINCT.
    rows = GatheredValue.objects.order_by("-period").values_list("period", flat=True)
    runs = GatheringRun.objects.order_by("-period").values_list("period", flat=True)
    months = set(rows.distinct()[:MONTHS_LISTED]) | set(runs.distinct()[:MONTHS_LISTED])
    return sorted(months, reverse=True)[:MONTHS_LISTED]


def latest_runs(period: date) -> list[GatheringRun]:
    """Each province's most recent run for the month, by province code (one query)."""
    latest = (
        GatheringRun.objects.filter(province=OuterRef("province"), period=period)
        .order_by("-started_at", "-id")
        .values("id")[:1]
    )
    return list(
        GatheringRun.objects.filter(period=period, id=Subquery(latest))
        .select_related("province")
        .order_by("province__code")
    )


def _value(key: str, num: float, den: float) -> float | None:
    if key in registries.indicators:
        return registries.indicators.get(key).value_of(num, den)
    return num / den if den else None


def national_table(period: date) -> list[dict[str, Any]]:
    """Per indicator key, per province: communes reporting, Σ numerators, Σ denominators, the
    ratio (on the indicator's scale when this deployment knows it) and when it was fetched."""
    rows = (
        GatheredValue.objects.filter(period=period)
        .values("key", "province__code", "province__name")
        .annotate(
            communes=Count("unit_code", distinct=True),
            num=Sum("numerator"),
            den=Sum("denominator"),
            fetched=Max("fetched_at"),
        )
        .order_by("key", "province__code")
    )
    out = []
    for r in rows:
        out.append(
            {
                "key": r["key"],
                "province_code": r["province__code"],
                "province_name": r["province__name"],
                "communes": r["communes"],
                "numerator": r["num"],
                "denominator": r["den"],
                "value": _value(r["key"], r["num"], r["den"]),
                "fetched_at": r["fetched"],
            }
        )
    return out
