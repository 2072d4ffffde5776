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
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from danvan.accounts.access import roles_for

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
)
# The sign-in and two-factor pages themselves (under /tai-khoan/).
TWO_FACTOR_PAGES: tuple[str, ...] = (
    "/tai-khoan/dang-nhap/",
    "/tai-khoan/dang-xuat/",
    "/tai-khoan/xac-thuc/",
)
ADMIN_PREFIX = "/quan-tri/"


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
