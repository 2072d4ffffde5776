"""Survey-based indicators of the evaluation, registered through the indicator registry
(surveys sits below the evaluation and never imports it).

Each indicator is the weighted share of respondents giving a positive answer to one question
of the survey's form, found by name (the built-in instruments use these names; a province's
own form does the same to feed the index). The share and its 95 % interval are computed with
the survey's estimates (same weights, same Rao–Wu replicates) and stored as rows carrying the
indicator's key; the evaluation reads them for the month of the survey's last counted
submission: ``compute`` gives ``(share × n ÷ 100, n)`` so the value is the weighted share in
percent and the denominator the respondents, ``intervals`` the bootstrap interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from danvan.core.registry import Indicator, registries
from danvan.surveys.estimates import SMALL_N

SOURCE = "Khảo sát người dân và cán bộ (danvan.surveys), trọng số và khoảng tin cậy bootstrap"
POSITIVE = "yes"


@dataclass(frozen=True)
class SurveyIndicator:
    key: str
    area: int
    name_vi: str
    name_en: str
    questions: tuple[str, ...]  # candidate question names: the first the form has is used
    positive: frozenset[str]  # choices counted as positive
    # A battery instead (every listed question the form has): positive when the mean of the
    # answered items is at least ``threshold`` (the officials' six-area self-assessment).
    battery: tuple[str, ...] = ()
    threshold: float = 4.0


AGREE = frozenset({"4", "5"})  # "agree", "strongly agree" (and "satisfied", "very satisfied")
SPECS = (
    SurveyIndicator(
        "surveys.satisfaction", 3, "Người dân hài lòng với chính quyền xã (khảo sát)",
        "Residents satisfied with the commune government (survey)",
        ("overall", "satisfaction"), AGREE,
    ),
    SurveyIndicator(
        "surveys.trust", 4, "Người dân tin xã giải quyết khiếu nại, tố cáo công bằng (khảo sát)",
        "Residents who trust the commune to settle complaints fairly (survey)",
        ("a4_trust", "trust"), AGREE,
    ),
    SurveyIndicator(
        "surveys.rights_awareness", 2, "Người dân biết quyền được biết, bàn, quyết định, giám sát (khảo sát)",
        "Residents aware of their grassroots-democracy rights (survey)",
        ("a2_rights", "rights_awareness"), AGREE,
    ),
    SurveyIndicator(
        "surveys.officials_self_assessment", 5, "Cán bộ tự đánh giá làm tốt công tác dân vận (khảo sát)",
        "Officials rating their own outreach work good (survey)",
        (), AGREE, battery=tuple(f"o{n}_self" for n in range(1, 7)),
    ),
)  # fmt: skip


def derived_answers(question_names: set[str]) -> list[tuple[SurveyIndicator, tuple[str, ...]]]:
    """The indicators a form can feed: ``(spec, the question names it reads)``."""
    out = []
    for spec in SPECS:
        if spec.battery:
            found = tuple(q for q in spec.battery if q in question_names)
            if found:
                out.append((spec, found))
            continue
        name = next((q for q in spec.questions if q in question_names), None)
        if name is not None:
            out.append((spec, (name,)))
    return out


def positive(spec: SurveyIndicator, answers: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """One respondent's derived yes/no answer (None when unanswered)."""
    values = [answers.get(n) for n in names]
    values = [v for v in values if v not in (None, "")]
    if not values:
        return None
    if spec.battery:
        numbers = []
        for v in values:
            try:
                numbers.append(float(v))
            except (TypeError, ValueError):
                continue
        if not numbers:
            return None
        return POSITIVE if sum(numbers) / len(numbers) >= spec.threshold else "no"
    return POSITIVE if str(values[0]) in spec.positive else "no"


def _latest_by_unit(key: str, unit_ids: list[int], first: date, end: date) -> dict[int, Any]:
    from danvan.surveys.results import selectors

    out: dict[int, Any] = {}
    for row in selectors.indicator_rows([key], unit_ids, first, end):
        if row.choice != POSITIVE:
            continue
        uid = row.unit_id if row.unit_id is not None else row.survey.unit_id
        out[uid] = row  # ordered by computation: the latest wins
    return out


def _compute(key: str):  # type: ignore[no-untyped-def]
    def compute(unit_ids: list[int], month_start: date, month_end: date):  # type: ignore[no-untyped-def]
        rows = _latest_by_unit(key, list(unit_ids), month_start, month_end)
        return {uid: ((r.value or 0.0) * r.n / 100.0, float(r.n)) for uid, r in rows.items() if r.n}

    return compute


def _intervals(key: str):  # type: ignore[no-untyped-def]
    def intervals(unit_ids: list[int], month_start: date, month_end: date):  # type: ignore[no-untyped-def]
        rows = _latest_by_unit(key, list(unit_ids), month_start, month_end)
        return {uid: (r.ci_low, r.ci_high) for uid, r in rows.items() if r.n}

    return intervals


def register() -> None:
    for spec in SPECS:
        registries.indicators.register(
            spec.key,
            Indicator(
                key=spec.key,
                area=spec.area,
                name_vi=spec.name_vi,
                name_en=spec.name_en,
                direction="higher",
                target=None,
                source=SOURCE,
                compute=_compute(spec.key),
                min_denominator=float(SMALL_N),  # the estimates' own small-domain flag
                intervals=_intervals(spec.key),
            ),  # fmt: skip
        )
