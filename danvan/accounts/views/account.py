"""The officer's own account page: roles, second factor, API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from danvan.accounts import selectors, throttle, twofactor
from danvan.accounts.access import memberships_for, signed_in
from danvan.accounts.forms import OwnPasswordForm, TokenForm
from danvan.accounts.passwords import SESSION_FLAG
from danvan.accounts.services import api_token_create, api_token_revoke, password_change
from danvan.accounts.views.signin import lock_message, safe_next


def _page(
    request: HttpRequest, *, form: TokenForm | None = None, plaintext: str = "", status: int = 200
) -> HttpResponse:
    user = signed_in(request.user)
    return render(
        request,
        "accounts/account.html",
        {
            "memberships": memberships_for(user),
            "has_2fa": twofactor.has_second_factor(user),
            "backup_left": twofactor.backup_codes_left(user),
            "is_verified": getattr(user, "is_verified", lambda: False)(),
            "tokens": list(selectors.tokens_of(user)),
            "token_form": form or TokenForm(),
            "plaintext": plaintext,
        },
        status=status,
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    _, plaintext = api_token_create(user=signed_in(request.user), label=form.cleaned_data["label"])
    # Rendered, not redirected: the token is shown in this response only and stored nowhere.
    return _page(request, plaintext=plaintext)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    token = selectors.token_of_user(user, pk)
    api_token_revoke(token=token, actor=user)
    messages.success(request, _("Đã thu hồi khóa %(prefix)s….") % {"prefix": token.prefix})
    return HttpResponseRedirect(reverse("accounts:account"))


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
def change_password(request: HttpRequest) -> HttpResponse:
    """The officer's own password; also where a new officer lands at first sign-in.

    Wrong current passwords are throttled like sign-ins: a stolen session must not become a
    way to guess the password and keep the account."""
    forced = bool(request.session.get(SESSION_FLAG))
    limits = {throttle.key_for("password-change", str(request.user.pk)): throttle.max_failures()}
    lock = throttle.locked(limits) if request.method == "POST" else None
    posted = request.POST if request.method == "POST" and not lock else None
    form = OwnPasswordForm(request.user, posted)
    status = 200
    if lock is not None:
        status = 429
    elif request.method == "POST":
        if form.is_valid():
            account = signed_in(request.user)
            password_change(user=account, new_password=form.cleaned_data["new_password1"])
            update_session_auth_hash(request, account)  # stay signed in here only
            request.session.pop(SESSION_FLAG, None)
            throttle.clear(list(limits))
            messages.success(request, _("Đã đổi mật khẩu."))
            return HttpResponseRedirect(safe_next(request, default="accounts:account"))
        status = 400
        if form.has_error("old_password", "password_incorrect"):
            lock = throttle.fail(limits)
            status = 429 if lock else 400
    return render(
        request,
        "accounts/password_change.html",
        {
            "form": form,
            "forced": forced,
            "lock_message": lock_message(lock) if lock else "",
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=status,
    )
