"""Uniform JSON errors for the API: every failure answers ``{"code": "...", "message": "..."}``.

The message follows the request's language (Vietnamese by default, English with
``Accept-Language: en``), as the shell does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class ApiError(Exception):
    """Raised by API handlers for a refusal with a stable code and a translated message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _body(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, **extra
) -> HttpResponse:  # type: ignore[no-untyped-def]
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


# pydantic writes its messages in English only; the common ones are said again here in the
# request's language (with the limits pydantic reports in ``ctx``), the rest generically.
_MESSAGES = {
    "missing": gettext_lazy("Trường này là bắt buộc."),
    "int_parsing": gettext_lazy("Phải là một số nguyên."),
    "int_type": gettext_lazy("Phải là một số nguyên."),
    "int_from_float": gettext_lazy("Phải là một số nguyên."),
    "float_parsing": gettext_lazy("Phải là một số."),
    "float_type": gettext_lazy("Phải là một số."),
    "bool_parsing": gettext_lazy("Phải là true hoặc false."),
    "bool_type": gettext_lazy("Phải là true hoặc false."),
    "string_type": gettext_lazy("Phải là một chuỗi ký tự."),
    "string_too_short": gettext_lazy("Cần ít nhất %(min_length)s ký tự."),
    "string_too_long": gettext_lazy("Tối đa %(max_length)s ký tự."),
    "too_short": gettext_lazy("Cần ít nhất %(min_length)s phần tử."),
    "too_long": gettext_lazy("Tối đa %(max_length)s phần tử."),
    "greater_than": gettext_lazy("Phải lớn hơn %(gt)s."),
    "greater_than_equal": gettext_lazy("Phải từ %(ge)s trở lên."),
    "less_than": gettext_lazy("Phải nhỏ hơn %(lt)s."),
    "less_than_equal": gettext_lazy("Phải từ %(le)s trở xuống."),
    "literal_error": gettext_lazy("Phải là một trong các giá trị: %(expected)s."),
    "enum": gettext_lazy("Phải là một trong các giá trị: %(expected)s."),
    "date_parsing": gettext_lazy("Ngày không hợp lệ: nhập theo dạng yyyy-mm-dd."),
    "date_from_datetime_parsing": gettext_lazy("Ngày không hợp lệ: nhập theo dạng yyyy-mm-dd."),
    "date_type": gettext_lazy("Ngày không hợp lệ: nhập theo dạng yyyy-mm-dd."),
    "datetime_parsing": gettext_lazy("Thời điểm không hợp lệ: nhập theo ISO 8601."),
    "datetime_from_date_parsing": gettext_lazy("Thời điểm không hợp lệ: nhập theo ISO 8601."),
    "datetime_type": gettext_lazy("Thời điểm không hợp lệ: nhập theo ISO 8601."),
    "list_type": gettext_lazy("Phải là một danh sách."),
    "dict_type": gettext_lazy("Phải là một đối tượng JSON."),
    "model_attributes_type": gettext_lazy("Phải là một đối tượng JSON."),
    "json_invalid": gettext_lazy("Nội dung không phải JSON hợp lệ."),
}


def _message(err: dict) -> str:
    template = _MESSAGES.get(err.get("type", ""))
    if template is None:
        return _("Giá trị không hợp lệ.")
    ctx = {key: str(value) for key, value in (err.get("ctx") or {}).items()}
    try:
        return str(template) % ctx if "%(" in str(template) else str(template)
    except (KeyError, ValueError, TypeError):
        return _("Giá trị không hợp lệ.")


def _describe(errors: list[dict]) -> list[dict]:
    out = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", []) if part not in ("query", "body", "path")]
        out.append({"field": ".".join(loc), "message": _message(err)})
    return out


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return _body(api, request, exc.status, exc.code, exc.message)

    @api.exception_handler(NinjaValidationError)
    def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return _body(
            api,
            request,
            422,
            "invalid_input",
            _("Dữ liệu gửi lên không hợp lệ."),
            errors=_describe(exc.errors),
        )

    @api.exception_handler(ValidationError)
    def django_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return _body(api, request, 422, "invalid_input", " ".join(exc.messages))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _body(
            api,
            request,
            401,
            "unauthenticated",
            _("Cần khóa API hợp lệ (Authorization: Bearer …)."),
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _body(
            api, request, 403, "forbidden", str(exc) or _("Bạn không có quyền thực hiện việc này.")
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _body(api, request, 404, "not_found", _("Không tìm thấy."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _body(api, request, exc.status_code, "error", str(exc))


def _json_error(status: int, code: str, message: str, **headers: str) -> HttpResponse:
    response = JsonResponse({"code": code, "message": message}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def not_found_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Any path under /api/v1/ that no operation matches (e.g. a code containing "/")."""
    return _json_error(404, "not_found", _("Không tìm thấy."))


# "\u0000" in JSON text, not preceded by an escaping backslash: PostgreSQL refuses NUL in
# text columns, so a string carrying one would fail in the database instead of here.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


def _json_body_has_nul(request: HttpRequest) -> bool:
    if request.method in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return False
    try:
        body = request.body
    except Exception:  # noqa: BLE001 — an unreadable body is the view's to refuse
        return False
    return b"\x00" in body or bool(_JSON_NUL.search(body))


def with_json_refusals(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """ninja answers a method no operation declares with a bare-text 405; make it JSON.

    ``wraps`` carries ninja's ``csrf_exempt`` flag over, so token clients keep working.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if _json_body_has_nul(request):
            return _json_error(422, "invalid_input", _("Dữ liệu gửi lên không hợp lệ."))
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return _json_error(
                405,
                "method_not_allowed",
                _("Phương thức này không được hỗ trợ ở địa chỉ này."),
                Allow=response.get("Allow", ""),
            )
        return response

    return wrapped
