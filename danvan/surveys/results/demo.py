"""Demo data of the statistics half: the estimates of every demo survey that has counted
submissions and no estimates yet (after the collection half's seeder has filled them).
Idempotent: a survey with a run is left alone."""

from __future__ import annotations

from typing import Any

from danvan.surveys.models import EstimateRun, Survey
from danvan.surveys.results import services


def seed(stdout: Any = None) -> None:
    done = set(EstimateRun.objects.values_list("survey_id", flat=True))
    surveys = (
        Survey.objects.filter(submissions__superseded_by__isnull=True)
        .exclude(pk__in=done)
        .select_related("unit", "current_version")
        .distinct()
    )
    for survey in surveys:
        run = services.estimates_compute(survey=survey)
        if run is not None and stdout is not None:
            stdout.write(f"Survey {survey.code}: estimates from {run.submissions} submissions\n")
