"""API router of letters, mounted under /api/v1/ by danvan.api.

``POST /letters`` registers a letter (an ``Idempotency-Key`` header makes a retry return the
same letter); ``GET /letters?unit=`` lists them, paged. A denouncer's name
and phone are never in these answers, whoever asks: leaders read them one letter at a time
through ``GET /letters/{code}/identity``, and every reading is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.accounts.access import has_role, unit_for_user
from danvan.accounts.auth import BearerAuth
from danvan.cases.services import CaseError
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery, page_of
from danvan.core.idempotency import KeyTooLong, create_once, request_key
from danvan.letters import selectors
from danvan.letters.models import Channel, Letter
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import identity_read, may_read_identity
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
    """An ``Idempotency-Key`` header makes a retried request answer with the letter its
    first attempt registered: one letter, one deadline, one message to the sender."""
    unit = _unit_for_actor(request.auth, payload.unit)
    try:
        key = request_key(request, scope="api.letters", actor=request.auth)
    except KeyTooLong as exc:
        raise ApiError(
            422, "bad_idempotency_key", _("Idempotency-Key không quá 255 ký tự.")
        ) from exc

    def create() -> Letter:
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
                submission_key=key,
            ),
            actor=request.auth,
        )

    try:
        letter, _created = create_once(
            key=key, find=selectors.letter_by_submission_key, create=create
        )
    except (LetterError, CaseError) as exc:
        raise ApiError(422, exc.code, str(exc.message)) from exc
    if letter.unit_id != unit.pk or letter.kind != payload.kind:
        # The same key for another request: an error of the client's, never someone
        # else's letter in answer.
        raise ApiError(422, "key_reused", _("Idempotency-Key này đã được dùng cho một đơn khác."))
    case = letter.case
    return 201, {
        "code": case.code,
        "secret": case.secret,
        "kind": letter.kind,
        "status": case.status,
        "due": case.due_date,
    }


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
    if not purpose.strip() and may_read_identity(request.auth, letter):
        # Every reading states why (Law on Denunciation Art. 47), here as on the page; the
        # unentitled are refused (and the attempt audited) by the reading itself.
        raise ApiError(422, "purpose_required", _("Phải nêu mục đích xem thông tin người tố cáo."))
    person = identity_read(user=request.auth, letter=letter, purpose=purpose)
    return {
        "code": letter.code,
        "name": person.name,
        "phone": person.phone,
        "address": person.address,
    }
