"""Two-factor enforcement for officers, and the user's roles for the shell's navigation.

Runs after ``django_otp.middleware.OTPMiddleware`` (which sets ``request.user.is_verified``).
When ``settings.DANVAN_REQUIRE_2FA`` is on, a signed-in user who has not passed a second factor
in this session is sent to enrol a device or to enter a code, on every officer URL. Citizens'
pages stay public (they never require sign-in), and the API authenticates by token instead.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from danvan.accounts.access import roles_for
from danvan.accounts.passwords import SESSION_FLAG

# Paths served to an unverified signed-in user: public pages and the API. "/" is exact (the
# portal's home); the others are prefixes.
PUBLIC_EXACT = frozenset({"/"})
PUBLIC_PREFIXES: tuple[str, ...] = (
    "/dia-ban/",
    "/thoi-han/",
    "/tra-cuu/",
    "/api/",
    "/open311/",
    "/i18n/",
    "/static/",
    "/mot-cua/cong-khai/",
    "/don-thu/gui/",
    "/don-thu/cong-khai/",
    "/.well-known/",
)
# The sign-in and two-factor pages themselves (under /tai-khoan/).
TWO_FACTOR_PAGES: tuple[str, ...] = (
    "/tai-khoan/dang-nhap/",
    "/tai-khoan/dang-xuat/",
    "/tai-khoan/xac-thuc/",
)
ADMIN_PREFIX = "/quan-tri/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_exempt(path: str) -> bool:
    """Whether ``path`` is served without a second factor."""
    if path in PUBLIC_EXACT:
        return True
    return path.startswith(PUBLIC_PREFIXES) or path.startswith(TWO_FACTOR_PAGES)


def two_factor_required() -> bool:
    return bool(getattr(settings, "DANVAN_REQUIRE_2FA", False))


def needs_second_factor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not two_factor_required():
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (callable(is_verified) and is_verified())


def has_nul_byte(request: HttpRequest) -> bool:
    """Whether the path, a query parameter or a form field carries a NUL character.

    PostgreSQL refuses NUL in text, so such a value reaching any lookup or insert is a server
    error; nobody types one. Form fields are checked too, because some views read
    ``request.POST`` directly rather than through a form (file contents are not looked at).
    Reading ``request.POST`` here parses nothing CSRF protection would not parse anyway.
    """
    if "\x00" in request.path_info:
        return True
    query = request.META.get("QUERY_STRING", "")
    if ("%00" in query or "\x00" in query) and _carries_nul(request.GET):
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        try:
            post = request.POST
        except Exception:  # noqa: BLE001 — a malformed body stays the view's to refuse
            return False
        return _carries_nul(post)
    return False


def _carries_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


def nul_byte_refusal(request: HttpRequest) -> HttpResponse:
    """A 400 in the form the caller reads: JSON for the API, GeoReport for Open311, a page."""
    path = request.path_info
    message = _("Địa chỉ hoặc dữ liệu gửi lên không đúng định dạng. Hãy quay lại và thử lại.")
    if path.startswith("/api/"):
        return JsonResponse({"code": "invalid_input", "message": message}, status=400)
    if path.startswith("/open311/"):
        if path.endswith(".xml"):
            body = (
                '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code>'
                f"<description>{escape(message)}</description></error></errors>"
            )
            return HttpResponse(body, content_type="text/xml; charset=utf-8", status=400)
        return JsonResponse([{"code": 400, "description": message}], safe=False, status=400)
    return render(request, "400.html", status=400)


class RejectNulBytesMiddleware:
    """Refuse requests whose path, query or form fields carry a NUL byte, before any view
    runs; listed after the locale and auth middleware so the refusal is in the user's
    language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul_byte(request):
            return nul_byte_refusal(request)
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.danvan_roles = lambda: roles_for(getattr(request, "user", None))  # type: ignore[attr-defined]
        path = request.path_info
        # The admin's own login form would bypass the throttle and the second factor.
        if path.startswith(ADMIN_PREFIX + "login/"):
            target = request.GET.get("next") or ADMIN_PREFIX
            return HttpResponseRedirect(
                reverse("accounts:login") + "?" + urlencode({"next": target})
            )
        if needs_second_factor(request) and not is_exempt(path):
            return HttpResponseRedirect(
                reverse("accounts:two_factor") + "?" + urlencode({"next": request.get_full_path()})
            )
        return self.get_response(request)


class RequirePasswordChangeMiddleware:
    """Sends an officer whose password somebody else chose to the change page before any
    officer page (docs/domain.md §9). Listed after the two-factor middleware: the second factor comes
    first. Reads a flag put in the session at sign-in, so it costs no query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_FLAG):
            path = request.path_info
            change = reverse("accounts:password_change")
            user = getattr(request, "user", None)
            if (
                user is not None
                and user.is_authenticated
                and path != change
                and not is_exempt(path)
            ):
                return HttpResponseRedirect(
                    change + "?" + urlencode({"next": request.get_full_path()})
                )
        return self.get_response(request)
