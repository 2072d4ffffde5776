"""API router of surveys, mounted under /api/v1/ by danvan.api.

``POST /surveys`` (multipart ``unit``, ``file``) imports an XLSForm as a survey's new form
version (``unit`` a commune code for a commune survey, a two-digit province code for a
province survey); ``GET /surveys?unit=`` lists the surveys collecting in a commune, paged;
``GET /surveys/{id}/submissions`` gives the raw submissions (answers as JSON) to those who
manage the survey, without respondents' names and phones unless their role may read them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from danvan.accounts.access import has_role, unit_for_user
from danvan.accounts.auth import BearerAuth
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery, page_of
from danvan.core.idempotency import KeyTooLong, create_once, request_key
from danvan.surveys import selectors
from danvan.surveys.models import FormVersion, Submission, Survey
from danvan.surveys.services.forms import form_import, survey_export_record
from danvan.surveys.xlsform import MAX_FORM_BYTES, FormRefused
from danvan.territory.selectors import province_by_code, unit_with_province

router = Router(tags=["surveys"])


class FormIssueOut(Schema):
    sheet: str | None
    row: int | None
    column: str | None
    message: str


class SurveyCreated(Schema):
    id: str
    form_id: str
    version: str
    warnings: list[FormIssueOut]


class InvalidForm(Schema):
    code: str
    message: str
    errors: list[FormIssueOut]


class SurveyOut(Schema):
    id: str
    form_id: str
    version: str | None
    title: str


class SurveyPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SurveyOut]


def _forbidden() -> ApiError:
    return ApiError(403, "forbidden", _("Bạn không có quyền tạo khảo sát tại đơn vị này."))


def _target(user: Any, code: str) -> dict[str, Any]:
    """``{"unit": …}`` or ``{"province": …}`` the caller may create a survey in; the same
    403 for an unknown code and another commune's (no oracle)."""
    code = (code or "").strip()
    if len(code) == 5 and code.isdigit():
        unit = unit_with_province(code)
        if unit is None or not has_role(user, unit, *selectors.MANAGER_ROLES):
            raise _forbidden()
        return {"unit": unit}
    if len(code) == 2 and code.isdigit():
        province = province_by_code(code)
        if province is None or not selectors.may_create_in_province(user, province.pk):
            raise _forbidden()
        return {"province": province}
    raise ApiError(
        422, "invalid_input", _("unit phải là mã xã (5 chữ số) hoặc mã tỉnh (2 chữ số).")
    )


@router.post(
    "/surveys",
    auth=BearerAuth(),
    response={201: SurveyCreated, 200: SurveyCreated, 422: InvalidForm},
)
def create_survey(
    request: HttpRequest,
    unit: Form[str],  # type: ignore[type-arg]
    file: File[UploadedFile],  # type: ignore[type-arg]
):  # type: ignore[no-untyped-def]
    """An ``Idempotency-Key`` header makes a retried upload answer with what its first
    attempt stored; uploading the very same form version again is not an error either."""
    target = _target(request.auth, unit)
    if file.size is not None and file.size > MAX_FORM_BYTES:
        raise ApiError(413, "too_large", _("Tệp biểu mẫu lớn quá 5 MB."))
    data = file.read(MAX_FORM_BYTES + 1)
    if len(data) > MAX_FORM_BYTES:
        raise ApiError(413, "too_large", _("Tệp biểu mẫu lớn quá 5 MB."))
    try:
        key = request_key(request, scope="api.surveys", actor=request.auth)
    except KeyTooLong as exc:
        raise ApiError(
            422, "bad_idempotency_key", _("Idempotency-Key không quá 255 ký tự.")
        ) from exc
    try:
        version, _created = create_once(
            key=key,
            find=selectors.version_by_idempotency_key,
            create=lambda: (
                form_import(
                    actor=request.auth,
                    data=data,
                    filename=file.name or "",
                    idempotency_key=key,
                    **target,
                ).version
            ),
        )
    except FormRefused as exc:
        return 422, {
            "code": "invalid_form",
            "message": _("Biểu mẫu XLSForm có lỗi, chưa được nhập. Xem từng dòng trong errors."),
            "errors": [e.as_dict() for e in exc.errors],
        }
    if key and not _same_request(version, data, target):
        raise ApiError(
            422, "key_reused", _("Idempotency-Key này đã được dùng cho một yêu cầu khác.")
        )
    return 201, _created_body(version)


def _same_request(version: FormVersion, data: bytes, target: dict[str, Any]) -> bool:
    survey = version.survey
    where = target.get("unit") or target.get("province")
    same_place = (
        survey.unit_id == where.pk
        if "unit" in target
        # type: ignore[union-attr]
        else (
            survey.unit_id is None and survey.province_id == where.pk  # type: ignore[union-attr]
        )
    )
    return same_place and bytes(version.xlsform) == data


def _created_body(version: FormVersion) -> dict[str, Any]:
    return {
        "id": version.survey.code,
        "form_id": version.survey.form_id,
        "version": version.version,
        "warnings": version.warnings,
    }


class ListQuery(PageQuery):
    unit: str = Field("", max_length=5)


def _survey_row(survey: Survey) -> dict[str, Any]:
    version = survey.current_version
    return {
        "id": survey.code,
        "form_id": survey.form_id,
        "version": version.version if version else None,
        "title": survey.title,
    }


@router.get("/surveys", auth=BearerAuth(), response=SurveyPage)
def list_surveys(request: HttpRequest, q: Query[ListQuery]):  # type: ignore[no-untyped-def]
    if q.unit:
        if not q.unit.isdigit():
            raise ApiError(404, "not_found", _("Không tìm thấy."))
        unit = unit_for_user(request.auth, q.unit)
        rows = selectors.surveys_of_unit(request.auth, unit)
    else:
        rows = selectors.surveys_for_user(request.auth)
    rows = rows.select_related("current_version").order_by("-created_at", "-id")
    return page_of(rows, q, _survey_row)


class SubmissionOut(Schema):
    instance_id: str
    form_version: str
    received_at: str
    unit: str | None
    village: str | None
    sex: str
    age_group: str
    current: bool
    deprecated_id: str
    answers: dict[str, Any]
    contact: dict[str, str] | None


class SubmissionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SubmissionOut]


@router.get("/surveys/{code}/submissions", auth=BearerAuth(), response=SubmissionPage)
def list_submissions(request: HttpRequest, code: str, q: Query[PageQuery]):  # type: ignore[no-untyped-def]
    survey = selectors.survey_for_user(request.auth, code)
    if not selectors.may_manage(request.auth, survey) and not _reads_whole(request.auth, survey):
        raise ApiError(403, "forbidden", _("Bạn không có quyền xuất dữ liệu khảo sát này."))
    contacts = selectors.may_read_contacts(request.auth, survey)
    rows = (
        selectors.submissions_for_user(request.auth, survey)
        .select_related("unit", "village", "form_version")
        .defer("xml", *selectors.VERSION_HEAVY)  # a row gives answers, not the instance XML
        .order_by("-received_at", "-id")
    )
    if contacts:
        rows = rows.select_related("contact")
    # Who took the raw data, and whether with names and phones: the same record as the
    # web exports.
    survey_export_record(actor=request.auth, survey=survey, fmt="api.json", contacts=contacts)
    return page_of(rows, q, lambda s: _submission_row(s, contacts))


def _reads_whole(user: Any, survey: Survey) -> bool:
    # Province viewers read (and may export) a survey of their province.
    return survey.unit_id is None and selectors.may_read_contacts(user, survey)


def _submission_row(submission: Submission, contacts: bool) -> dict[str, Any]:
    contact = None
    if contacts:
        # A reverse one-to-one raises (an AttributeError) when there is none.
        found = submission.contact if hasattr(submission, "contact") else None
        contact = {"name": found.name, "phone": found.phone} if found else None
    return {
        "instance_id": submission.instance_id,
        "form_version": submission.form_version.version,
        "received_at": submission.received_at.isoformat(),
        "unit": submission.unit.code if submission.unit_id else None,
        "village": submission.village.name if submission.village_id else None,
        "sex": submission.sex,
        "age_group": submission.age_group,
        "current": submission.superseded_by_id is None,
        "deprecated_id": submission.deprecated_id,
        "answers": submission.answers,
        "contact": contact,
    }
