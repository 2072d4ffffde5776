"""Drafts of the web form and their submission, once."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.db import IntegrityError, transaction

from danvan.core.types import Actor, account_of
from danvan.surveys.instance import build_instance, instance_bytes, parse_instance
from danvan.surveys.models import Submission, SubmissionDraft, SubmissionSource, Survey
from danvan.surveys.services.collection import submission_receive

FIXED_KEY = "_fixed"  # values the draft was started with (the commune), not the user's to edit


def draft_start(
    *, survey: Survey, actor: Actor, fixed: dict[str, Any], token: str | None = None
) -> SubmissionDraft:
    """A new draft of the survey's current version (``token`` given: the one it names, so a
    start sent twice makes one draft)."""
    token = token or secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            return SubmissionDraft.objects.create(
                survey=survey,
                form_version=survey.current_version,
                token=token,
                instance_id=f"uuid:{uuid.uuid4()}",
                user=account_of(actor),
                values={**fixed, FIXED_KEY: fixed},
            )
    except IntegrityError:
        return SubmissionDraft.objects.get(token=token)


def draft_save(*, draft: SubmissionDraft, values: dict[str, Any], page: int) -> None:
    values = {**values, FIXED_KEY: draft.values.get(FIXED_KEY, {})}
    SubmissionDraft.objects.filter(pk=draft.pk, submission__isnull=True).update(
        values=values, page=page
    )
    draft.values, draft.page = values, page


def draft_submit(
    *, draft: SubmissionDraft, values: dict[str, Any], actor: Actor, public: bool
) -> Submission:
    """Store the draft's answers as a submission (its instanceID fixed at the start, so a
    double submit stores one) and close the draft."""
    clean = {k: v for k, v in values.items() if k != FIXED_KEY}
    version = draft.form_version
    root = build_instance(
        version.questions,
        form_id=draft.survey.form_id,
        version=version.version,
        values=clean,
        instance_id=draft.instance_id,
    )
    received = submission_receive(
        survey=draft.survey,
        instance=parse_instance(instance_bytes(root)),
        actor=actor,
        source=SubmissionSource.PUBLIC if public else SubmissionSource.WEB,
    )
    # The answers now live in the submission, the respondent's name and phone in its
    # protected contact: the closed draft keeps only the fixed values (survey, commune).
    SubmissionDraft.objects.filter(pk=draft.pk).update(
        submission=received.submission, values={FIXED_KEY: values.get(FIXED_KEY, {})}
    )
    draft.submission = received.submission
    return received.submission
