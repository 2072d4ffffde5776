"""The surveys' tables. Forms and collection live in ``forms.py``; sampling and weights (the
statistics half) in ``sampling.py``. Everything is re-exported here so ``surveys.models.X``
works for both halves and for migrations."""

from danvan.surveys.models.forms import (
    EnumeratorAssignment,
    EnumeratorCredential,
    FormMedia,
    FormVersion,
    RespondentContact,
    Submission,
    SubmissionAttachment,
    SubmissionDraft,
    SubmissionSource,
    Survey,
    SurveyScope,
)

__all__ = [
    "EnumeratorAssignment",
    "EnumeratorCredential",
    "FormMedia",
    "FormVersion",
    "RespondentContact",
    "Submission",
    "SubmissionAttachment",
    "SubmissionSource",
    "SubmissionDraft",
    "Survey",
    "SurveyScope",
]
