"""Password rules beyond Django's validators (docs/domain.md §9, level-3 systems):

- no reuse of the last ``PASSWORD_HISTORY_SIZE`` passwords (:class:`RecentPasswordValidator`,
  listed in ``AUTH_PASSWORD_VALIDATORS``; Django calls its ``password_changed`` whenever a
  user is saved with a new password, so every way of setting one is recorded);
- a password somebody else chose (a new account, an import) must be replaced at the next
  sign-in: ``OfficerProfile.must_change_password``, copied into the session at sign-in and
  enforced by ``danvan.accounts.middleware.RequirePasswordChangeMiddleware``.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from danvan.core.types import Account

PASSWORD_HISTORY_SIZE = 10
SESSION_FLAG = "danvan_must_change_password"


def recent_hashes(user: Account, count: int = PASSWORD_HISTORY_SIZE) -> list[str]:
    """The live hash and the ones before it, newest first, without repeats."""
    from danvan.accounts.models import PasswordHistory

    stored = list(
        PasswordHistory.objects.filter(user=user)
        .order_by("-created_at", "-pk")
        .values_list("password", flat=True)[:count]
    )
    # An account made by an import has a live hash that never went through ``save()``.
    live = [user.password] if user.password and user.password not in stored else []
    return (live + stored)[:count]


def _matches_any(password: str, hashes: list[str]) -> bool:
    if len(hashes) < 3:
        return any(check_password(password, h) for h in hashes)
    # PBKDF2 releases the GIL: ten checks of a million iterations each take seconds on one
    # core, and a password change should not.
    with ThreadPoolExecutor(max_workers=min(len(hashes), os.cpu_count() or 1)) as pool:
        return any(pool.map(lambda h: check_password(password, h), hashes))


class RecentPasswordValidator:
    """Refuses any of the account's last ``count`` passwords (the current one included)."""

    def __init__(self, count: int = PASSWORD_HISTORY_SIZE) -> None:
        self.count = count

    def validate(self, password: str, user: Account | None = None) -> None:
        if user is None or getattr(user, "pk", None) is None:
            return
        if _matches_any(password, recent_hashes(user, self.count)):
            raise ValidationError(self._message(), code="password_reused")

    def password_changed(self, password: str, user: Account | None = None) -> None:
        from danvan.accounts.services import password_history_record

        if user is None or user.pk is None or not user.has_usable_password():
            return
        password_history_record(user=user, keep=self.count)

    def get_help_text(self) -> str:
        return self._message()

    def _message(self) -> str:
        return _("Mật khẩu mới không được trùng với %(count)s mật khẩu gần nhất của bạn.") % {
            "count": self.count
        }


def must_change_password(user: Account) -> bool:
    from danvan.accounts.models import OfficerProfile

    return OfficerProfile.objects.filter(user=user, must_change_password=True).exists()


def remember_at_sign_in(sender: Any, request: HttpRequest, user: Account, **kwargs: Any) -> None:
    """``user_logged_in`` receiver: one query at sign-in instead of one on every request."""
    if request is not None and hasattr(request, "session"):
        if must_change_password(user):
            request.session[SESSION_FLAG] = True
        else:
            request.session.pop(SESSION_FLAG, None)
