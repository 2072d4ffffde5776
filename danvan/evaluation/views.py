"""The evaluation's pages: the public catalogue and method, the province overview, a
commune's page with its findings, and the scorecard section of a commune's public page.

Pages read materialised rows only (``IndicatorValue``, ``IndexScore``, ``Finding``), in a
number of queries that does not grow with the number of communes.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from danvan.accounts.access import unit_for_user, units_for_user
from danvan.core.boundary import parse_int
from danvan.core.language import is_english
from danvan.core.registry import registries
from danvan.evaluation import charts, selectors
from danvan.evaluation.areas import AREAS
from danvan.evaluation.models import FindingStatus
from danvan.evaluation.periods import label, month_of, months_back, months_between, parse_month
from danvan.evaluation.scoring import MIN_AREAS_FOR_RANK
from danvan.evaluation.services import EvaluationError, finding_review, method_in_force, specs_for
from danvan.territory.models import Unit

TREND_MONTHS = 24


def indicator_catalogue(request: HttpRequest) -> HttpResponse:
    english = is_english()
    by_area: dict[int, list[dict]] = {area: [] for area in AREAS}
    for indicator in sorted(registries.indicators, key=lambda i: (i.area, i.key)):
        by_area.setdefault(indicator.area, []).append(
            {
                "key": indicator.key,
                "name": indicator.name_en if english else indicator.name_vi,
                "direction": indicator.direction,
                "target": indicator.target,
                "source": indicator.source,
                "unit_label": indicator.unit_in(english),
            }
        )
    areas = [{"number": n, "name": AREAS.get(n, str(n)), "indicators": by_area[n]} for n in by_area]
    return render(request, "evaluation/catalogue.html", {"areas": areas})


def method_page(request: HttpRequest) -> HttpResponse:
    """How the index is computed, in plain words, with the method in force and its history."""
    province = selectors.province_by_code((request.GET.get("tinh") or "")[:2])
    current = method_in_force(province.pk if province else None, month_of(timezone.localdate()))
    english = is_english()
    rows = []
    for spec in specs_for(current):
        ind = registries.indicators.get(spec.key)
        rows.append(
            {
                "area": spec.area,
                "name": ind.name_en if english else ind.name_vi,
                "weight": spec.weight,
                "worst": spec.worst,
                "best": spec.best,
                "target": spec.target,
            }
        )
    history = selectors.method_history()
    return render(
        request,
        "evaluation/method.html",
        {
            "method": current,
            "rows": rows,
            "history": history,
            "min_areas": MIN_AREAS_FOR_RANK,
            "province": province,
            "editable": bool(selectors.readable_provinces(request.user).exists())
            if request.user.is_authenticated
            else False,
        },
    )


def _period(request: HttpRequest, fallback: date | None) -> date:
    chosen = parse_month(request.GET.get("thang", "") or "")
    return chosen or fallback or month_of(timezone.localdate())


def _fmt(value: float | None, none: str) -> str:
    """A score with one decimal in the page's locale, or ``none``; formatted here once rather
    than by a template filter per cell (the heat table has communes × 6 cells)."""
    return none if value is None else number_format(value, 1)


def _area_cells(areas: dict[str, Any], none: str = "") -> list[dict[str, Any]]:
    out = []
    for n in AREAS:
        v = (areas or {}).get(str(n))
        out.append(
            {
                "area": n,
                "score": v,
                "text": _fmt(v, none),
                "band": None if v is None else min(4, int(v // 2)),
            }
        )
    return out


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    provinces = list(selectors.readable_provinces(request.user).order_by("code"))
    if not provinces:
        unit = units_for_user(request.user).order_by("code").first()
        if unit is None:
            raise Http404(_("Không tìm thấy."))
        return redirect("evaluation:commune", code=unit.code)
    province = next((p for p in provinces if p.code == request.GET.get("tinh")), provinces[0])
    period = _period(request, selectors.latest_period(province.code))
    area = parse_int(request.GET.get("linh-vuc"))
    if area not in AREAS:
        area = None
    scores = selectors.index_rows(province.code, period)
    if area is not None:
        scores.sort(
            key=lambda s: (
                (s.areas or {}).get(str(area)) is None,
                -((s.areas or {}).get(str(area)) or 0),
                s.unit.code,
            )
        )
    none = _("chưa có dữ liệu")
    rows = [
        {
            "score": s,
            "unit": s.unit,
            "cells": _area_cells(s.areas, none),
            "total": _fmt(s.total, none),
            "area_score": _fmt((s.areas or {}).get(str(area)), none) if area else None,
        }
        for s in scores
    ]
    ranked = [r for r in rows if r["score"].rank is not None]
    rank_svg = (
        charts.rank_chart(
            [
                (r["unit"].name, r["score"].rank, r["score"].rank_low, r["score"].rank_high)
                for r in sorted(ranked, key=lambda r: r["score"].rank)
            ],
            title=_("Thứ hạng và khoảng thứ hạng các xã, tháng %(m)s") % {"m": label(period)},
            x_title=_("Thứ hạng (khoảng 5–95 %)"),
        )
        if ranked
        else None
    )
    first = months_back(period, TREND_MONTHS)
    trend = selectors.province_trend(province.code, first, period)
    trend_svg = (
        charts.line_chart(
            [(_("Bình quân các xã"), t["period"], t["mean"]) for t in trend if t["mean"]],
            title=_("Điểm bình quân các xã theo tháng (thang 60)"),
            y_title=_("Điểm /60"),
            y_max=60,
        )
        if trend
        else None
    )
    sums = selectors.province_sums(province.code, period)
    english = is_english()
    for s in sums:
        s["name"] = s["indicator"].name_en if english else s["indicator"].name_vi
        s["unit_label"] = s["indicator"].unit_in(english)
    sums.sort(key=lambda s: (s["area"], s["name"]))
    months = months_between(first, month_of(timezone.localdate()))
    return render(
        request,
        "evaluation/overview.html",
        {
            "province": province,
            "provinces": provinces,
            "period": period,
            "period_label": label(period),
            "months": [{"value": f"{m:%Y-%m}", "label": label(m)} for m in reversed(months)],
            "area": area,
            "areas": AREAS,
            "rows": rows,
            "rank_svg": rank_svg,
            "ranked": sorted(ranked, key=lambda r: r["score"].rank),
            "trend": trend,
            "trend_svg": trend_svg,
            "sums": sums,
        },
    )


def _queue_url(params: dict[str, Any]) -> str:
    clean = {k: v for k, v in (params or {}).items() if k in ("unit", "kind", "status", "quick")}
    return reverse("cases:queue") + ("?" + urlencode(clean) if clean else "")


@login_required
def commune(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    period = _period(request, selectors.latest_period(unit=unit))
    english = is_english()
    first = months_back(period, TREND_MONTHS)
    trend = selectors.unit_trend(unit, first, period)
    score = next((s for s in trend if s.period == period), None)
    values = selectors.unit_values(unit, period)
    areas = []
    for n, name in AREAS.items():
        inds = []
        for ind in sorted(registries.indicators, key=lambda i: i.key):
            if ind.area != n:
                continue
            v = values.get(ind.key)
            inds.append(
                {
                    "name": ind.name_en if english else ind.name_vi,
                    "value": v.value if v else None,
                    "numerator": v.numerator if v else None,
                    "denominator": v.denominator if v else None,
                    "origin": v.origin if v else "",
                    "origin_label": v.get_origin_display() if v else "",
                    "target": ind.target,
                    "unit_label": ind.unit_in(english),
                    "small": bool(v and v.denominator < ind.min_denominator),
                }
            )
        areas.append(
            {
                "number": n,
                "name": name,
                "score": (score.areas or {}).get(str(n)) if score else None,
                "indicators": inds,
            }
        )
    points = []
    for s in trend:
        if s.total is not None:
            points.append((_("Tổng điểm /60"), s.period, s.total))
    area_points = [
        (f"{a}. {AREAS[a]}"[:40], p, v)
        for a, series in selectors.area_trends(unit, trend).items()
        for p, v in series
    ]
    total_svg = (
        charts.line_chart(
            points,
            title=_("Tổng điểm của %(u)s theo tháng") % {"u": unit.name},
            y_title=_("Điểm /60"),
            y_max=60,
        )
        if points
        else None
    )
    areas_svg = (
        charts.line_chart(
            area_points,
            title=_("Điểm từng lĩnh vực theo tháng (thang 10)"),
            y_title=_("Điểm /10"),
            y_max=10,
            series_title=pgettext("evaluation area", "Lĩnh vực"),
        )
        if area_points
        else None
    )
    from danvan.evaluation.study.selectors import yearly_series

    study = yearly_series(unit, english)
    year_points = [
        (s["name"][:40], y, v)
        for s in study
        if s["is_rate"]
        for y, v, *_r in s["points"]
        if v is not None
    ]
    years_svg = (
        charts.line_chart(
            year_points,
            title=_("Các chỉ số theo năm, từ giai đoạn nghiên cứu đến nay"),
            y_title="%",
            y_max=100,
            series_title=_("Chỉ số"),
        )
        if year_points
        else None
    )
    reviewer = selectors.can_review(request.user, unit)
    findings = []
    for f in selectors.findings_for(unit, period, include_dismissed=reviewer):
        ev = f.evidence or {}
        findings.append(
            {
                "obj": f,
                "text": f.text_en if english else f.text_vi,
                "cases": [
                    {"code": c, "url": reverse("cases:detail", args=[c])}
                    for c in ev.get("cases", [])
                ],
                "queue_url": _queue_url(ev.get("queue") or {}),
            }
        )
    return render(
        request,
        "evaluation/commune.html",
        {
            "unit": unit,
            "period": period,
            "period_label": label(period),
            "months": [
                {"value": f"{m:%Y-%m}", "label": label(m)}
                for m in reversed(months_between(first, month_of(timezone.localdate())))
            ],
            "score": score,
            "areas": areas,
            "trend": trend,
            "trend_rows": [
                {"period": s.period, "total": s.total, "cells": _area_cells(s.areas)} for s in trend
            ],
            "total_svg": total_svg,
            "areas_svg": areas_svg,
            "findings": findings,
            "study": study,
            "years_svg": years_svg,
            "reviewer": reviewer,
            "statuses": FindingStatus.choices,
            "queue_url": _queue_url({"unit": unit.pk}),
        },
    )


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_for_user(request.user, pk)
    if finding is None:
        raise Http404(_("Không tìm thấy."))
    if not selectors.can_review(request.user, finding.unit):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Chỉ cán bộ thẩm định cấp tỉnh được xem xét nhận định."))
    from django.contrib import messages

    try:
        finding_review(
            finding=finding,
            actor=request.user,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("Đã lưu ý kiến về nhận định."))
    except EvaluationError as exc:
        messages.error(request, _(exc.message))
    url = reverse("evaluation:commune", args=[finding.unit.code])
    return redirect(f"{url}?thang={finding.period:%Y-%m}#nhan-dinh")


def scorecard_section(request: HttpRequest, unit: Unit) -> tuple[str, dict[str, Any]] | None:
    """The public scorecard: total out of 60, the six areas, the trend. Aggregates only."""
    scores = list(unit.index_scores.order_by("-period")[:TREND_MONTHS])
    scores.reverse()
    latest = scores[-1] if scores else None
    points = [(_("Tổng điểm /60"), s.period, s.total) for s in scores if s.total is not None]
    svg = (
        charts.line_chart(
            points,
            title=_("Tổng điểm của %(u)s theo tháng") % {"u": unit.name},
            y_title=_("Điểm /60"),
            y_max=60,
            width=480,
            height=180,
        )
        if len(points) > 1
        else None
    )
    return (
        "evaluation/scorecard.html",
        {
            "score": latest,
            "period_label": label(latest.period) if latest else "",
            "cells": [
                {**c, "name": AREAS[c["area"]]} for c in _area_cells(latest.areas if latest else {})
            ],
            "trend": [s for s in scores if s.total is not None],
            "svg": svg,
        },
    )
