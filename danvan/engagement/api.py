"""API router of engagement, mounted under /api/v1/ by danvan.api.

- ``GET /democracy/petitions?unit=CODE`` — voters' petitions with status and answer (the
  issue #14 contract), paged like ``GET /letters``;
- ``POST /democracy/petitions`` (council, front, leader), ``POST /democracy/petitions/{code}/
  answer`` (leader, council);
- ``GET /engagement/dialogues?unit=CODE``, ``POST /engagement/dialogues`` (leader),
  ``POST /engagement/dialogues/{id}/commitments`` (leader),
  ``GET /engagement/commitments?unit=CODE``, ``POST /engagement/commitments/{code}/complete``.

Another commune's objects are 404 on read and 403 on write. Creating POSTs honour an
``Idempotency-Key`` header: a retry returns what the first request created.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from danvan.accounts.access import unit_for_user
from danvan.accounts.auth import BearerAuth
from danvan.cases.services import CaseError
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery, page_of
from danvan.core.idempotency import KeyTooLong, request_key
from danvan.engagement import selectors, services
from danvan.engagement.models import Dialogue, VoterMeeting, VoterPetition
from danvan.engagement.services import EngagementError, Forbidden

router = Router(tags=["engagement"])


class ListQuery(PageQuery):
    unit: str = Field(..., min_length=1, max_length=5)


def _read_unit(user: Any, code: str) -> Any:
    if not code.isdigit():
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    return unit_for_user(user, code)


def _act_unit(user: Any, code: str) -> Any:
    unit = selectors.unit_for_actor(user, code)
    if unit is None:
        # The same answer for an unknown unit and another commune's: no oracle.
        raise ApiError(403, "forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    return unit


def _idempotency_key(request: HttpRequest, user: Any, scope: str) -> str | None:
    """The caller's ``Idempotency-Key`` for this endpoint (``danvan.core.idempotency``)."""
    try:
        return request_key(request, scope=f"api.engagement.{scope}", actor=user)
    except KeyTooLong as exc:
        raise ApiError(
            422, "bad_idempotency_key", _("Idempotency-Key không quá 255 ký tự.")
        ) from exc


def _error(exc: Exception) -> ApiError:
    if isinstance(exc, Forbidden):
        return ApiError(403, "forbidden", str(exc.message))
    code = getattr(exc, "code", "invalid")
    message = getattr(exc, "message", exc)
    return ApiError(422, code, str(message))


# ---- petitions --------------------------------------------------------------------------


class PetitionOut(Schema):
    code: str
    unit: str
    content: str
    area: str
    meeting_date: date
    meeting_place: str
    source: str
    competent_level: str
    competent_body: str
    status: str
    received_at: datetime
    due: date | None
    answered: bool
    answer: str | None
    answered_at: datetime | None
    answered_by: str | None
    on_time: bool | None
    round: int
    previous: str | None


class PetitionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PetitionOut]


def _petition_row(p: VoterPetition) -> dict[str, Any]:
    return {
        "code": p.case.code,
        "unit": p.unit.code,
        "content": p.content,
        "area": p.area,
        "meeting_date": p.meeting.held_on,
        "meeting_place": p.meeting.place,
        "source": p.source,
        "competent_level": p.competent_level,
        "competent_body": p.competent_body,
        "status": p.case.status,
        "received_at": p.case.received_at,
        "due": p.case.due_date,
        "answered": p.answered_at is not None,
        "answer": p.answer or None,
        "answered_at": p.answered_at,
        "answered_by": p.answered_by_body or None,
        "on_time": p.case.on_time,
        "round": p.round,
        "previous": p.previous.case.code if p.previous_id else None,
    }


@router.get("/democracy/petitions", auth=BearerAuth(), response=PetitionPage)
def list_petitions(request: HttpRequest, q: Query[ListQuery]):  # type: ignore[no-untyped-def]
    unit = _read_unit(request.auth, q.unit)
    return page_of(selectors.petitions_for_api(unit), q, _petition_row)


class PetitionIn(Schema):
    unit: str = Field(..., min_length=5, max_length=5)
    meeting_date: date
    meeting_place: str = Field(..., min_length=1, max_length=300)
    meeting_session: str = Field("", max_length=200)
    content: str = Field(..., min_length=10, max_length=5000)
    source: Literal["council", "front"]
    competent_level: Literal["commune", "higher"]
    competent_body: str = Field("", max_length=200)
    area: str = Field("", max_length=150)
    previous: str = Field("", max_length=40, description="Mã kiến nghị trước (kiến nghị lại)")


@router.post("/democracy/petitions", auth=BearerAuth(), response={201: PetitionOut})
def create_petition(request: HttpRequest, payload: PetitionIn):  # type: ignore[no-untyped-def]
    user = request.auth
    unit = _act_unit(user, payload.unit)
    previous = None
    if payload.previous:
        previous = selectors.petitions_of(unit).filter(case__code=payload.previous).first()
        if previous is None:
            raise ApiError(422, "bad_previous", _("Không tìm thấy kiến nghị trước của xã này."))
    try:
        meeting: VoterMeeting = services.meeting_record(
            unit=unit,
            actor=user,
            held_on=payload.meeting_date,
            place=payload.meeting_place,
            session=payload.meeting_session,
        )
        petition = services.petition_record(
            actor=user,
            data=services.PetitionInput(
                meeting=meeting,
                content=payload.content,
                source=payload.source,
                competent_level=payload.competent_level,
                competent_body=payload.competent_body,
                area=payload.area,
                previous=previous,
            ),
            idempotency_key=_idempotency_key(request, user, "petitions"),
        )
    except (EngagementError, CaseError) as exc:
        raise _error(exc) from exc
    petition = selectors.petition_for_user(user, petition.case.code)
    return Status(201, _petition_row(petition))


class AnswerIn(Schema):
    answer: str = Field(..., min_length=1, max_length=10000)
    answered_by: str = Field("", max_length=200)
    answered_at: datetime | None = None


def _petition_for_write(user: Any, code: str) -> VoterPetition:
    petition = selectors.petition_of_code(code)
    if petition is None or selectors.unit_for_actor(user, petition.unit.code) is None:
        raise ApiError(403, "forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    return selectors.petition_for_user(user, code)


@router.post("/democracy/petitions/{code}/answer", auth=BearerAuth(), response=PetitionOut)
def answer_petition(request: HttpRequest, code: str, payload: AnswerIn):  # type: ignore[no-untyped-def]
    user = request.auth
    petition = _petition_for_write(user, code)
    try:
        services.petition_answer(
            petition=petition,
            actor=user,
            answer=payload.answer,
            answered_by_body=payload.answered_by,
            at=payload.answered_at,
        )
    except (EngagementError, CaseError) as exc:
        raise _error(exc) from exc
    return _petition_row(selectors.petition_for_user(user, code))


# ---- dialogues and commitments ----------------------------------------------------------


class DialogueOut(Schema):
    id: int
    unit: str
    kind: str
    title: str
    scheduled_at: datetime
    place: str
    notice: str
    status: str
    held_at: datetime | None
    front_confirmed: bool


class DialoguePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DialogueOut]


def _dialogue_row(d: Dialogue) -> dict[str, Any]:
    return {
        "id": d.pk,
        "unit": d.unit.code,
        "kind": d.kind,
        "title": d.title,
        "scheduled_at": d.scheduled_at,
        "place": d.place,
        "notice": d.notice,
        "status": d.status,
        "held_at": d.held_at,
        "front_confirmed": d.front_confirmed_at is not None,
    }


@router.get("/engagement/dialogues", auth=BearerAuth(), response=DialoguePage)
def list_dialogues(request: HttpRequest, q: Query[ListQuery]):  # type: ignore[no-untyped-def]
    unit = _read_unit(request.auth, q.unit)
    return page_of(selectors.dialogues_for_api(unit), q, _dialogue_row)


class DialogueIn(Schema):
    unit: str = Field(..., min_length=5, max_length=5)
    kind: Literal["annual", "thematic"]
    title: str = Field(..., min_length=1, max_length=300)
    scheduled_at: datetime
    place: str = Field(..., min_length=1, max_length=300)
    notice: str = Field(..., min_length=1, max_length=5000)


@router.post("/engagement/dialogues", auth=BearerAuth(), response={201: DialogueOut})
def create_dialogue(request: HttpRequest, payload: DialogueIn):  # type: ignore[no-untyped-def]
    user = request.auth
    unit = _act_unit(user, payload.unit)
    if payload.scheduled_at.tzinfo is None:
        raise ApiError(422, "naive_time", _("Thời gian phải có múi giờ (ví dụ +07:00)."))
    try:
        dialogue = services.dialogue_schedule(
            unit=unit,
            actor=user,
            data=services.DialogueInput(
                kind=payload.kind,
                title=payload.title,
                scheduled_at=payload.scheduled_at,
                place=payload.place,
                notice=payload.notice,
            ),
            idempotency_key=_idempotency_key(request, user, "dialogues"),
        )
    except EngagementError as exc:
        raise _error(exc) from exc
    return Status(201, _dialogue_row(dialogue))


class CommitmentOut(Schema):
    code: str
    unit: str
    dialogue: int
    content: str
    responsible: str
    committed_date: date
    due: date | None
    status: str
    on_time: bool | None
    result: str


class CommitmentPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CommitmentOut]


def _commitment_row(c: Any) -> dict[str, Any]:
    return {
        "code": c.case.code,
        "unit": c.unit.code,
        "dialogue": c.dialogue_id,
        "content": c.content,
        "responsible": c.responsible,
        "committed_date": c.committed_date,
        "due": c.case.due_date,
        "status": c.case.status,
        "on_time": c.case.on_time,
        "result": c.result,
    }


@router.get("/engagement/commitments", auth=BearerAuth(), response=CommitmentPage)
def list_commitments(request: HttpRequest, q: Query[ListQuery]):  # type: ignore[no-untyped-def]
    unit = _read_unit(request.auth, q.unit)
    return page_of(selectors.commitments_of(unit).select_related("unit"), q, _commitment_row)


class CommitmentIn(Schema):
    content: str = Field(..., min_length=1, max_length=3000)
    responsible: str = Field(..., min_length=1, max_length=200)
    committed_date: date


@router.post(
    "/engagement/dialogues/{dialogue_id}/commitments",
    auth=BearerAuth(),
    response={201: CommitmentOut},
)
def create_commitment(request: HttpRequest, dialogue_id: int, payload: CommitmentIn):  # type: ignore[no-untyped-def]
    user = request.auth
    dialogue = selectors.dialogue_of_pk(dialogue_id)
    if dialogue is None or selectors.unit_for_actor(user, dialogue.unit.code) is None:
        raise ApiError(403, "forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    try:
        commitment = services.commitment_record(
            dialogue=dialogue,
            actor=user,
            data=services.CommitmentInput(
                content=payload.content,
                responsible=payload.responsible,
                committed_date=payload.committed_date,
            ),
            idempotency_key=_idempotency_key(request, user, "commitments"),
        )
    except (EngagementError, CaseError) as exc:
        raise _error(exc) from exc
    return Status(201, _commitment_row(selectors.commitment_for_user(user, commitment.case.code)))


class CompleteIn(Schema):
    result: str = Field(..., min_length=1, max_length=5000)
    completed_at: datetime | None = None


@router.post("/engagement/commitments/{code}/complete", auth=BearerAuth(), response=CommitmentOut)
def complete_commitment(request: HttpRequest, code: str, payload: CompleteIn):  # type: ignore[no-untyped-def]
    user = request.auth
    found = selectors.commitments_of_code(code)
    if found is None or selectors.unit_for_actor(user, found.unit.code) is None:
        raise ApiError(403, "forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    commitment = selectors.commitment_for_user(user, code)
    try:
        services.commitment_complete(
            commitment=commitment, actor=user, result=payload.result, at=payload.completed_at
        )
    except (EngagementError, CaseError) as exc:
        raise _error(exc) from exc
    return _commitment_row(selectors.commitment_for_user(user, code))
