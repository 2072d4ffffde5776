"""Receiving a filled form, from ODK Collect (OpenRosa) or the web form: stored once.

``instanceID`` is unique per survey (a constraint, so two concurrent resends cannot both
insert): a resend finds the stored row and only adds attachments it did not have (Collect
splits a large submission over several POSTs of the same instance). An edit names the
instance it replaces in ``deprecatedID``; the replaced row is marked ``superseded_by`` and no
longer counts.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core.services import audit_record
from danvan.core.types import Actor, account_of
from danvan.surveys.instance import Instance, InstanceError, answers_of
from danvan.surveys.models import (
    EnumeratorAssignment,
    FormVersion,
    RespondentContact,
    Submission,
    SubmissionAttachment,
    SubmissionSource,
    Survey,
)
from danvan.territory.models import Unit, Village

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 30


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class Received:
    submission: Submission
    created: bool


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _place(
    survey: Survey, answers: dict, enumerator_unit: Unit | None
) -> tuple[Unit | None, Village | None]:
    """Where the answer was collected: the form's ``commune`` answer (a code in the survey's
    scope), else the enumerator's assigned commune, else the survey's commune; the village by
    the ``village`` answer (a village id or its name) within that commune."""
    unit = survey.unit if survey.unit_id else None
    code = str(answers.get("commune") or "").strip()
    if survey.unit_id is None and code:
        unit = Unit.objects.filter(code=code, province_id=survey.province_id).first() or unit
    if unit is None:
        unit = enumerator_unit
    village = None
    raw = str(answers.get("village") or "").strip()
    if unit is not None and raw:
        villages = list(Village.objects.filter(unit=unit).only("id", "name", "unit_id"))
        if raw.isdigit():
            village = next((v for v in villages if v.pk == int(raw)), None)
        if village is None:
            wanted = _fold(raw.replace("_", " "))
            village = next((v for v in villages if _fold(v.name) == wanted), None)
    return unit, village


def submission_receive(
    *,
    survey: Survey,
    instance: Instance,
    actor: Actor,
    source: str = SubmissionSource.OPENROSA,
    attachments: list[Attachment] | None = None,
) -> Received:
    """Store ``instance`` for ``survey`` unless its instanceID is there already."""
    attachments = attachments or []
    if len(attachments) > MAX_ATTACHMENTS:
        raise InstanceError("too_many_files", _("Quá nhiều tệp đính kèm trong một lần gửi."))
    if instance.form_id != survey.form_id:
        raise InstanceError("unknown_form", _("Phiếu không thuộc biểu mẫu này."))
    # A resend is answered as the first sending was, even after the survey closed.
    existing = _existing(survey, instance.instance_id)
    if existing is not None:
        _add_attachments(existing, attachments)
        return Received(existing, created=False)
    if not survey.is_open:
        raise InstanceError("closed", _("Khảo sát đã đóng, không nhận thêm phiếu."))
    version = _version_of(survey, instance)
    answers = answers_of(instance.root, version.questions, "/" + _root_name(version))
    user = account_of(actor)
    assigned = None
    if user is not None and survey.unit_id is None:
        assignment = (
            EnumeratorAssignment.objects.filter(survey=survey, user=user)
            .select_related("unit")
            .first()
        )
        assigned = assignment.unit if assignment else None
    unit, village = _place(survey, answers, assigned)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                survey=survey,
                form_version=version,
                instance_id=instance.instance_id,
                deprecated_id=instance.deprecated_id,
                xml=instance.xml,
                answers=answers,
                unit=unit,
                village=village,
                sex=str(answers.get("sex") or "")[:10],
                age_group=str(answers.get("age_group") or "")[:20],
                enumerator=user,
                source=source,
            )
            if instance.contact:
                RespondentContact.objects.create(
                    submission=submission,
                    name=instance.contact.get("name", ""),
                    phone=instance.contact.get("phone", "")[:20],
                )
            _supersede(submission)
            _add_attachments(submission, attachments)
            audit_record(
                actor=actor,
                action="surveys.submission_receive",
                obj=submission,
                unit_code=unit.code if unit else "",
                detail={"survey": survey.code, "source": source},
            )
    except IntegrityError:
        # A concurrent resend of the same instance won the unique constraint.
        existing = _existing(survey, instance.instance_id)
        if existing is None:
            raise
        _add_attachments(existing, attachments)
        return Received(existing, created=False)
    return Received(submission, created=True)


def _root_name(version: FormVersion) -> str:
    first = next((q["path"] for q in version.questions if q.get("path")), "/data/x")
    return first.split("/")[1]


def _version_of(survey: Survey, instance: Instance) -> FormVersion:
    if instance.version:
        version = survey.versions.filter(version=instance.version).first()
    else:
        version = survey.current_version
    if version is None:
        raise InstanceError(
            "unknown_version",
            _("Phiên bản biểu mẫu “%(v)s” không có trên máy chủ: hãy tải lại biểu mẫu.")
            % {"v": instance.version},
        )
    return version


def _existing(survey: Survey, instance_id: str) -> Submission | None:
    return Submission.objects.filter(survey=survey, instance_id=instance_id).first()


def _supersede(submission: Submission) -> None:
    """Link ``submission`` into its edit chain: it replaces its ``deprecated_id``, and is
    itself replaced if an edit of it arrived first (Collect may send them out of order)."""
    if submission.deprecated_id:
        Submission.objects.filter(
            survey_id=submission.survey_id,
            instance_id=submission.deprecated_id,
            superseded_by__isnull=True,
        ).exclude(pk=submission.pk).update(superseded_by=submission)
    newer = (
        Submission.objects.filter(
            survey_id=submission.survey_id, deprecated_id=submission.instance_id
        )
        .exclude(pk=submission.pk)
        .order_by("received_at", "id")
        .first()
    )
    if newer is not None:
        Submission.objects.filter(pk=submission.pk).update(superseded_by=newer)
        submission.superseded_by = newer


def _add_attachments(submission: Submission, attachments: list[Attachment]) -> None:
    if not attachments:
        return
    have = set(submission.attachments.values_list("name", flat=True))
    for item in attachments:
        if item.name in have:
            continue
        if len(item.data) > MAX_ATTACHMENT_BYTES:
            raise InstanceError("too_large", _("Tệp đính kèm lớn quá 10 MB."))
        try:
            with transaction.atomic():
                SubmissionAttachment.objects.create(
                    submission=submission,
                    name=item.name[:200],
                    content_type=item.content_type[:100],
                    size=len(item.data),
                    data=item.data,
                    sha256=hashlib.sha256(item.data).hexdigest(),
                )
        except IntegrityError:
            continue  # a concurrent resend stored it
        have.add(item.name)
