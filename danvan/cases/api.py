"""API router of cases, mounted under /api/v1/ by danvan.api."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from danvan.cases.ratelimit import allow
from danvan.cases.selectors import case_public_lookup, public_case
from danvan.core.api_errors import ApiError

router = Router(tags=["cases"])


class UnitOut(Schema):
    code: str
    name: str


class StepOut(Schema):
    at: datetime
    kind: str
    label: str
    note: str


class TrackOut(Schema):
    code: str
    kind: str
    kind_label: str
    unit: UnitOut
    status: str
    status_label: str
    received_at: datetime
    due_date: date | None
    closed_at: datetime | None
    on_time: bool | None
    paused: bool
    overdue: bool
    steps: list[StepOut]


@router.get("/track/{code}", response=TrackOut, auth=None, summary="Public tracking of a case")
def track(request: HttpRequest, code: str, secret: str = "") -> dict:
    """Status, due date and public steps of a case, given its code and the secret printed
    on the slip. No personal data. An unknown code and a wrong secret both answer 404."""
    if not allow(request):
        raise ApiError(
            429, "rate_limited", _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")
        )
    case = case_public_lookup(code, secret)
    if case is None:
        raise ApiError(404, "not_found", _("Không tìm thấy hồ sơ với mã tra cứu và mã bí mật này."))
    return public_case(case)
