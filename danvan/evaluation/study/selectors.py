"""Reads of the study period's figures: a commune's yearly series (two queries)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from danvan.core.registry import registries
from danvan.evaluation.study.models import YearlyValue
from danvan.territory.models import Unit


def unit_years(unit: Unit) -> list[YearlyValue]:
    return list(YearlyValue.objects.filter(era="current", unit=unit).order_by("key", "year"))


def yearly_series(unit: Unit, english: bool = False) -> list[dict[str, Any]]:
    """Per indicator with study-period figures: ``[(year, value, numerator, denominator,
    origin)]`` — the imported years, then the years summed from the monthly rows (Σ
    numerators ÷ Σ denominators), so one yearly axis runs from the study to today."""
    from django.db.models import Sum
    from django.db.models.functions import ExtractYear

    from danvan.evaluation.models import Era, IndicatorValue

    by_key: dict[str, dict[int, tuple]] = defaultdict(dict)
    for v in unit_years(unit):
        by_key[v.key][v.year] = (v.value, v.numerator, v.denominator, "study")
    if by_key:
        monthly = (
            IndicatorValue.objects.filter(era=Era.CURRENT, unit=unit, key__in=list(by_key))
            .annotate(y=ExtractYear("period"))
            .values("key", "y")
            .annotate(num=Sum("numerator"), den=Sum("denominator"))
        )
        for r in monthly:
            ind = registries.indicators.get(r["key"]) if r["key"] in registries.indicators else None
            if ind is not None and r["den"] and r["y"] not in by_key[r["key"]]:
                by_key[r["key"]][r["y"]] = (
                    ind.value_of(r["num"], r["den"]),
                    r["num"],
                    r["den"],
                    "monthly",
                )
    out = []
    for key, years in by_key.items():
        if key not in registries.indicators:
            continue
        ind = registries.indicators.get(key)
        out.append(
            {
                "key": key,
                "name": ind.name_en if english else ind.name_vi,
                "unit_label": ind.unit_in(english),
                "is_rate": ind.is_rate,
                "points": [(y, *years[y]) for y in sorted(years)],
            }
        )
    return sorted(out, key=lambda s: s["name"])


def imported_summary(province_code: str) -> list[dict[str, Any]]:
    from django.db.models import Count

    return list(
        YearlyValue.objects.filter(era="legacy", province_code=province_code)
        .values("year")
        .annotate(rows=Count("id"), communes=Count("legacy_unit", distinct=True))
        .order_by("year")
    )
