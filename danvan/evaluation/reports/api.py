"""API of the review reports, mounted under /api/v1/ by danvan.api.

- ``POST /evaluation/reports`` ``{"unit": CODE | "province": CODE, "from": "YYYY-MM",
  "to": "YYYY-MM", "format": "docx"|"pdf"|"xlsx"}`` → 202 ``{"id","status"}``; the same
  ``Idempotency-Key`` gives back the same report.
- ``GET /evaluation/reports/{id}`` → ``{"status","progress","url"}`` (``url`` when done).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from danvan.accounts.auth import BearerAuth
from danvan.core.api_errors import ApiError
from danvan.core.idempotency import KeyTooLong, request_key
from danvan.evaluation.periods import parse_month
from danvan.evaluation.reports import selectors
from danvan.evaluation.reports.models import ReportStatus
from danvan.evaluation.reports.selectors import scope_of
from danvan.evaluation.reports.services import ReportError, report_request

router = Router(tags=["evaluation"])


class ReportIn(Schema):
    unit: str = Field("", max_length=5)
    province: str = Field("", max_length=2)
    from_: str = Field(..., alias="from", max_length=7)
    to: str = Field(..., max_length=7)
    format: str = Field("docx", max_length=4)


class ReportCreated(Schema):
    id: int
    status: str


class ReportState(Schema):
    status: str
    progress: int
    url: str | None


@router.post(
    "/evaluation/reports", auth=BearerAuth(), response={200: ReportCreated, 202: ReportCreated}
)
def create_report(request: HttpRequest, body: ReportIn):  # type: ignore[no-untyped-def]
    if bool(body.unit) == bool(body.province):
        raise ApiError(422, "bad_scope", _("Gửi một trong hai: unit hoặc province."))
    unit, province = scope_of(request.auth, body.unit, body.province)
    if unit is None and province is None:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    first, last = parse_month(body.from_), parse_month(body.to)
    if first is None or last is None:
        raise ApiError(422, "bad_period", _("from, to phải có dạng YYYY-MM."))
    try:
        key = request_key(request, scope="api.evaluation.reports", actor=request.auth)
    except KeyTooLong as exc:
        raise ApiError(
            422, "bad_idempotency_key", _("Idempotency-Key không quá 255 ký tự.")
        ) from exc
    try:
        report, created = report_request(
            actor=request.auth, unit=unit, province=province, first=first, last=last,
            fmt=body.format, key=key,
        )  # fmt: skip
    except ReportError as exc:
        raise ApiError(422, exc.code, exc.message) from exc
    return Status(202 if created else 200, {"id": report.pk, "status": report.status})


@router.get("/evaluation/reports/{report_id}", auth=BearerAuth(), response=ReportState)
def report_state(request: HttpRequest, report_id: int):  # type: ignore[no-untyped-def]
    report = selectors.report_for_user(request.auth, report_id)
    if report is None:
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    url = None
    if report.status == ReportStatus.DONE:
        url = request.build_absolute_uri(reverse("evaluation:report_download", args=[report.pk]))
    return {"status": report.status, "progress": report.progress, "url": url}
