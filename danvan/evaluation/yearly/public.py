"""The published decision, for everyone (no login): the province's list of communes with
their appraised totals and grades, and a short section on each commune's public page.

Only what the decision itself makes public is shown: the commune, its total out of 100 and
its grade. Self-scores, items, flags, appraisers' reasons and evidence stay with the officers
(``views.results_page``). Nothing is shown before the decision is published
(``services.decision_publish`` sets ``status=decided`` and ``published_at``): 404 until then.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from danvan.evaluation.yearly import selectors
from danvan.territory.models import Unit

# The shipped template's grade labels (``data/scoring_1878.json``) in English; a province's
# own labels are its data and are shown as written.
GRADE_WORDS = {
    "Tốt": pgettext_lazy("scoring grade", "Tốt"),
    "Khá": pgettext_lazy("scoring grade", "Khá"),
    "Trung bình": pgettext_lazy("scoring grade", "Trung bình"),
    "Yếu": pgettext_lazy("scoring grade", "Yếu"),
}


def grade_label(grade: str) -> str:
    return str(GRADE_WORDS.get(grade, grade))


def _ranked(rows: list[Any]) -> list[dict[str, Any]]:
    """Rows with their rank; equal totals share a rank (1, 2, 2, 4)."""
    out: list[dict[str, Any]] = []
    for n, a in enumerate(rows, start=1):
        tied = out and out[-1]["total"] == a.appraised_total
        out.append(
            {
                "rank": out[-1]["rank"] if tied else n,
                "unit": a.unit,
                "total": a.appraised_total,
                "grade": grade_label(a.grade),
            }
        )
    return out


def province_results(request: HttpRequest, province_code: str, year: int) -> HttpResponse:
    framework = selectors.published_framework(province_code, year)
    if framework is None:
        raise Http404(_("Chưa có kết quả xếp loại được công bố cho năm này."))
    rows = _ranked(selectors.published_results(framework))
    counts = Counter(r["grade"] for r in rows)
    # The grades in the bands' order (best first), as the decision lists them.
    summary = [(g, counts[g]) for g in dict.fromkeys(r["grade"] for r in rows)]
    return render(
        request,
        "evaluation/scoring/public_results.html",
        {
            "framework": framework,
            "province": framework.province,
            "rows": rows,
            "summary": summary,
        },
    )


def published_index(request: HttpRequest) -> HttpResponse:
    """Every province's published years, for the portal's list of public pages."""
    by_province: dict[str, dict[str, Any]] = {}
    for fw in selectors.published_frameworks():
        entry = by_province.setdefault(fw.province.code, {"province": fw.province, "years": []})
        entry["years"].append(fw)
    return render(
        request,
        "evaluation/scoring/public_index.html",
        {"provinces": list(by_province.values())},
    )


def unit_section(request: HttpRequest, unit: Unit) -> tuple[str, dict[str, Any]] | None:
    """The commune's grades of the published years (nothing before the first decision)."""
    history = selectors.published_history(unit)
    if not history:
        return None
    years = [
        {
            "year": a.framework.year,
            "total": a.appraised_total,
            "grade": grade_label(a.grade),
            "province_code": a.framework.province.code,
            "decision_number": a.framework.decision_number,
            "decided_on": a.framework.decided_on,
        }
        for a in history
    ]
    return "evaluation/scoring/public_section.html", {"latest": years[0], "years": years}
