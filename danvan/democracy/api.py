"""API router of grassroots democracy, mounted under /api/v1/ by danvan.api.

Disclosures, consultations and receipts are public; a household votes online with its code
(no account); officers of the commune create decisions, record paper ballots and read totals
— never who chose what. Lists are paged like ``GET /letters``; creating POSTs honour an
``Idempotency-Key`` header.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from danvan.accounts.access import has_role, unit_for_user
from danvan.accounts.auth import BearerAuth
from danvan.cases.ratelimit import allow
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery, page_of
from danvan.core.idempotency import KeyTooLong, request_key
from danvan.democracy import selectors
from danvan.democracy.categories import Choice, DecisionCategory, DecisionForm
from danvan.democracy.models import Decision
from danvan.democracy.services import DemocracyError
from danvan.democracy.services.common import ORGANISER_ROLES
from danvan.democracy.services.consultations import comment_add
from danvan.democracy.services.decisions import (
    VoteInput,
    decision_create,
    decision_result,
    receipt_lookup,
    vote_cast,
)
from danvan.territory.models import Unit

router = Router(tags=["democracy"])
ANONYMOUS = object()


class OptionalBearer(BearerAuth):
    """A bearer token when one is sent (an officer); none at all is a household or a
    resident. A wrong token is still refused."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.headers.get("Authorization"):
            return ANONYMOUS
        return super().__call__(request)


def _officer(request: HttpRequest) -> Any:
    auth = getattr(request, "auth", None)
    return None if auth is ANONYMOUS else auth


def _raise(exc: DemocracyError) -> None:
    raise ApiError(exc.status, exc.code, str(exc.message)) from exc


def _key(request: HttpRequest, scope: str) -> str | None:
    """The caller's ``Idempotency-Key`` for this endpoint (``danvan.core.idempotency``)."""
    try:
        return request_key(request, scope=f"api.democracy.{scope}", actor=_officer(request))
    except KeyTooLong as exc:
        raise ApiError(
            422, "bad_idempotency_key", _("Idempotency-Key không quá 255 ký tự.")
        ) from exc


class UnitPageQuery(PageQuery):
    unit: str = Field(..., min_length=1, max_length=5)


def _public_unit(code: str) -> Unit:
    unit = selectors.unit_public(code) if code.isdigit() else None
    if unit is None:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    return unit


class PostingOut(Schema):
    place: str
    village: int | None
    starts: date
    ends: date | None


class DisclosureOut(Schema):
    id: int
    unit: str
    category: str
    title: str
    decided_on: date
    due_on: date
    document_url: str
    postings: list[PostingOut]


class DisclosurePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DisclosureOut]


@router.get("/democracy/disclosures", response=DisclosurePage, auth=None)
def list_disclosures(request: HttpRequest, q: Query[UnitPageQuery]):  # type: ignore[no-untyped-def]
    unit = _public_unit(q.unit)

    def row(d: Any) -> dict[str, Any]:
        return {
            "id": d.pk,
            "unit": unit.code,
            "category": d.category,
            "title": d.title,
            "decided_on": d.decided_on,
            "due_on": d.due_on,
            "document_url": reverse("democracy:public_document", args=[d.pk]),
            "postings": [
                {"place": p.place, "village": p.village_id, "starts": p.starts, "ends": p.ends}
                for p in d.postings.all()
            ],
        }

    return page_of(selectors.disclosures_for_unit(unit), q, row)


class ConsultationOut(Schema):
    id: int
    unit: str
    village: int | None
    category: str
    title: str
    summary: str
    opens: datetime
    closes: datetime
    comments: int
    synthesis: str
    synthesis_published_at: datetime | None


class ConsultationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ConsultationOut]


@router.get("/democracy/consultations", response=ConsultationPage, auth=None)
def list_consultations(request: HttpRequest, q: Query[UnitPageQuery]):  # type: ignore[no-untyped-def]
    unit = _public_unit(q.unit)

    def row(c: Any) -> dict[str, Any]:
        published = c.synthesis_published_at is not None
        return {
            "id": c.pk,
            "unit": unit.code,
            "village": c.village_id,
            "category": c.category,
            "title": c.title,
            "summary": c.summary,
            "opens": c.opens,
            "closes": c.closes,
            "comments": c.comment_count,
            "synthesis": c.synthesis if published else "",
            "synthesis_published_at": c.synthesis_published_at,
        }

    return page_of(selectors.consultations_for_unit(unit), q, row)


class CommentIn(Schema):
    name: str = Field(..., min_length=1, max_length=150)
    phone: str = Field(..., min_length=9, max_length=20)
    content: str = Field(..., min_length=5, max_length=5000)


class CommentCreated(Schema):
    id: int
    consultation: int


@router.post(
    "/democracy/consultations/{consultation_id}/comments",
    response={201: CommentCreated},
    auth=None,
)
def create_comment(request: HttpRequest, consultation_id: str, payload: CommentIn):  # type: ignore[no-untyped-def]
    if not allow(request, "democracy-comment"):
        raise ApiError(429, "rate_limited", _("Bạn gửi quá nhiều lần. Vui lòng thử lại sau."))
    consultation = selectors.consultation_public(consultation_id)
    if consultation is None:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    try:
        comment = comment_add(
            consultation=consultation,
            name=payload.name,
            phone=payload.phone,
            content=payload.content,
            submission_key=_key(request, f"comment:{consultation.pk}"),
        )
    except DemocracyError as exc:
        _raise(exc)
    return Status(201, {"id": comment.pk, "consultation": consultation.pk})


class HouseholdQuery(PageQuery):
    village: str = Field(..., min_length=1, max_length=12)


class HouseholdOut(Schema):
    id: int
    head: str
    members: int


class HouseholdPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[HouseholdOut]


@router.get("/democracy/households", response=HouseholdPage, auth=BearerAuth())
def list_households(request: HttpRequest, q: Query[HouseholdQuery]):  # type: ignore[no-untyped-def]
    try:
        qs = selectors.households_for_user(request.auth, q.village)
    except Http404 as exc:
        raise ApiError(404, "not_found", _("Không tìm thấy.")) from exc
    return page_of(qs, q, lambda h: {"id": h.pk, "head": h.head, "members": h.members})


class DecisionIn(Schema):
    unit: str = Field(..., min_length=5, max_length=5)
    village: int | None = Field(None, ge=1, le=2**31 - 1)
    scope: Literal["village", "commune"] = "village"
    category: Literal[tuple(DecisionCategory.values)]  # type: ignore[valid-type]
    form: Literal[tuple(DecisionForm.values)]  # type: ignore[valid-type]
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=5000)
    opens: datetime
    closes: datetime


class DecisionOut(Schema):
    id: int
    unit: str
    village: int | None
    scope: str
    category: str
    form: str
    title: str
    opens: datetime
    closes: datetime


def _decision_out(d: Decision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "unit": d.unit.code,
        "village": d.village_id,
        "scope": d.scope,
        "category": d.category,
        "form": d.form,
        "title": d.title,
        "opens": d.opens,
        "closes": d.closes,
    }


@router.post("/democracy/decisions", response={201: DecisionOut}, auth=BearerAuth())
def create_decision(request: HttpRequest, payload: DecisionIn):  # type: ignore[no-untyped-def]
    user = request.auth
    unit = selectors.unit_public(payload.unit)
    if unit is None or not has_role(user, unit, *ORGANISER_ROLES):
        raise ApiError(403, "forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    village = None
    if payload.village is not None:
        village = unit.villages.filter(pk=payload.village).first()
        if village is None:
            raise ApiError(422, "bad_village", _("Chọn thôn, tổ dân phố của xã."))
    try:
        decision = decision_create(
            actor=user,
            unit=unit,
            village=village,
            scope=payload.scope,
            category=payload.category,
            form=payload.form,
            title=payload.title,
            description=payload.description,
            opens=payload.opens,
            closes=payload.closes,
            idempotency_key=_key(request, f"decision:{user.pk}"),
        )
    except DemocracyError as exc:
        _raise(exc)
    return Status(201, _decision_out(decision))


class DecisionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DecisionOut]


@router.get("/democracy/decisions", response=DecisionPage, auth=BearerAuth())
def list_decisions(request: HttpRequest, q: Query[UnitPageQuery]):  # type: ignore[no-untyped-def]
    try:
        unit = unit_for_user(request.auth, q.unit)
    except Http404 as exc:
        raise ApiError(404, "not_found", _("Không tìm thấy.")) from exc
    qs = selectors.decisions_for_unit(unit).select_related("unit")
    return page_of(qs, q, _decision_out)


class VoteIn(Schema):
    household: int = Field(..., ge=1, le=2**31 - 1)
    choice: Literal[tuple(Choice.values)]  # type: ignore[valid-type]
    code: str = Field("", max_length=40)


class ReceiptOut(Schema):
    receipt: str


def _decision_for_vote(request: HttpRequest, decision_id: str, officer: Any) -> Decision:
    if officer is not None:
        try:
            return selectors.decision_for_user(officer, decision_id)
        except Http404 as exc:
            raise ApiError(404, "not_found", _("Không tìm thấy.")) from exc
    decision = selectors.decision_public(decision_id)
    if decision is None:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    return decision


@router.post(
    "/democracy/decisions/{decision_id}/votes", response={201: ReceiptOut}, auth=OptionalBearer()
)
def cast_vote(request: HttpRequest, decision_id: str, payload: VoteIn):  # type: ignore[no-untyped-def]
    officer = _officer(request)
    if officer is None and not allow(request, "democracy-vote"):
        raise ApiError(429, "rate_limited", _("Bạn gửi quá nhiều lần. Vui lòng thử lại sau."))
    decision = _decision_for_vote(request, decision_id, officer)
    household = selectors.household_in_unit(decision.unit, payload.household)
    if household is None:
        raise ApiError(422, "bad_household", _("Hộ này không thuộc phạm vi biểu quyết."))
    scope = f"vote:{decision.pk}:{household.pk}:{officer.pk if officer else 'code'}"
    try:
        vote = vote_cast(
            decision=decision,
            actor=officer,
            data=VoteInput(
                household=household,
                choice=payload.choice,
                code=payload.code,
                idempotency_key=_key(request, scope),
            ),
        )
    except DemocracyError as exc:
        _raise(exc)
    return Status(201, {"receipt": vote.receipt})


class ReceiptDetail(Schema):
    decision: int
    household: int
    choice: str
    recorded_at: datetime
    current: bool
    replaced_at: datetime | None


@router.get("/democracy/receipts/{receipt}", response=ReceiptDetail, auth=None)
def receipt_detail(request: HttpRequest, receipt: str):  # type: ignore[no-untyped-def]
    if not allow(request, "democracy-receipt"):
        raise ApiError(429, "rate_limited", _("Bạn gửi quá nhiều lần. Vui lòng thử lại sau."))
    vote = receipt_lookup(receipt)
    if vote is None:
        raise ApiError(404, "not_found", _("Không tìm thấy biên nhận."))
    return {
        "decision": vote.decision_id,
        "household": vote.household_id,
        "choice": vote.choice,
        "recorded_at": vote.recorded_at,
        "current": vote.current,
        "replaced_at": vote.replaced_at,
    }


class ResultOut(Schema):
    households_total: int
    votes: int
    yes: int
    no: int
    threshold: int
    threshold_rule: str
    threshold_label: str
    passed: bool
    villages_total: int | None = None
    villages_passed: int | None = None


@router.get("/democracy/decisions/{decision_id}/result", response=ResultOut, auth=BearerAuth())
def decision_result_view(request: HttpRequest, decision_id: str):  # type: ignore[no-untyped-def]
    try:
        decision = selectors.decision_for_user(request.auth, decision_id)
    except Http404 as exc:
        raise ApiError(404, "not_found", _("Không tìm thấy.")) from exc
    return decision_result(decision)
