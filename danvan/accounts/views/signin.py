"""Sign-in with throttling, and the second factor (enrolment and verification)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from danvan.accounts import throttle, twofactor
from danvan.accounts.access import signed_in
from danvan.accounts.forms import CodeForm, LoginForm
from danvan.accounts.middleware import two_factor_required
from danvan.accounts.selectors import account_named
from danvan.accounts.services import (
    account_audit,
    backup_codes_renew,
    totp_confirm,
    totp_device_start,
)
from danvan.core.middleware import client_ip
from danvan.core.services import audit_record
from danvan.core.types import Account, User


def safe_next(request: HttpRequest, default: str = settings.LOGIN_REDIRECT_URL) -> str:
    """The ``next`` the form carried when it points to this site, else ``default``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default)


def lock_message(lock: throttle.Lock) -> str:
    until = timezone.localtime(datetime.fromtimestamp(lock.until, tz=UTC))
    minutes = max(1, (lock.seconds_left + 59) // 60)
    return _(
        "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút (sau %(time)s)."
    ) % {"minutes": minutes, "time": until.strftime("%H:%M %d/%m/%Y")}


def _login_limits(request: HttpRequest, username: str) -> throttle.Limits:
    return {
        throttle.key_for("login-user", username): throttle.max_failures(),
        throttle.key_for(
            "login-ip", client_ip(request) or "unknown"
        ): throttle.max_failures_per_ip(),
    }


def audit_login(action: str, username: str, user: Account | None = None) -> None:
    """One entry per unit of the account, so each commune's leaders see sign-ins of their
    officers; an entry without unit when the account has none or does not exist.

    A password typed into the username box must not land in the log: the name is kept only
    if such an account exists.
    """
    account = user or account_named(username)
    account_audit(
        account=account,
        actor=user,
        action=action,
        detail={"username": account.get_username() if account else ""},
    )


def _authenticate(request: HttpRequest, username: str, password: str) -> Any | None:
    user = authenticate(request, username=username, password=password)
    if user is None and username != username.lower():
        user = authenticate(request, username=username.lower(), password=password)
    return user


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip()
        limits = _login_limits(request, username)
        lock = throttle.locked(limits)
        if lock is not None:
            audit_login("accounts.login.locked", username)
            form.add_error(None, lock_message(lock))
            status = 429
        else:
            user = _authenticate(request, username, form.cleaned_data["password"])
            if user is None:
                new_lock = throttle.fail(limits)
                audit_login("accounts.login.failure", username)
                if new_lock is not None:
                    audit_login("accounts.login.locked", username)
                    form.add_error(None, lock_message(new_lock))
                    status = 429
                else:
                    form.add_error(None, _("Sai tên đăng nhập hoặc mật khẩu."))
            else:
                # Only the username's counter: signing in to one's own account must not
                # reset the address counter an attacker is running up.
                throttle.clear([throttle.key_for("login-user", username)])
                auth_login(request, user)
                audit_login("accounts.login.success", username, user)
                target = safe_next(request)
                if two_factor_required():
                    target = reverse("accounts:two_factor") + "?" + urlencode({"next": target})
                return HttpResponseRedirect(target)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status,
    )


def _otp_limits(user: User) -> throttle.Limits:
    return {throttle.key_for("otp-user", str(user.pk)): throttle.max_failures()}


def _try_code(
    form: Any,
    user: User,
    check: Callable[[str], Any],
    wrong_message: str,
    on_failure: Callable[[], Any] | None = None,
) -> tuple[Any, int]:
    """Run ``check(code)`` under the second-factor throttle: ``(result, 200)`` for a right
    code; otherwise ``(None, status)`` with the reason on the form (429 when locked)."""
    limits = _otp_limits(user)
    lock = throttle.locked(limits)
    if lock is not None:
        form.add_error(None, lock_message(lock))
        return None, 429
    result = check(form.cleaned_data["code"])
    if result is not None:
        throttle.clear(list(limits))
        return result, 200
    new_lock = throttle.fail(limits)
    if on_failure is not None:
        on_failure()
    if new_lock is not None:
        form.add_error(None, lock_message(new_lock))
        return None, 429
    form.add_error("code", wrong_message)
    return None, 200


@login_required
@never_cache
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Enter a code from the authenticator app (or a backup code)."""
    user = request.user
    next_url = safe_next(request)
    if user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(next_url)
    if not twofactor.has_second_factor(user):
        return HttpResponseRedirect(
            reverse("accounts:two_factor_enrol") + "?" + urlencode({"next": next_url})
        )
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        device, status = _try_code(
            form,
            user,
            lambda code: twofactor.second_factor_match(user, code),
            _("Mã không đúng hoặc đã hết hạn. Nếu vừa nhập sai, hãy chờ vài giây rồi thử lại."),
            on_failure=lambda: audit_record(
                actor=user, action="accounts.2fa.failure", object_repr=user.get_username()
            ),
        )
        if device is not None:
            otp_login(request, device)
            audit_record(actor=user, action="accounts.2fa.verify", object_repr=user.get_username())
            return HttpResponseRedirect(next_url)
    return render(
        request, "accounts/two_factor.html", {"form": form, "next": next_url}, status=status
    )


@login_required
@never_cache
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator: QR code, the key as text, confirm with a code."""
    user = signed_in(request.user)
    next_url = safe_next(request)
    # With an authenticator already set up, adding another needs that one first.
    if twofactor.has_second_factor(user) and not user.is_verified():  # type: ignore[attr-defined]  # django-otp adds it
        return HttpResponseRedirect(
            reverse("accounts:two_factor") + "?" + urlencode({"next": next_url})
        )
    device = totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        codes, status = _try_code(
            form,
            user,
            lambda code: totp_confirm(user=user, device=device, code=code),
            _("Mã không đúng. Hãy kiểm tra giờ trên điện thoại và thử lại."),
        )
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": next_url},
            )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": twofactor.qr_svg(device),
            "secret": twofactor.secret_text(device),
        },
        status=status,
    )


@login_required
@require_POST
def backup_codes_new(request: HttpRequest) -> HttpResponse:
    """Replace the backup codes; only from a session that passed the second factor."""
    user = signed_in(request.user)
    if not (twofactor.has_second_factor(user) and user.is_verified()):  # type: ignore[attr-defined]
        raise PermissionDenied(_("Hãy xác thực hai bước trước khi tạo mã dự phòng mới."))
    codes = backup_codes_renew(user=user)
    return render(
        request, "accounts/backup_codes.html", {"codes": codes, "next": reverse("accounts:account")}
    )
