"""Public pages of the legal clock: the calculator, the rules in force, a year's calendar.
National data only (no commune's records), so they are open to everyone."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from danvan.deadlines import selectors, workcal
from danvan.deadlines.explain import skipped_groups
from danvan.deadlines.forms import DueForm


def calculator(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "vi"
    bound = "rule" in request.GET or "start_date" in request.GET
    form = DueForm(request.GET if bound else None)
    result = None
    if bound and form.is_valid():
        result = form.result
    context = {
        "form": form,
        "result": result,
        "explanation": result.explanation(lang) if result else [],
        "groups": skipped_groups(result, lang) if result else [],
        "year": selectors.today_local().year,
    }
    return render(request, "deadlines/calculator.html", context, status=200)


def rules(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "vi"
    today = selectors.today_local()
    in_force = {(s.id, s.version) for s in selectors.rules_in_force(today)}
    by_key: dict[str, list] = {}
    for row in selectors.rules_with_history():
        by_key.setdefault(row.key, []).append(row)
    areas: dict[str, list[dict]] = {}
    for key, versions in by_key.items():
        current = next((v for v in versions if (key, v.version) in in_force), None)
        if current is None:
            continue
        areas.setdefault(selectors.area_label(current.area, lang), []).append(
            {"current": current, "versions": versions, "spec": current.to_spec()}
        )
    sources = [s for s in selectors.rules_in_force(today) if s.id not in by_key]
    return render(
        request,
        "deadlines/rules.html",
        {"areas": areas, "sources": sources, "today": today, "lang": lang},
    )


def calendar(request: HttpRequest, year: int) -> HttpResponse:
    if not workcal.FIRST_YEAR <= year <= workcal.LAST_YEAR:
        raise Http404
    lang = get_language() or "vi"
    data = selectors.calendar_year(year)
    return render(
        request,
        "deadlines/calendar.html",
        {
            "cal": data,
            "lang": lang,
            "years": range(workcal.FIRST_YEAR, workcal.LAST_YEAR + 1),
            "previous": year - 1 if year > workcal.FIRST_YEAR else None,
            "next": year + 1 if year < workcal.LAST_YEAR else None,
        },
    )
