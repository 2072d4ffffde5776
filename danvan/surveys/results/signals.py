"""After a submission is stored (or replaced by an edit), its survey's estimates are
recomputed in the background once the transaction commits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone


def _submission_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    survey_id = instance.survey_id

    def enqueue() -> None:
        from danvan.surveys.results.tasks import DELAY_SECONDS, recompute_estimates_task

        # Only a backend with a worker that can wait (the database backend) gets the task: an
        # immediate backend would compute inside the submission's request, once per phone.
        if not recompute_estimates_task.get_backend().supports_defer:
            return
        run_after = timezone.now() + timedelta(seconds=DELAY_SECONDS)
        recompute_estimates_task.using(run_after=run_after).enqueue(survey_id)

    transaction.on_commit(enqueue)


def register() -> None:
    from danvan.surveys.models import Submission

    post_save.connect(_submission_saved, sender=Submission, dispatch_uid="surveys.estimates")
