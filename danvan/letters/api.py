"""API router of letters, mounted under /api/v1/ by danvan.api.

``POST /letters`` registers a letter (an ``Idempotency-Key`` header makes a retry return the
same letter); ``GET /letters?unit=`` lists them, paged. A denouncer's name
and phone are never in these answers, whoever asks: leaders read them one letter at a time
through ``GET /letters/{code}/identity``, and every reading is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.db import IntegrityError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.accounts.access import has_role, unit_for_user
from danvan.accounts.auth import BearerAuth
from danvan.cases.services import CaseError
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery, idempotency_digest, idempotency_key, page_of
from danvan.letters import selectors
from danvan.letters.models import Channel, Letter
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import identity_read
from danvan.letters.services.intake import LetterInput, Sender, letter_receive
from danvan.territory.models import Unit
from danvan.territory.selectors import unit_with_province

router = Router(tags=["letters"])

ChannelCode = Literal[tuple(Channel.values)]  # type: ignore[valid-type]


class LetterIn(Schema):
    unit: str = Field(..., min_length=5, max_length=5, description="Mã xã (5 chữ số)")
    kind: Literal["complaint", "denunciation", "petition", "reflection"]
    sender_name: str = Field("", max_length=150)
    sender_phone: str = Field("", max_length=20)
    sender_address: str = Field("", max_length=300)
    content: str = Field(..., min_length=10, max_length=10000)
    channel: ChannelCode = "desk"  # type: ignore[valid-type]
    forwarded_by: str = Field("", max_length=200)


class LetterCreated(Schema):
    code: str
    secret: str
    kind: str
    status: str
    due: date | None


class LetterOut(Schema):
    code: str
    unit: str
    kind: str
    channel: str
    status: str
    decision: str
    received_at: str
    due: date | None
    title: str
    sender_name: str | None
    sender_protected: bool
    is_repeat: bool
    is_over_level: bool


class LetterPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[LetterOut]


class IdentityOut(Schema):
    code: str
    name: str
    phone: str
    address: str


def _unit_for_actor(user: object, code: str) -> Unit:
    unit = unit_with_province(code)
    if unit is None or not has_role(user, unit, *ACTING_ROLES):
        # The same answer for an unknown unit and another commune's: no oracle.
        raise ApiError(403, "forbidden", _("Bạn không có quyền tiếp nhận đơn tại đơn vị này."))
    return unit


@router.post("/letters", auth=BearerAuth(), response={201: LetterCreated})
def create_letter(request: HttpRequest, payload: LetterIn):  # type: ignore[no-untyped-def]
    unit = _unit_for_actor(request.auth, payload.unit)
    key = idempotency_key(request, request.auth)
    submission_key = idempotency_digest(key) if key else None
    letter = _replayed(submission_key, unit)
    if letter is None:
        try:
            letter = _receive(payload, unit, request.auth, submission_key)
        except IntegrityError:
            # The same key sent twice at once: the other request stored the letter.
            letter = _replayed(submission_key, unit)
            if letter is None:
                raise
    case = letter.case
    return 201, {
        "code": case.code,
        "secret": case.secret,
        "kind": letter.kind,
        "status": case.status,
        "due": case.due_date,
    }


def _replayed(submission_key: str | None, unit: Unit) -> Letter | None:
    """The letter a first request with this key created (a retry gets it back)."""
    if submission_key is None:
        return None
    letter = selectors.letter_by_submission_key(submission_key)
    if letter is not None and letter.unit_id != unit.pk:
        raise ApiError(422, "key_reused", _("Mã chống gửi trùng đã được dùng cho một đơn vị khác."))
    return letter


def _receive(payload: LetterIn, unit: Unit, user: object, submission_key: str | None) -> Letter:
    try:
        return letter_receive(
            data=LetterInput(
                unit=unit,
                kind=payload.kind,
                content=payload.content,
                channel=payload.channel,
                forwarded_by=payload.forwarded_by,
                sender=Sender(
                    name=payload.sender_name,
                    phone=payload.sender_phone,
                    address=payload.sender_address,
                ),
                submission_key=submission_key,
            ),
            actor=user,
        )
    except (LetterError, CaseError) as exc:
        raise ApiError(422, exc.code, str(exc.message)) from exc


class ListQuery(PageQuery):
    unit: str = Field(..., min_length=1, max_length=5)


@router.get("/letters", auth=BearerAuth(), response=LetterPage)
def list_letters(request: HttpRequest, q: Query[ListQuery]):  # type: ignore[no-untyped-def]
    unit = unit_for_user(request.auth, q.unit) if q.unit.isdigit() else None
    if unit is None:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    qs = (
        selectors.letters_for_user(request.auth)
        .filter(unit=unit)
        .select_related("case")
        .order_by("-received_at", "-id")
    )
    return page_of(qs, q, lambda letter: _letter_row(letter, unit))


def _letter_row(letter: Letter, unit: Unit) -> dict[str, object]:
    return {
        "code": letter.case.code,
        "unit": unit.code,
        "kind": letter.kind,
        "channel": letter.channel,
        "status": letter.case.status,
        "decision": letter.decision,
        "received_at": letter.received_at.isoformat(),
        "due": letter.case.due_date,
        "title": letter.title,
        "sender_name": None if letter.identity_protected else (letter.sender_name or None),
        "sender_protected": letter.identity_protected,
        "is_repeat": letter.is_repeat,
        "is_over_level": letter.is_over_level,
    }


@router.get("/letters/{code}/identity", auth=BearerAuth(), response=IdentityOut)
def letter_identity(request: HttpRequest, code: str, purpose: str = ""):  # type: ignore[no-untyped-def]
    letter = selectors.letter_for_user(request.auth, code)
    if not letter.identity_protected:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    person = identity_read(user=request.auth, letter=letter, purpose=purpose or "api")
    return {
        "code": letter.code,
        "name": person.name,
        "phone": person.phone,
        "address": person.address,
    }
