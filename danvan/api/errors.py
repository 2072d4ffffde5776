"""Uniform JSON errors: every failure answers ``{"code": "...", "message": "..."}``.

The message follows the request's language (Vietnamese by default, English with
``Accept-Language: en``), as the shell does.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
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


def _describe(errors: list[dict]) -> list[dict]:
    out = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", []) if part not in ("query", "body", "path")]
        out.append({"field": ".".join(loc), "message": err.get("msg", "")})
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
