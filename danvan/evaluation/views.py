"""The public catalogue of indicators every app registers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from danvan.core.registry import registries
from danvan.evaluation.areas import AREAS


def indicator_catalogue(request: HttpRequest) -> HttpResponse:
    english = (get_language() or "vi").startswith("en")
    by_area: dict[int, list[dict]] = {area: [] for area in AREAS}
    for indicator in sorted(registries.indicators, key=lambda i: (i.area, i.key)):
        by_area.setdefault(indicator.area, []).append(
            {
                "key": indicator.key,
                "name": indicator.name_en if english else indicator.name_vi,
                "direction": indicator.direction,
                "target": indicator.target,
                "source": indicator.source,
                "unit_label": indicator.unit_label,
            }
        )
    areas = [{"number": n, "name": AREAS.get(n, str(n)), "indicators": by_area[n]} for n in by_area]
    return render(request, "evaluation/catalogue.html", {"areas": areas})
