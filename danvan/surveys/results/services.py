"""Writes of the statistics half: drawing a sampling plan, computing and storing a survey's
estimates (with each counted submission's weights)."""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core.locks import hold
from danvan.core.services import audit_record
from danvan.core.signals import indicator_inputs_changed
from danvan.surveys import sampling
from danvan.surveys.estimates import NUMBER, SELECT_MULTIPLE, SELECT_ONE, Answered, Question
from danvan.surveys.estimates import estimate as estimate_rows
from danvan.surveys.models import (
    EstimateRun,
    SampledHousehold,
    SampledVillage,
    SamplingPlan,
    SubmissionWeight,
    Survey,
    SurveyEstimate,
)
from danvan.surveys.results import indicators, selectors
from danvan.surveys.weights import DEFAULT_REPS, Population, Respondent
from danvan.territory.models import Village

NUMBER_TYPES = {"integer", "decimal", "range"}


# ---------------------------------------------------------------- sampling plans


def plan_draw(
    *,
    survey: Survey,
    villages_per_commune: int,
    respondents_per_village: int,
    actor: Any,
    seed: int | None = None,
    method: str = "systematic",
) -> SamplingPlan:
    """Draw and store a plan over the survey's communes (see :mod:`danvan.surveys.sampling`).
    A village's size is its number of households, else its population; a village with a
    household list in the democracy app is sampled from that list."""
    from danvan.democracy.selectors import households_of_unit

    units = selectors.scope_units(survey)
    villages = list(
        Village.objects.filter(unit__in=units).select_related("unit").order_by("unit__code", "name")
    )
    lists: dict[int, list[str]] = {}
    for unit in units:
        for h in households_of_unit(unit).only("village_id", "number", "head"):
            lists.setdefault(h.village_id, []).append(f"{h.number} — {h.head}")
    frame = [
        sampling.FrameVillage(
            key=str(v.pk), commune=v.unit.code, name=v.name,
            size=len(lists[v.pk]) if v.pk in lists else (v.households or v.population or 0),
            households=tuple(lists.get(v.pk, ())),
        )
        for v in villages
    ]  # fmt: skip
    if seed is None:
        seed = int.from_bytes(__import__("os").urandom(3), "big")
    plan_data = sampling.draw_plan(
        frame, villages_per_commune=villages_per_commune,
        respondents_per_village=respondents_per_village, seed=seed, method=method,
    )  # fmt: skip
    by_pk = {str(v.pk): v for v in villages}
    with transaction.atomic():
        plan = SamplingPlan.objects.create(
            survey=survey, seed=seed, villages_per_commune=villages_per_commune,
            respondents_per_village=respondents_per_village, method=method,
            excluded=[{"village": v.key, "name": v.name, "commune": v.commune} for v in plan_data.excluded],
            created_by=actor,
        )  # fmt: skip
        sampled = {}
        for sv in plan_data.villages:
            village = by_pk[sv.key]
            sampled[sv.key] = SampledVillage.objects.create(
                plan=plan, village=village, unit=village.unit, size=sv.size,
                probability=sv.probability, certainty=sv.certainty,
            )  # fmt: skip
        SampledHousehold.objects.bulk_create(
            [
                SampledHousehold(
                    plan=plan,
                    sampled_village=sampled[h.village],
                    order=h.order,
                    number=h.number,
                    label=h.household,
                    household_probability=h.household_probability,
                )
                for h in plan_data.households
            ]  # fmt: skip
        )
        audit_record(
            actor=actor, action="surveys.plan_draw", obj=plan,
            unit_code=survey.unit.code if survey.unit else "",
            detail={"survey": survey.code, "seed": seed, "villages": len(sampled)},
        )  # fmt: skip
    return plan


# ---------------------------------------------------------------- estimates


def questions_of(survey: Survey) -> list[Question]:
    """The questions of the survey's current form version that have estimates: select_one,
    select_multiple and numbers, outside repeats (a repeat's rows are not respondents)."""
    version = survey.current_version
    out = []
    for q in (version.questions if version else []) or []:
        kind = str(q.get("type") or "").strip().replace(" ", "_")
        if q.get("repeat"):
            continue
        if kind.startswith("select_one") and not kind.endswith("from_file"):
            kind = SELECT_ONE
        elif kind.startswith("select_multiple") and not kind.endswith("from_file"):
            kind = SELECT_MULTIPLE
        elif kind in NUMBER_TYPES:
            kind = NUMBER
        else:
            continue
        choices = tuple(str(c.get("name")) for c in (q.get("choices") or []))
        out.append(Question(name=str(q["name"]), kind=kind, choices=choices))
    return out


def _inputs(survey: Survey) -> tuple[list[Answered], dict[str, Population], dict[str, float]]:
    """Each counted submission as a respondent (design weight from the latest plan), and each
    commune's population."""
    subs = list(
        selectors.current_submissions(survey)
        .select_related("unit")
        .only("id", "instance_id", "answers", "unit__code", "village_id", "sex", "age_group")
        .order_by("id")
    )
    plan = selectors.latest_plan(survey)
    planned = {sv.village_id: sv for sv in selectors.plan_villages(plan)} if plan else {}
    per_village: dict[int, int] = {}
    for s in subs:
        if s.village_id in planned:
            per_village[s.village_id] = per_village.get(s.village_id, 0) + 1
    rows, design = [], {}
    for s in subs:
        commune = s.unit.code if s.unit else ""
        sv = planned.get(s.village_id)
        if sv is not None:  # π = π_village × (respondents counted there ÷ its households)
            within = min(1.0, per_village[s.village_id] / sv.size) if sv.size else 1.0
            weight, certainty = 1.0 / (sv.probability * within), sv.certainty
        else:  # outside any plan: weight 1, clustered by village when known
            weight, certainty = 1.0, False
        key = str(s.pk)
        design[key] = weight
        respondent = Respondent(
            key=key, commune=commune,
            village=str(s.village_id) if s.village_id else None,
            design_weight=weight, certainty=certainty,
            sex=s.sex or None, age_group=s.age_group or None,
        )  # fmt: skip
        rows.append(Answered(respondent, s.answers or {}))
    units = selectors.scope_units(survey)
    cells = selectors.population_cells(units)
    populations = {u.code: Population(total=u.population, cells=cells.get(u.pk, {})) for u in units}
    return rows, populations, design


def estimates_compute(*, survey: Survey, reps: int = DEFAULT_REPS) -> EstimateRun | None:
    """Compute the survey's estimates from its counted submissions and store them (replacing
    the previous run); None when nothing can be estimated yet."""
    started = time.perf_counter()
    # The run stands for the data read from now on: a submission received while the bootstrap
    # works is later than the run, and its own task computes again.
    read_at = timezone.now()
    questions = questions_of(survey)
    rows, populations, design = _inputs(survey)
    if not rows or not questions:
        return None
    # Survey-based indicators of the evaluation: a derived yes/no answer per respondent,
    # estimated with the same weights and replicates as the questions.
    derived = indicators.derived_answers({q.name for q in questions})
    if derived:
        rows = [
            Answered(
                a.respondent,
                {
                    **a.answers,
                    **{f"@{s.key}": indicators.positive(s, a.answers, n) for s, n in derived},
                },
            )
            for a in rows
        ]
    asked = questions + [
        Question(name=f"@{s.key}", kind=SELECT_ONE, choices=(indicators.POSITIVE, "no"))
        for s, _n in derived
    ]
    seed = survey.pk  # the same data gives the same intervals
    results, weighted = estimate_rows(
        asked, rows, populations, reps=reps, seed=seed,
        by_commune=survey.scope == "province",
    )  # fmt: skip
    units = {u.code: u for u in selectors.scope_units(survey)}
    order = {q.name: i for i, q in enumerate(asked)}
    choice_order = {(q.name, c): j for q in asked for j, c in enumerate(q.choices)}
    last = selectors.last_received(survey)
    period = timezone.localtime(last).date().replace(day=1) if last else None
    final = weighted.weights()
    with transaction.atomic():
        # The task, the recompute button and the command may run at once: one at a time.
        hold(f"surveys.estimates.{survey.pk}")
        EstimateRun.objects.filter(survey=survey).delete()
        run = EstimateRun.objects.create(
            survey=survey, computed_at=read_at, submissions=len(rows), replicates=reps,
            seed=seed, levels=weighted.levels, period=period, seconds=round(time.perf_counter() - started, 3),
        )  # fmt: skip
        SurveyEstimate.objects.bulk_create(
            [
                SurveyEstimate(
                    run=run,
                    survey=survey,
                    unit=units.get(e.unit) if e.unit else None,
                    position=order[e.question] * 1000
                    + choice_order.get((e.question, e.choice), 999),
                    question=e.question.lstrip("@"),
                    indicator=e.question[1:] if e.question.startswith("@") else "",
                    choice=e.choice,
                    value=e.value,
                    ci_low=e.ci_low,
                    ci_high=e.ci_high,
                    n=e.n,
                    small=e.small,
                )
                for e in results
                if not e.unit or e.unit in units
            ],  # fmt: skip
            batch_size=2000,
        )
        SubmissionWeight.objects.filter(submission__survey=survey).delete()
        SubmissionWeight.objects.bulk_create(
            [
                SubmissionWeight(submission_id=int(k), run=run, design=design[k], final=w)
                for k, w in final.items()
            ],
            batch_size=2000,
        )
        run.seconds = round(time.perf_counter() - started, 3)
        run.save(update_fields=["seconds"])
        if period is not None and derived:
            # The evaluation's survey-based indicators of these communes' month changed.
            affected = [u.pk for u in units.values()]
            transaction.on_commit(
                lambda: indicator_inputs_changed.send(
                    sender=EstimateRun, items=[(uid, period) for uid in affected]
                )
            )
    return run
