"""Recompute the stored estimates of one survey (``--survey CODE``) or of every survey with
counted submissions, e.g. after a commune's population figures were corrected."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.surveys.models import Survey
from danvan.surveys.results import services
from danvan.surveys.weights import DEFAULT_REPS


class Command(BaseCommand):
    help = "Recompute survey estimates (weights, Rao–Wu bootstrap intervals)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--survey", default="", help="a survey's code; all when omitted")
        parser.add_argument("--reps", type=int, default=DEFAULT_REPS)

    def handle(self, *args: Any, **options: Any) -> None:
        surveys = Survey.objects.select_related("unit", "current_version").order_by("code")
        if options["survey"]:
            surveys = surveys.filter(code=options["survey"])
            if not surveys.exists():
                raise CommandError(f"No survey {options['survey']!r}.")
        else:
            surveys = surveys.filter(submissions__superseded_by__isnull=True).distinct()
        if not 10 <= options["reps"] <= 2000:
            raise CommandError("--reps must be between 10 and 2000.")
        for survey in surveys:
            run = services.estimates_compute(survey=survey, reps=options["reps"])
            if run is None:
                self.stdout.write(f"{survey.code}: nothing to estimate")
            else:
                self.stdout.write(
                    f"{survey.code}: {run.submissions} submissions, {run.seconds:.1f} s, "
                    f"levels {run.levels}"
                )
