"""The national page: every gathered province's figures per indicator for one month, with
each province's latest gathering, for national readers only (others get 404)."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from danvan.core.language import is_english
from danvan.core.registry import registries
from danvan.evaluation.periods import label, month_of, parse_month, previous_month
from danvan.evaluation.selectors import reads_national
from danvan.national import selectors


def _name(key: str) -> str:
    if key not in registries.indicators:
        return key
    ind = registries.indicators.get(key)
    return ind.name_en if is_english() else ind.name_vi


def _grouped(table: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for row in table:
        if not groups or groups[-1]["key"] != row["key"]:
            unit = (
                registries.indicators.get(row["key"]).unit_in(is_english())
                if row["key"] in registries.indicators
                else ""
            )
            groups.append(
                {"key": row["key"], "name": _name(row["key"]), "unit_label": unit, "rows": []}
            )
        groups[-1]["rows"].append(row)
    return groups


def _csv(table: list[dict[str, Any]], period: Any) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toan-quoc-{period:%Y-%m}.csv"'
    writer = csv.writer(response)
    writer.writerow(["period", "key", "province", "province_name", "communes", "numerator",
                     "denominator", "value", "fetched_at"])  # fmt: skip
    for r in table:
        writer.writerow([
            f"{period:%Y-%m}", r["key"], r["province_code"], r["province_name"], r["communes"],
            r["numerator"], r["denominator"], "" if r["value"] is None else round(r["value"], 4),
            r["fetched_at"].isoformat() if r["fetched_at"] else "",
        ])  # fmt: skip
    return response


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not reads_national(request.user):
        raise Http404("Not a national reader")
    months = selectors.gathered_periods()
    fallback = months[0] if months else previous_month(month_of(timezone.localdate()))
    period = parse_month(request.GET.get("thang", "") or "") or fallback
    table = selectors.national_table(period)
    if request.GET.get("dinh-dang") == "csv":
        return _csv(table, period)
    context = {
        "period": period,
        "period_label": label(period),
        "months": [{"value": f"{m:%Y-%m}", "label": label(m)} for m in months],
        "groups": _grouped(table),
        "runs": selectors.latest_runs(period),
    }
    return render(request, "national/overview.html", context)
