"""API router of dossiers, mounted under /api/v1/ by danvan.api.

- ``GET /api/v1/procedures?unit=CODE`` (public): the procedures a commune handles.
- ``POST /api/v1/dossiers`` (Bearer token of a ``one_stop`` officer of that unit): receive
  a dossier; answers 201 ``{"code", "due", "secret", "status"}``. An ``Idempotency-Key``
  header (or ``idempotency_key`` field) makes a retried request return the same dossier.
- ``GET /api/v1/dossiers/{code}`` (officers who may read it).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from danvan.accounts.access import has_role
from danvan.accounts.auth import BearerAuth
from danvan.accounts.roles import Role
from danvan.core.api_errors import ApiError
from danvan.core.idempotency import KeyTooLong, request_key
from danvan.dossiers import services
from danvan.dossiers.selectors import dossier_for_user, national_status, procedures_for_unit
from danvan.territory.models import Unit
from danvan.territory.selectors import unit_with_province

router = Router(tags=["dossiers"])


class ProcedureOut(Schema):
    code: str
    name: str
    field: str
    level: str
    processing_days: int
    fees: str
    required_documents: list[str]
    legal_basis: str
    online: str


class DossierIn(Schema):
    procedure: str = Field(..., min_length=1, max_length=30)
    unit: str = Field(..., min_length=1, max_length=5)
    applicant_name: str = Field(..., min_length=1, max_length=150)
    applicant_phone: str = Field("", max_length=20)
    applicant_email: str = Field("", max_length=254)
    applicant_address: str = Field("", max_length=300)
    id_number: str = Field("", max_length=20)
    channel: Literal["desk", "online", "post"] = "desk"
    documents_received: list[str] | None = None
    idempotency_key: str = Field("", max_length=64)


class DossierCreated(Schema):
    code: str
    due: date | None
    secret: str
    status: str


class DossierOut(Schema):
    code: str
    unit: str
    procedure: str
    stage: str
    status: str
    received_at: datetime
    due: date | None
    on_time: bool | None
    supplement_requests: int
    visits: int
    apology_used: bool
    national_status: int | None


class Error(Schema):
    code: str
    message: str


def _unit(code: str) -> Unit:
    unit = unit_with_province(code.strip())
    if unit is None:
        raise ApiError(
            404, "unknown_unit", _("Không có đơn vị hành chính mã “%(code)s”.") % {"code": code}
        )
    return unit


@router.get(
    "/procedures", response={200: list[ProcedureOut], 404: Error}, summary="Procedures of a commune"
)
def list_procedures(request: HttpRequest, unit: str) -> list[ProcedureOut]:
    return list(procedures_for_unit(_unit(unit)))  # type: ignore[arg-type]


@router.post(
    "/dossiers",
    auth=BearerAuth(),
    response={201: DossierCreated, 403: Error, 404: Error, 422: Error},
    summary="Receive a dossier",
)
def create_dossier(request: HttpRequest, payload: DossierIn) -> tuple[int, DossierCreated]:
    user = request.auth  # type: ignore[attr-defined]
    unit = _unit(payload.unit)
    if not has_role(user, unit, Role.ONE_STOP):
        raise ApiError(403, "forbidden", _("Bạn không phải cán bộ một cửa của đơn vị này."))
    procedure = procedures_for_unit(unit).filter(code=payload.procedure.strip()).first()
    if procedure is None:
        raise ApiError(
            422,
            "unknown_procedure",
            _("Thủ tục “%(code)s” không có trong danh mục của đơn vị.")
            % {"code": payload.procedure},
        )
    try:
        key = request_key(
            request, scope="api.dossiers", actor=user, fallback=payload.idempotency_key
        )
    except KeyTooLong as exc:
        raise ApiError(
            422, "bad_idempotency_key", _("Idempotency-Key không quá 255 ký tự.")
        ) from exc
    try:
        dossier = services.dossier_receive(
            unit=unit,
            procedure=procedure,
            actor=user,
            applicant_name=payload.applicant_name,
            applicant_phone=payload.applicant_phone,
            applicant_email=payload.applicant_email,
            applicant_address=payload.applicant_address,
            id_number=payload.id_number,
            channel=payload.channel,
            documents_received=payload.documents_received,
            idempotency_key=key,
        )
    except services.DossierError as exc:
        raise ApiError(422, exc.code, str(exc.message)) from exc
    case = dossier.case
    return 201, DossierCreated(
        code=case.code, due=case.due_date, secret=case.secret, status=case.status
    )


@router.get(
    "/dossiers/{code}",
    auth=BearerAuth(),
    response={200: DossierOut, 404: Error},
    summary="One dossier",
)
def get_dossier(request: HttpRequest, code: str) -> DossierOut:
    dossier = dossier_for_user(request.auth, code)  # type: ignore[attr-defined]
    case = dossier.case
    return DossierOut(
        code=case.code,
        unit=dossier.unit.code,
        procedure=dossier.procedure.code,
        stage=dossier.stage,
        status=case.status,
        received_at=case.received_at,
        due=case.due_date,
        on_time=case.on_time,
        supplement_requests=dossier.supplement_requests,
        visits=dossier.visits,
        apology_used=dossier.apology_used,
        national_status=national_status(dossier.stage),
    )
