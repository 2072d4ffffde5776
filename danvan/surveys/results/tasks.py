"""Background recomputation of a survey's estimates after submissions (django-tasks).

Submissions arrive in bursts (a village's phones synchronising), so the task is enqueued a
minute after each commit and skips its work when a run newer than the last counted submission
already exists: a burst costs one computation, not one per submission."""

from __future__ import annotations

from django_tasks import task

DELAY_SECONDS = 60


@task()
def recompute_estimates_task(survey_id: int, force: bool = False) -> bool:
    from danvan.surveys.models import Survey
    from danvan.surveys.results import selectors, services

    survey = Survey.objects.filter(pk=survey_id).select_related("unit", "current_version").first()
    if survey is None:
        return False
    run = selectors.latest_run(survey)
    last = selectors.last_received(survey)
    if not force and run is not None and last is not None and run.computed_at >= last:
        return False  # already computed after the last submission
    return services.estimates_compute(survey=survey) is not None
