"""Public territory pages: provinces, communes, villages, and where an old commune went."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danvan.core.registry import registries
from danvan.territory import selectors
from danvan.territory.forms import LegacySearchForm, UnitFilterForm
from danvan.territory.models import Unit
from danvan.territory.visitor import remember_province


def _legacy_search(request: HttpRequest, province=None):  # type: ignore[no-untyped-def]
    form = LegacySearchForm(request.GET or None)
    results = []
    if form.is_valid() and form.cleaned_data["old"]:
        results = selectors.legacy_units_search(form.cleaned_data["old"], province=province)
    return form, results


def provinces(request: HttpRequest) -> HttpResponse:
    legacy_form, legacy_results = _legacy_search(request)
    search = UnitFilterForm(request.GET or None)
    units = []
    if search.is_valid() and search.cleaned_data["q"]:
        units = list(selectors.units_search(search.cleaned_data["q"]))
    return render(
        request,
        "territory/provinces.html",
        {
            "provinces": list(selectors.provinces_with_counts()),
            "search": search,
            "units": units,
            "legacy_form": legacy_form,
            "legacy_results": legacy_results,
        },
    )


def province_detail(request: HttpRequest, code: str) -> HttpResponse:
    province = selectors.province_by_code(code)
    if province is None:
        raise Http404(_("Không tìm thấy tỉnh, thành phố mã %(code)s.") % {"code": code})
    form = UnitFilterForm(request.GET or None)
    kind = query = ""
    if form.is_valid():
        kind, query = form.cleaned_data["kind"], form.cleaned_data["q"]
    legacy_form, legacy_results = _legacy_search(request, province)
    return render(
        request,
        "territory/province.html",
        {
            "province": province,
            "form": form,
            "units": list(selectors.province_units(province, kind=kind, query=query)),
            "filtered": bool(kind or query),
            "legacy_form": legacy_form,
            "legacy_results": legacy_results,
        },
    )


def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_by_code(code)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị hành chính mã %(code)s.") % {"code": code})
    villages = list(unit.villages.all())
    response = render(
        request,
        "territory/unit.html",
        {
            "unit": unit,
            "villages": villages,
            "village_households": sum(v.households or 0 for v in villages),
            "predecessors": list(unit.predecessors.all()),
            "sections": _unit_sections(request, unit),
        },
    )
    # The visitor's province ranks first in the next searches (see territory.visitor).
    return remember_province(response, unit.province.code)


def _unit_sections(request: HttpRequest, unit: Unit) -> list[str]:
    """The HTML of what apps to the right add to a commune's page (procedures, reception
    days, the scorecard...), in their order; territory never imports them.

    A commune's page is the most asked public page and its sections the costly part (a dozen
    queries and a chart): for visitors who are not signed in, the same HTML is served from the
    shared cache for ``DANVAN_PUBLIC_SECTIONS_CACHE_SECONDS`` (aggregate, public figures a
    minute old at most). Officers always get them fresh: their sections differ (editing links)
    and they check what they have just done."""
    seconds = getattr(settings, "DANVAN_PUBLIC_SECTIONS_CACHE_SECONDS", 0)
    if seconds <= 0 or request.user.is_authenticated or request.GET:
        return _render_sections(request, unit)
    key = f"territory:unit-sections:{unit.code}:{get_language()}"
    sections = cache.get(key)
    if sections is None:
        sections = _render_sections(request, unit)
        cache.set(key, sections, seconds)
    return sections


def _render_sections(request: HttpRequest, unit: Unit) -> list[str]:
    out: list[str] = []
    for section in sorted(registries.unit_page_sections, key=lambda s: (s.order, s.key)):
        result = section.render(request, unit)
        if result:
            template_name, context = result
            out.append(render_to_string(template_name, {"unit": unit, **context}, request))
    return out


def legacy_unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    legacy = selectors.legacy_unit_by_code(code)
    if legacy is None:
        raise Http404(
            _("Không tìm thấy đơn vị hành chính cũ (trước 1/7/2025) mã %(code)s.") % {"code": code}
        )
    return render(
        request,
        "territory/legacy_unit.html",
        {"legacy": legacy, "successors": list(legacy.successors.all())},
    )
