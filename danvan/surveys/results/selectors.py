"""Reads of the statistics half: which surveys a user may read, their counted submissions,
plans and stored estimates."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.accounts.access import units_for_user
from danvan.surveys import selectors as _forms
from danvan.surveys.models import (
    EstimateRun,
    PopulationCell,
    SampledHousehold,
    SampledVillage,
    SamplingPlan,
    Submission,
    Survey,
    SurveyEstimate,
)
from danvan.territory.models import Unit


def survey_for_user(user: Any, code: str) -> Survey:
    """The survey ``code`` if ``user`` may read it, else ``Http404`` (the collection half's
    rule: a commune survey for its commune's readers, a province survey for its province's)."""
    return _forms.survey_for_user(user, str(code or "")[:16])


def domain_for_user(user: Any, survey: Survey, code: str | None) -> Unit | None:
    """The commune ``code`` narrows ``survey`` to, when the user may read it and it lies in
    the survey's scope; None for no narrowing; ``Http404`` otherwise."""
    if not code:
        return None
    unit = units_for_user(user).filter(code=str(code)[:10]).select_related("province").first()
    in_scope = unit is not None and (
        unit.pk == survey.unit_id
        if survey.scope == "unit"
        else unit.province_id == survey.province_id
    )
    if not in_scope:
        raise Http404("No such unit")
    return unit


def current_submissions(survey: Survey) -> QuerySet[Submission]:
    """One per instanceID, an edit replacing its original (the collection half's rule)."""
    return _forms.current_submissions(survey)


def scope_units(survey: Survey) -> list[Unit]:
    if survey.scope == "unit":
        return [survey.unit] if survey.unit else []
    return list(Unit.objects.filter(province_id=survey.province_id).order_by("code"))


def latest_plan(survey: Survey) -> SamplingPlan | None:
    return SamplingPlan.objects.filter(survey=survey).order_by("-created_at", "-id").first()


def plan_villages(plan: SamplingPlan) -> list[SampledVillage]:
    return list(
        SampledVillage.objects.filter(plan=plan)
        .select_related("village", "unit")
        .order_by("unit__code", "village__name")
    )


def plan_households(plan: SamplingPlan) -> list[SampledHousehold]:
    return list(
        SampledHousehold.objects.filter(plan=plan)
        .select_related("sampled_village__village", "sampled_village__unit")
        .order_by("sampled_village__unit__code", "sampled_village__village__name", "order")
    )


def population_cells(units: list[Unit]) -> dict[int, dict[tuple[str, str], int]]:
    out: dict[int, dict[tuple[str, str], int]] = {}
    for cell in PopulationCell.objects.filter(unit__in=units):
        out.setdefault(cell.unit_id, {})[(cell.sex, cell.age_group)] = cell.count
    return out


def latest_run(survey: Survey) -> EstimateRun | None:
    return EstimateRun.objects.filter(survey=survey).order_by("-computed_at", "-id").first()


def estimates_of(survey: Survey, unit: Unit | None) -> QuerySet[SurveyEstimate]:
    """The stored rows of the survey's latest run: the whole survey (``unit`` None) or one
    commune's domain, in question order."""
    run = latest_run(survey)
    if run is None:
        return SurveyEstimate.objects.none()
    return SurveyEstimate.objects.filter(run=run, unit=unit, indicator="").order_by(
        "position", "id"
    )


def last_received(survey: Survey) -> Any:
    last = (
        current_submissions(survey).order_by("-received_at").values_list("received_at", flat=True)
    )
    return last.first()


def indicator_rows(keys: list[str], unit_ids: list[int], first: Any, end: Any) -> list[Any]:
    """Stored indicator rows of runs whose month lies in [first, end), for these communes:
    a province survey's commune rows, or a commune survey's whole-survey rows."""
    return list(
        SurveyEstimate.objects.filter(
            indicator__in=keys, run__period__gte=first, run__period__lt=end
        )
        .filter(
            Q(unit_id__in=unit_ids)
            | Q(unit__isnull=True, survey__scope="unit", survey__unit_id__in=unit_ids)
        )
        .select_related("survey", "run")
        .order_by("run__computed_at")
    )
