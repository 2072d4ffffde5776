"""Writes of engagement: dialogues, their questions and commitments; voters' petitions.

Every service takes keyword-only arguments, checks the actor's role in the commune, runs in
one transaction and writes an audit entry. Commitments and petitions are cases: they are
opened, re-dated and closed only through ``danvan.cases.services``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.cases import services as case_services
from danvan.cases.clockstate import local_date
from danvan.cases.models import CaseEventKind, CaseStatus
from danvan.core.services import audit_record
from danvan.deadlines.rulespec import DeadlineError
from danvan.engagement.models import (
    Commitment,
    CompetentLevel,
    Dialogue,
    DialogueKind,
    DialogueQuestion,
    DialogueStatus,
    PetitionSource,
    QuestionStage,
    VoterMeeting,
    VoterPetition,
)
from danvan.engagement.rules import COMMITMENT_RULE, PETITION_RULE
from danvan.territory.models import Unit

COMMITMENT_KIND = "commitment"
PETITION_KIND = "voter_petition"

# Who does what (issue #14): leaders schedule dialogues and make commitments; the Front
# co-organises them; the People's Council records voters' petitions, the Front forwards them.
SCHEDULERS = (Role.LEADER,)
ORGANISERS = (Role.LEADER, Role.FRONT)
COMMITTERS = (Role.LEADER,)
PETITION_RECORDERS = (Role.COUNCIL, Role.FRONT, Role.LEADER)
PETITION_HANDLERS = (Role.LEADER, Role.COUNCIL)
READERS = (Role.LEADER, Role.FRONT, Role.COUNCIL, Role.SPECIALIST, Role.ONE_STOP)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CLOCK_SKEW = timedelta(minutes=5)


class EngagementError(ValueError):
    """A refused act; ``code`` is stable (API), ``message`` is for people, ``field`` names the
    form field at fault (empty: the whole form)."""

    def __init__(self, code: str, message: Any, field: str = "") -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field


class Forbidden(EngagementError):
    def __init__(self, message: Any) -> None:
        super().__init__("forbidden", message)


def _require(actor: Any, unit: Unit, roles: tuple[str, ...]) -> None:
    if not has_role(actor, unit, *roles):
        raise Forbidden(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))


def _text(value: str, field: str, *, required: bool = True, max_length: int = 5000) -> str:
    cleaned = " ".join((value or "").split()) if max_length <= 300 else (value or "").strip()
    if required and not cleaned:
        raise EngagementError("required", _("Thông tin này là bắt buộc."), field)
    if len(cleaned) > max_length:
        raise EngagementError(
            "too_long",
            _("Quá dài (tối đa %(n)s ký tự).") % {"n": max_length},
            field,
        )
    return cleaned


def _aware(value: datetime, field: str) -> datetime:
    if not isinstance(value, datetime) or timezone.is_naive(value):
        raise EngagementError("bad_time", _("Thời gian không hợp lệ."), field)
    return value


def _not_future(value: datetime, field: str) -> datetime:
    if _aware(value, field) > timezone.now() + CLOCK_SKEW:
        raise EngagementError("future", _("Thời điểm này chưa đến."), field)
    return value


def _new_code(prefix: str, unit: Unit, at: datetime) -> str:
    random_part = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{prefix}-{unit.code}-{local_date(at):%y}-{random_part}"


def _audit(actor: Any, action: str, obj: Any, unit: Unit, **detail: Any) -> None:
    audit_record(
        actor=actor,
        action=f"engagement.{action}",
        obj=obj,
        unit_code=unit.code,
        detail=detail,
        object_repr=f"{obj._meta.model_name}:{obj.pk}",
    )


def _key(value: str | None) -> str | None:
    return (value or "").strip()[:100] or None


def _existing(model: Any, key: str | None, unit: Unit) -> Any:
    if not key:
        return None
    found = model.objects.filter(idempotency_key=key).first()
    if found is not None and found.unit_id != unit.pk:
        raise EngagementError("key_reused", _("Mã chống gửi trùng đã được dùng."))
    return found


# ---- dialogues --------------------------------------------------------------------------


@dataclass
class DialogueInput:
    kind: str
    title: str
    scheduled_at: datetime
    place: str
    notice: str


def dialogue_schedule(
    *, unit: Unit, actor: Any, data: DialogueInput, idempotency_key: str | None = None
) -> Dialogue:
    """A leader puts a dialogue on the calendar; its notice is public at once."""
    _require(actor, unit, SCHEDULERS)
    key = _key(idempotency_key)
    found = _existing(Dialogue, key, unit)
    if found is not None:
        return found
    if data.kind not in DialogueKind.values:
        raise EngagementError("bad_kind", _("Loại đối thoại không hợp lệ."), "kind")
    values = {
        "title": _text(data.title, "title", max_length=300),
        "place": _text(data.place, "place", max_length=300),
        "notice": _text(data.notice, "notice", max_length=5000),
        "scheduled_at": _aware(data.scheduled_at, "scheduled_at"),
    }
    try:
        with transaction.atomic():
            dialogue = Dialogue.objects.create(
                unit=unit, kind=data.kind, created_by=actor, idempotency_key=key, **values
            )
            _audit(actor, "dialogue_schedule", dialogue, unit, kind=data.kind)
    except IntegrityError:
        found = _existing(Dialogue, key, unit)
        if found is None:
            raise
        return found
    return dialogue


@transaction.atomic
def dialogue_confirm_front(*, dialogue: Dialogue, actor: Any) -> Dialogue:
    """The Fatherland Front confirms it co-organises the dialogue (Art. 32)."""
    _require(actor, dialogue.unit, (Role.FRONT,))
    locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if locked.status == DialogueStatus.CANCELLED:
        raise EngagementError("cancelled", _("Buổi đối thoại đã bị hủy."))
    if locked.front_confirmed_at is None:
        locked.front_confirmed_at, locked.front_confirmed_by = timezone.now(), actor
        locked.save(update_fields=["front_confirmed_at", "front_confirmed_by", "updated_at"])
        _audit(actor, "dialogue_confirm_front", locked, dialogue.unit)
    return locked


@transaction.atomic
def dialogue_hold(
    *, dialogue: Dialogue, actor: Any, held_at: datetime, attendance: int | None, summary: str
) -> Dialogue:
    """Record that the dialogue took place, with what was said (public)."""
    _require(actor, dialogue.unit, ORGANISERS)
    _not_future(held_at, "held_at")
    if attendance is not None and attendance < 0:
        raise EngagementError("bad_number", _("Số người không hợp lệ."), "attendance")
    locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if locked.status != DialogueStatus.SCHEDULED:
        raise EngagementError("not_scheduled", _("Buổi đối thoại không còn ở trạng thái chờ."))
    locked.status, locked.held_at = DialogueStatus.HELD, held_at
    locked.attendance = attendance
    locked.summary = _text(summary, "summary", max_length=10000)
    locked.save()
    _audit(actor, "dialogue_hold", locked, dialogue.unit, attendance=attendance)
    return locked


@transaction.atomic
def dialogue_cancel(*, dialogue: Dialogue, actor: Any, reason: str) -> Dialogue:
    _require(actor, dialogue.unit, SCHEDULERS)
    locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if locked.status != DialogueStatus.SCHEDULED:
        raise EngagementError("not_scheduled", _("Buổi đối thoại không còn ở trạng thái chờ."))
    locked.status = DialogueStatus.CANCELLED
    locked.summary = _text(reason, "reason", max_length=2000)
    locked.save()
    _audit(actor, "dialogue_cancel", locked, dialogue.unit)
    return locked


def accepts_questions(dialogue: Dialogue, now: datetime | None = None) -> bool:
    """Residents send questions before the dialogue: scheduled and not yet begun."""
    return dialogue.status == DialogueStatus.SCHEDULED and (now or timezone.now()) < (
        dialogue.scheduled_at
    )


def question_submit(
    *,
    dialogue: Dialogue,
    content: str,
    name: str = "",
    phone: str = "",
    area: str = "",
    submission_key: str | None = None,
) -> DialogueQuestion:
    """A resident's question before the dialogue (the public form; no sign-in)."""
    if not accepts_questions(dialogue):
        raise EngagementError("closed", _("Buổi đối thoại này không còn nhận câu hỏi trước."))
    content = _text(content, "content", max_length=3000)
    if len(content) < 10:
        raise EngagementError("too_short", _("Câu hỏi quá ngắn (ít nhất 10 ký tự)."), "content")
    key = _key(submission_key)
    if key:
        found = DialogueQuestion.objects.filter(submission_key=key).first()
        if found is not None:
            return found
    try:
        with transaction.atomic():
            question = DialogueQuestion.objects.create(
                dialogue=dialogue,
                unit=dialogue.unit,
                stage=QuestionStage.BEFORE,
                content=content,
                asker_name=_text(name, "name", required=False, max_length=150),
                asker_phone=_text(phone, "phone", required=False, max_length=20),
                asker_area=_text(area, "area", required=False, max_length=150),
                submission_key=key,
            )
            # The log keeps the act, not the person.
            _audit(None, "question_submit", question, dialogue.unit, stage="before")
    except IntegrityError:
        found = DialogueQuestion.objects.filter(submission_key=key).first() if key else None
        if found is None:
            raise
        return found
    return question


@transaction.atomic
def question_record(
    *, dialogue: Dialogue, actor: Any, content: str, stage: str, area: str = ""
) -> DialogueQuestion:
    """An officer enters a question raised at the meeting (or handed in on paper)."""
    _require(actor, dialogue.unit, ORGANISERS)
    if stage not in QuestionStage.values:
        raise EngagementError("bad_stage", _("Thời điểm không hợp lệ."), "stage")
    if dialogue.status == DialogueStatus.CANCELLED:
        raise EngagementError("cancelled", _("Buổi đối thoại đã bị hủy."))
    question = DialogueQuestion.objects.create(
        dialogue=dialogue,
        unit=dialogue.unit,
        stage=stage,
        content=_text(content, "content", max_length=3000),
        asker_area=_text(area, "area", required=False, max_length=150),
    )
    _audit(actor, "question_record", question, dialogue.unit, stage=stage)
    return question


@transaction.atomic
def question_answer(*, question: DialogueQuestion, actor: Any, answer: str) -> DialogueQuestion:
    _require(actor, question.unit, ORGANISERS)
    locked = DialogueQuestion.objects.select_for_update().get(pk=question.pk)
    locked.answer = _text(answer, "answer", max_length=5000)
    locked.answered_at, locked.answered_by = timezone.now(), actor
    locked.save()
    _audit(actor, "question_answer", locked, question.unit)
    return locked


# ---- commitments ------------------------------------------------------------------------


@dataclass
class CommitmentInput:
    content: str
    responsible: str
    committed_date: date
    question: DialogueQuestion | None = None


def commitment_record(
    *,
    dialogue: Dialogue,
    actor: Any,
    data: CommitmentInput,
    idempotency_key: str | None = None,
) -> Commitment:
    """A leader's commitment at a held dialogue: a case due on the date committed to."""
    unit = dialogue.unit
    _require(actor, unit, COMMITTERS)
    key = _key(idempotency_key)
    found = _existing(Commitment, key, unit)
    if found is not None:
        return found
    if dialogue.status != DialogueStatus.HELD or dialogue.held_at is None:
        raise EngagementError(
            "not_held", _("Chỉ ghi cam kết sau khi buổi đối thoại đã được tổ chức.")
        )
    content = _text(data.content, "content", max_length=3000)
    responsible = _text(data.responsible, "responsible", max_length=200)
    if not isinstance(data.committed_date, date) or isinstance(data.committed_date, datetime):
        raise EngagementError("bad_date", _("Ngày không hợp lệ."), "committed_date")
    if data.committed_date < local_date(dialogue.held_at):
        raise EngagementError(
            "before_dialogue",
            _("Hạn cam kết không được trước ngày đối thoại."),
            "committed_date",
        )
    if data.question is not None and data.question.dialogue_id != dialogue.pk:
        raise EngagementError("bad_question", _("Câu hỏi không thuộc buổi đối thoại."), "question")
    try:
        with transaction.atomic():
            return _commitment_open(dialogue, actor, content, responsible, data, key)
    except (case_services.CaseError, DeadlineError) as exc:
        raise _refused(exc) from exc
    except IntegrityError:
        found = _existing(Commitment, key, unit)
        if found is None:
            raise
        return found


def _commitment_open(
    dialogue: Dialogue,
    actor: Any,
    content: str,
    responsible: str,
    data: CommitmentInput,
    key: str | None,
) -> Commitment:
    unit, made_at = dialogue.unit, dialogue.held_at
    assert made_at is not None
    case = case_services.case_open(
        unit=unit,
        kind=COMMITMENT_KIND,
        code=_new_code("CK", unit, made_at),
        title=content[:300],
        rule_id=COMMITMENT_RULE,
        received_at=made_at,
        actor=actor,
        channel="dialogue",
        department=responsible[:120],
        event_note=_("Cam kết tại buổi đối thoại ngày %(date)s.")
        % {"date": local_date(made_at).strftime("%d/%m/%Y")},
    )
    case_services.case_set_due(
        case=case,
        actor=actor,
        due_date=data.committed_date,
        kind=CaseEventKind.NOTE,
        note=_("Hạn thực hiện theo cam kết của lãnh đạo: %(date)s.")
        % {"date": data.committed_date.strftime("%d/%m/%Y")},
        data={"source": "commitment"},
        at=made_at,
    )
    commitment = Commitment.objects.create(
        case=case,
        unit=unit,
        dialogue=dialogue,
        question=data.question,
        content=content,
        responsible=responsible,
        committed_date=data.committed_date,
        idempotency_key=key,
    )
    _audit(
        actor,
        "commitment_record",
        commitment,
        unit,
        case=case.code,
        due_date=data.committed_date.isoformat(),
    )
    return commitment


@transaction.atomic
def commitment_complete(
    *, commitment: Commitment, actor: Any, result: str, at: datetime | None = None
) -> Commitment:
    """The commitment is carried out: the case closes, on time if by the committed date."""
    _require(actor, commitment.unit, COMMITTERS)
    at = _not_future(at or timezone.now(), "at")
    text = _text(result, "result", max_length=5000)
    # The row locked, so a double submit waits here and then finds the case closed.
    commitment = (
        Commitment.objects.select_for_update().select_related("case", "unit").get(pk=commitment.pk)
    )
    if not commitment.case.is_open:
        raise EngagementError("closed", _("Cam kết đã được ghi kết quả."))
    if at < commitment.case.received_at:
        raise EngagementError("before_made", _("Thời điểm phải sau buổi đối thoại."), "at")
    _close(commitment.case, actor, at, text)
    commitment.result = text
    commitment.save(update_fields=["result", "updated_at"])
    _audit(actor, "commitment_complete", commitment, commitment.unit, case=commitment.case.code)
    return commitment


def _refused(exc: Exception) -> EngagementError:
    """A refusal of the case core or the legal clock, as this app's error."""
    if isinstance(exc, DeadlineError):
        return EngagementError(exc.code, exc.message(translation.get_language() or "vi"))
    return EngagementError(getattr(exc, "code", "refused"), getattr(exc, "message", str(exc)))


def _close(case: Any, actor: Any, at: datetime, text: str) -> None:
    """Close the case as resolved; a refusal of the case core (closed meanwhile, a time
    before its receipt) becomes this app's error, shown on the form."""
    try:
        case_services.case_close(
            case=case, actor=actor, status=CaseStatus.RESOLVED, at=at, public_note=text[:1000]
        )
    except case_services.CaseError as exc:
        raise _refused(exc) from exc


# ---- voters' petitions ------------------------------------------------------------------


@transaction.atomic
def meeting_record(
    *, unit: Unit, actor: Any, held_on: date, place: str, session: str = "", deputies: str = ""
) -> VoterMeeting:
    """A deputies' meeting with voters; the same day and place is the same meeting."""
    _require(actor, unit, PETITION_RECORDERS)
    if not isinstance(held_on, date) or held_on > timezone.localdate():
        raise EngagementError("bad_date", _("Ngày tiếp xúc không hợp lệ."), "held_on")
    place = _text(place, "place", max_length=300)
    meeting, created = VoterMeeting.objects.get_or_create(
        unit=unit,
        held_on=held_on,
        place=place,
        defaults={
            "session": _text(session, "session", required=False, max_length=200),
            "deputies": _text(deputies, "deputies", required=False, max_length=500),
        },
    )
    if created:
        _audit(actor, "meeting_record", meeting, unit)
    return meeting


def _competent(unit: Unit, level: str, body: str) -> tuple[str, str]:
    if level not in CompetentLevel.values:
        raise EngagementError("bad_level", _("Thẩm quyền không hợp lệ."), "competent_level")
    if level == CompetentLevel.COMMUNE:
        return level, f"UBND {unit.name}"[:200]
    name = _text(body, "competent_body", max_length=200)
    return level, name


@dataclass
class PetitionInput:
    meeting: VoterMeeting
    content: str
    source: str
    competent_level: str
    competent_body: str = ""
    area: str = ""
    previous: VoterPetition | None = None
    received_at: datetime | None = None


def petition_record(
    *, actor: Any, data: PetitionInput, idempotency_key: str | None = None
) -> VoterPetition:
    """Record a voters' petition from a deputies' meeting; its answer clock starts."""
    unit = data.meeting.unit
    _require(actor, unit, PETITION_RECORDERS)
    key = _key(idempotency_key)
    found = _existing(VoterPetition, key, unit)
    if found is not None:
        return found
    if data.source not in PetitionSource.values:
        raise EngagementError("bad_source", _("Nguồn kiến nghị không hợp lệ."), "source")
    content = _text(data.content, "content", max_length=5000)
    if len(content) < 10:
        raise EngagementError("too_short", _("Nội dung quá ngắn (ít nhất 10 ký tự)."), "content")
    level, body = _competent(unit, data.competent_level, data.competent_body)
    if data.previous is not None and data.previous.unit_id != unit.pk:
        raise EngagementError("bad_previous", _("Kiến nghị trước không thuộc xã này."), "previous")
    received_at = _not_future(data.received_at or timezone.now(), "received_at")
    if local_date(received_at) < data.meeting.held_on:
        raise EngagementError(
            "before_meeting", _("Ngày nhận không được trước ngày tiếp xúc cử tri."), "received_at"
        )
    values = {
        "content": content,
        "area": _text(data.area, "area", required=False, max_length=150),
        "level": level,
        "body": body,
        "received_at": received_at,
    }
    try:
        with transaction.atomic():
            return _petition_open(actor, data, values, key)
    except (case_services.CaseError, DeadlineError) as exc:
        # The clock refused (the rule not in force on that date, as an administrator set it).
        raise _refused(exc) from exc
    except IntegrityError:
        found = _existing(VoterPetition, key, unit)
        if found is None:
            raise
        return found


def _petition_open(
    actor: Any, data: PetitionInput, values: dict[str, Any], key: str | None
) -> VoterPetition:
    meeting, unit = data.meeting, data.meeting.unit
    previous = None
    if data.previous is not None:
        previous = VoterPetition.objects.select_for_update().get(pk=data.previous.pk)
    case = case_services.case_open(
        unit=unit,
        kind=PETITION_KIND,
        code=_new_code("CT", unit, values["received_at"]),
        title=values["content"][:300],
        rule_id=PETITION_RULE,
        received_at=values["received_at"],
        actor=actor,
        channel="voter_meeting",
        department=values["body"][:120],
        event_note=_("Kiến nghị cử tri tại hội nghị tiếp xúc ngày %(date)s.")
        % {"date": meeting.held_on.strftime("%d/%m/%Y")},
        event_data={"meeting": meeting.pk},
    )
    petition = VoterPetition.objects.create(
        case=case,
        unit=unit,
        meeting=meeting,
        source=data.source,
        content=values["content"],
        area=values["area"],
        competent_level=values["level"],
        competent_body=values["body"],
        previous=previous,
        round=(previous.round + 1) if previous else 1,
        idempotency_key=key,
    )
    _audit(
        actor,
        "petition_record",
        petition,
        unit,
        case=case.code,
        level=values["level"],
        previous=previous.case.code if previous else "",
    )
    return petition


@transaction.atomic
def petition_assign(
    *, petition: VoterPetition, actor: Any, competent_level: str, competent_body: str = ""
) -> VoterPetition:
    """Send the petition to the competent body. Sent upwards it stays open, and on the
    commune's public page, until the answer is recorded here: pushing a petition up does not
    end the commune's follow-up."""
    _require(actor, petition.unit, PETITION_HANDLERS)
    level, body = _competent(petition.unit, competent_level, competent_body)
    petition = (
        VoterPetition.objects.select_for_update().select_related("case", "unit").get(pk=petition.pk)
    )
    if petition.answered_at is not None or not petition.case.is_open:
        raise EngagementError(
            "answered", pgettext_lazy("voter petition", "Kiến nghị đã được trả lời.")
        )
    petition.competent_level, petition.competent_body = level, body
    petition.save(update_fields=["competent_level", "competent_body", "updated_at"])
    case_services.case_record_event(
        case=petition.case,
        kind=CaseEventKind.HANDED_ON,
        actor=actor,
        note=_("Chuyển đến cơ quan có thẩm quyền: %(body)s.") % {"body": body},
        data={"competent_level": level},
    )
    _audit(actor, "petition_assign", petition, petition.unit, level=level)
    return petition


@transaction.atomic
def petition_answer(
    *,
    petition: VoterPetition,
    actor: Any,
    answer: str,
    answered_by_body: str = "",
    at: datetime | None = None,
) -> VoterPetition:
    """Record (and publish) the answer; the case closes, on time if within the rule."""
    _require(actor, petition.unit, PETITION_HANDLERS)
    at = _not_future(at or timezone.now(), "at")
    text = _text(answer, "answer", max_length=10000)
    body = _text(answered_by_body, "answered_by_body", required=False, max_length=200)
    # The row locked, so two officers answering at once record one answer.
    petition = (
        VoterPetition.objects.select_for_update().select_related("case", "unit").get(pk=petition.pk)
    )
    if petition.answered_at is not None or not petition.case.is_open:
        raise EngagementError(
            "answered", pgettext_lazy("voter petition", "Kiến nghị đã được trả lời.")
        )
    if at < petition.case.received_at:
        raise EngagementError("before_received", _("Thời điểm phải sau ngày nhận."), "at")
    _close(petition.case, actor, at, text)
    petition.answer, petition.answered_at = text, at
    petition.answered_by_body = body or petition.competent_body
    petition.save(update_fields=["answer", "answered_at", "answered_by_body", "updated_at"])
    _audit(actor, "petition_answer", petition, petition.unit, case=petition.case.code)
    return petition
