"""Bearer-token authentication for the API. Tokens are issued and revoked by
``danvan.accounts.services.api_token_create`` / ``api_token_revoke``.

A token is ``dv_`` followed by 32 random bytes in URL-safe base64. Only its SHA-256 digest is
stored, so a leaked database does not leak usable tokens; the plaintext is shown once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from danvan.accounts.models import ApiToken
from danvan.core.types import Account

TOKEN_PREFIX = "dv_"
# Writing last_used_at on every call would turn each read request into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# How long a token works unless told otherwise (create_api_token --days N).
DEFAULT_TOKEN_DAYS = 365
MAX_TOKEN_DAYS = 3650


def token_digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def new_token_plaintext() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def user_for_token(plaintext: str) -> Account | None:
    """The active user owning the unrevoked, unexpired token ``plaintext``, or None."""
    if not plaintext or not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > 100:
        return None
    digest = token_digest(plaintext)
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest, revoked_at__isnull=True)
        .exclude(expires_at__lte=timezone.now())
        .first()
    )
    # The lookup is by digest (an index); compare again in constant time so a future change
    # to the lookup (e.g. by prefix) cannot turn into a timing oracle.
    if token is None or not hmac.compare_digest(token.digest, digest):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        from danvan.accounts.services import api_token_touch

        api_token_touch(token=token, at=now)
    return token.user


class BearerAuth(HttpBearer):
    """ninja auth: ``Authorization: Bearer dv_…``; ``request.auth`` is the user."""

    def authenticate(self, request: HttpRequest, token: str) -> Account | None:
        user = user_for_token(token.strip())
        if user is not None:
            # Views and access functions read request.user; make it the token's owner.
            request.user = user
        return user


def __getattr__(name: str) -> Any:
    # Tests of other apps still import the token services from here; they live in services
    # (a lazy import: services imports this module for the digest).
    if name in {"api_token_create", "api_token_revoke"}:
        from danvan.accounts import services

        return getattr(services, name)
    raise AttributeError(name)
