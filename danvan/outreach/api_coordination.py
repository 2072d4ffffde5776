"""API of coordination with the Front and the mass organisations (issue #15), mounted under
/api/v1/ with the rest of outreach's:

``GET /outreach/programmes?unit=`` and ``GET /outreach/supervisions?unit=`` (paged like
``/letters``), ``GET /outreach/programmes/{id}/tasks`` (paged),
``GET /outreach/supervisions/{id}/recommendations``, and the creating ``POST``s
(``/outreach/programmes``, ``/outreach/programmes/{id}/tasks``, ``/outreach/supervisions``,
``/outreach/supervisions/{id}/recommendations``), each honouring ``Idempotency-Key``.

A Front or organisation member sees and acts on its own organisation's rows only; another
commune's rows are 404 on read and 403 on write."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.accounts.access import has_role
from danvan.accounts.auth import BearerAuth
from danvan.accounts.roles import Organisation
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery, page_of
from danvan.outreach import coordination
from danvan.outreach.api_common import (
    UnitQuery,
    forbidden,
    idempotency_key,
    invalid,
    key_for,
    read_unit,
    reused,
    write_unit,
)
from danvan.outreach.services import (
    COORDINATION_ROLES,
    OutreachError,
    SupervisionInput,
    can_run_programme,
    joint_task_add,
    programme_create,
    recommendation_add,
    supervision_create,
)

router = Router(tags=["outreach"])
OrganisationCode = Literal[tuple(Organisation.values)]  # type: ignore[valid-type]


def _case_state(case) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "case": case.code,
        "due_date": case.due_date,
        "status": case.status,
        "closed_at": case.closed_at,
        "on_time": case.on_time,
    }


# ---------------------------------------------------------------------------- programmes
class ProgrammeIn(Schema):
    unit: str = Field(..., min_length=5, max_length=5)
    year: int = Field(..., ge=2000, le=2100)
    organisation: OrganisationCode  # type: ignore[valid-type]
    title: str = Field(..., min_length=1, max_length=200)
    signed_on: date


class ProgrammeOut(Schema):
    id: int
    unit: str
    year: int
    organisation: str
    title: str
    signed_on: date
    tasks: int
    tasks_done: int
    meetings: int


class ProgrammePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ProgrammeOut]


def _programme_row(p) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "id": p.pk,
        "unit": p.unit.code,
        "year": p.year,
        "organisation": p.organisation,
        "title": p.title,
        "signed_on": p.signed_on,
        "tasks": getattr(p, "task_count", 0),
        "tasks_done": getattr(p, "tasks_done", 0),
        "meetings": getattr(p, "meeting_count", 0),
    }


@router.get("/outreach/programmes", auth=BearerAuth(), response=ProgrammePage)
def list_programmes(request: HttpRequest, q: Query[UnitQuery]):  # type: ignore[no-untyped-def]
    unit = read_unit(request, q.unit)
    rows = coordination.programmes_with_counts(request.auth, unit).select_related("unit")
    return page_of(rows, q, _programme_row)


@router.post("/outreach/programmes", auth=BearerAuth(), response={201: ProgrammeOut})
def create_programme(request: HttpRequest, payload: ProgrammeIn):  # type: ignore[no-untyped-def]
    unit = write_unit(payload.unit)
    if unit is None or not has_role(request.auth, unit, *COORDINATION_ROLES):
        raise forbidden()
    key = key_for(
        request,
        "api.outreach.programmes",
        find=coordination.programme_by_key,
        parent=lambda first: first.unit_id,
        parent_pk=unit.pk,
    )
    try:
        programme = programme_create(
            unit=unit,
            year=payload.year,
            organisation=payload.organisation,
            title=payload.title,
            signed_on=payload.signed_on,
            actor=request.auth,
            submission_key=key,
        )
    except OutreachError as exc:
        raise invalid(exc) from exc
    return 201, _programme_row(programme)


class TaskIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    owner: str = Field(..., min_length=1, max_length=150)
    deadline: date


class TaskOut(Schema):
    id: int
    programme: int
    title: str
    owner: str
    deadline: date
    case: str
    due_date: date | None
    status: str
    closed_at: object | None
    on_time: bool | None


class TaskPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TaskOut]


def _task_row(t) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "id": t.pk,
        "programme": t.programme_id,
        "title": t.title,
        "owner": t.owner,
        "deadline": t.deadline,
        **_case_state(t.case),
    }


@router.get("/outreach/programmes/{programme_id}/tasks", auth=BearerAuth(), response=TaskPage)
def list_tasks(request: HttpRequest, programme_id: int, q: Query[PageQuery]):  # type: ignore[no-untyped-def]
    if not 0 < programme_id < 2**31:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    programme = coordination.programme_for_user(request.auth, programme_id)
    return page_of(coordination.tasks_of(programme), q, _task_row)


@router.post(
    "/outreach/programmes/{programme_id}/tasks", auth=BearerAuth(), response={201: TaskOut}
)
def create_task(request: HttpRequest, programme_id: int, payload: TaskIn):  # type: ignore[no-untyped-def]
    programme = coordination.programme_by_id(programme_id) if 0 < programme_id < 2**31 else None
    if programme is None or not can_run_programme(request.auth, programme.unit):
        raise forbidden()
    key = key_for(
        request,
        "api.outreach.tasks",
        find=coordination.task_by_key,
        parent=lambda first: first.programme_id,
        parent_pk=programme.pk,
    )
    try:
        task = joint_task_add(
            programme=programme,
            title=payload.title,
            owner=payload.owner,
            deadline=payload.deadline,
            actor=request.auth,
            submission_key=key,
        )
    except OutreachError as exc:
        raise invalid(exc) from exc
    return 201, _task_row(task)


# -------------------------------------------------------------------------- supervisions
class SupervisionIn(Schema):
    unit: str = Field(..., min_length=5, max_length=5)
    organisation: OrganisationCode  # type: ignore[valid-type]
    subject: str = Field(..., min_length=1, max_length=300)
    starts: date
    ends: date
    participants: str = Field(..., min_length=1, max_length=2000)
    findings: str = Field("", max_length=20000)


class SupervisionOut(Schema):
    id: int
    unit: str
    organisation: str
    programme: int | None
    subject: str
    starts: date
    ends: date
    participants: str
    findings: str
    recommendations: int
    open_recommendations: int


class SupervisionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SupervisionOut]


def _supervision_row(s) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "id": s.pk,
        "unit": s.unit.code,
        "organisation": s.organisation,
        "programme": s.programme_id,
        "subject": s.subject,
        "starts": s.starts,
        "ends": s.ends,
        "participants": s.participants,
        "findings": s.findings,
        "recommendations": getattr(s, "recommendation_count", 0),
        "open_recommendations": getattr(s, "open_count", 0),
    }


@router.get("/outreach/supervisions", auth=BearerAuth(), response=SupervisionPage)
def list_supervisions(request: HttpRequest, q: Query[UnitQuery]):  # type: ignore[no-untyped-def]
    unit = read_unit(request, q.unit)
    rows = coordination.supervisions_for_user(request.auth, unit).select_related("unit")
    return page_of(rows, q, _supervision_row)


@router.post("/outreach/supervisions", auth=BearerAuth(), response={201: SupervisionOut})
def create_supervision(request: HttpRequest, payload: SupervisionIn):  # type: ignore[no-untyped-def]
    unit = write_unit(payload.unit)
    if unit is None or not can_run_programme(request.auth, unit, payload.organisation):
        raise forbidden()
    key = key_for(
        request,
        "api.outreach.supervisions",
        find=coordination.supervision_by_key,
        parent=lambda first: first.unit_id,
        parent_pk=unit.pk,
    )
    try:
        row = supervision_create(
            data=SupervisionInput(
                unit=unit,
                organisation=payload.organisation,
                subject=payload.subject,
                starts=payload.starts,
                ends=payload.ends,
                participants=payload.participants,
                findings=payload.findings,
                submission_key=key,
            ),
            actor=request.auth,
        )
    except OutreachError as exc:
        raise invalid(exc) from exc
    return 201, _supervision_row(row)


class RecommendationIn(Schema):
    text: str = Field(..., min_length=1, max_length=4000)
    addressee: str = Field(..., min_length=1, max_length=200)
    sent_on: date


class RecommendationOut(Schema):
    id: int
    supervision: int
    text: str
    addressee: str
    sent_on: date
    answer: str
    answered_on: date | None
    case: str
    due_date: date | None
    status: str
    closed_at: object | None
    on_time: bool | None


def _recommendation_row(r) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "id": r.pk,
        "supervision": r.supervision_id,
        "text": r.text,
        "addressee": r.addressee,
        "sent_on": r.sent_on,
        "answer": r.answer,
        "answered_on": r.answered_on,
        **_case_state(r.case),
    }


@router.get(
    "/outreach/supervisions/{supervision_id}/recommendations",
    auth=BearerAuth(),
    response=list[RecommendationOut],
)
def list_recommendations(request: HttpRequest, supervision_id: int):  # type: ignore[no-untyped-def]
    if not 0 < supervision_id < 2**31:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    supervision = coordination.supervision_for_user(request.auth, supervision_id)
    return [_recommendation_row(r) for r in coordination.recommendations_of(supervision)]


@router.post(
    "/outreach/supervisions/{supervision_id}/recommendations",
    auth=BearerAuth(),
    response={201: RecommendationOut},
)
def create_recommendation(request: HttpRequest, supervision_id: int, payload: RecommendationIn):  # type: ignore[no-untyped-def]
    supervision = (
        coordination.supervision_by_id(supervision_id) if 0 < supervision_id < 2**31 else None
    )
    if supervision is None or not can_run_programme(
        request.auth, supervision.unit, supervision.organisation
    ):
        raise forbidden()
    key = idempotency_key(request, "api.outreach.recommendations")
    try:
        row = recommendation_add(
            supervision=supervision,
            text=payload.text,
            addressee=payload.addressee,
            sent_on=payload.sent_on,
            actor=request.auth,
            submission_key=key,
        )
    except OutreachError as exc:
        raise invalid(exc) from exc
    if row.supervision_id != supervision.pk:
        raise reused()
    return 201, _recommendation_row(row)
