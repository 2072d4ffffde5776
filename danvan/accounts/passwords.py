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


# Words an attacker tries first against a commune's accounts: the product, the province, the
# offices and roles, Vietnamese and English stock passwords. Commune and province names come
# from the database (``territory``), so every place name of the deployment is covered.
CONTEXT_WORDS = frozenset(
    [
        "danvan",
        "danvanchinhquyen",
        "thainguyen",
        "backan",
        "bacthai",
        "vietnam",
        "hanoi",
        "saigon",
        "ubnd",
        "ubndxa",
        "ubndphuong",
        "hdnd",
        "mttq",
        "matran",
        "xa",
        "phuong",
        "thitran",
        "tinh",
        "huyen",
        "motcua",
        "tiepdan",
        "tiepcongdan",
        "donthu",
        "hoso",
        "canbo",
        "lanhdao",
        "chutich",
        "congchuc",
        "quantri",
        "admin",
        "administrator",
        "demo",
        "test",
        "guest",
        "user",
        "matkhau",
        "password",
        "passw0rd",
        "pass",
        "letmein",
        "welcome",
        "qwerty",
        "qwertyuiop",
        "asdfgh",
        "abc",
        "abcd",
        "abcdef",
        "iloveyou",
        "anhyeuem",
        "emyeuanh",
        "yeuem",
    ]
)
_PLACE_PREFIXES = ("thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "tinh", "xa")


def fold(text: str) -> str:
    """Lower case, no diacritics, letters only: "Thái Nguyên 2026!" -> "thainguyen"."""
    import unicodedata

    text = text.lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "".join(c for c in text if "a" <= c <= "z")


def place_words() -> frozenset[str]:
    """Every commune's and province's name folded, with and without its type ("xã")."""
    from django.core.cache import cache

    cached = cache.get("danvan:password-place-words")
    if cached is not None:
        return frozenset(cached)
    from danvan.territory.models import Province, Unit

    names = list(Unit.objects.values_list("name", flat=True))
    names += list(Province.objects.values_list("name", flat=True))
    words: set[str] = set()
    for name in names:
        plain = " ".join(name.lower().split())
        words.add(fold(plain))
        for prefix in _PLACE_PREFIXES:
            folded_prefix = fold(prefix)
            if fold(plain).startswith(folded_prefix):
                words.add(fold(plain)[len(folded_prefix) :])
                break
    words.discard("")
    cache.set("danvan:password-place-words", sorted(words), 3600)
    return frozenset(words)


def _made_of(core: str, words: frozenset[str], parts: int = 2) -> bool:
    """Whether ``core`` is one word of ``words`` or up to ``parts`` of them joined."""
    if core in words:
        return True
    if parts <= 1:
        return False
    return any(
        core[:i] in words and _made_of(core[i:], words, parts - 1) for i in range(2, len(core) - 1)
    )


class ContextWordsValidator:
    """Refuses a password that is, once folded to its letters (digits, symbols, case and
    diacritics dropped), a common or context word, a commune's or province's name, the
    user's own name, or two of those joined: "thainguyen", "Danvan2026", "Bắc Kạn@123",
    "motcua.backan" are refused; "Thac-Ban-Gioc-2026" is not."""

    def validate(self, password: str, user: Any = None) -> None:
        core = fold(password)
        words = set(CONTEXT_WORDS) | place_words()
        if user is not None:
            for attr in ("username", "first_name", "last_name"):
                value = fold(str(getattr(user, attr, "") or ""))
                if len(value) >= 3:
                    words.add(value)
        if len(core) < 4 or _made_of(core, frozenset(words)):
            raise ValidationError(self._message(), code="password_context_word")

    def get_help_text(self) -> str:
        return self._message()

    def _message(self) -> str:
        return _(
            "Mật khẩu quá dễ đoán: không dùng tên phần mềm, tên xã, phường, tỉnh, tên của "
            "bạn hay các từ phổ biến (kể cả khi thêm số hoặc ký hiệu)."
        )
