"""What outreach's API modules (``api``, ``api_coordination``) answer the same way: the
caller's scoped ``Idempotency-Key``, the 403 and 422 errors, the ``?unit=`` list query and
the check that a key already used for another parent is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field

from danvan.accounts.access import unit_for_user
from danvan.core.api_errors import ApiError
from danvan.core.api_helpers import PageQuery
from danvan.core.idempotency import KeyTooLong, request_key
from danvan.outreach.services import OutreachError
from danvan.territory.selectors import unit_with_province


class UnitQuery(PageQuery):
    unit: str = Field(..., min_length=1, max_length=5)


def idempotency_key(request: HttpRequest, scope: str) -> str | None:
    """The caller's Idempotency-Key, scoped to the endpoint and the caller (a 64-character
    digest, what the services store)."""
    try:
        return request_key(request, scope=scope, actor=request.auth)
    except KeyTooLong as exc:
        raise ApiError(
            422, "bad_idempotency_key", _("Idempotency-Key không quá 255 ký tự.")
        ) from exc


def forbidden() -> ApiError:
    return ApiError(403, "forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))


def invalid(exc: OutreachError) -> ApiError:
    if exc.code == "forbidden":
        return forbidden()
    return ApiError(422, exc.code, str(exc.message))


def reused(message: str | None = None) -> ApiError:
    return ApiError(
        422,
        "key_reused",
        message or _("Mã chống gửi trùng đã được dùng cho một yêu cầu khác."),
    )


def key_for(
    request: HttpRequest,
    scope: str,
    *,
    find: Callable[[str], Any],
    parent: Callable[[Any], Any],
    parent_pk: Any,
    message: str | None = None,
) -> str | None:
    """The request's scoped key, refused (422 ``key_reused``) when the row it first created
    (``find(key)``) hangs under another parent than ``parent_pk``: a retry may only repeat
    its own request."""
    key = idempotency_key(request, scope)
    if key:
        first = find(key)
        if first is not None and parent(first) != parent_pk:
            raise reused(message)
    return key


def read_unit(request: HttpRequest, code: str):  # type: ignore[no-untyped-def]
    """The unit of a ``?unit=`` list the caller may read (404 otherwise)."""
    if not code.isdigit():
        raise ApiError(404, "not_found", _("Không tìm thấy."))
    return unit_for_user(request.auth, code)


def write_unit(code: str):  # type: ignore[no-untyped-def]
    """The unit a creating POST names, None when unknown (the caller answers 403 either way:
    no oracle of which codes exist)."""
    return unit_with_province(code) if code.isdigit() else None
