"""Bearer-token authentication for the API, and the services that issue and revoke tokens.

A token is ``dv_`` followed by 32 random bytes in URL-safe base64. Only its SHA-256 digest is
stored, so a leaked database does not leak usable tokens; the plaintext is shown once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from danvan.accounts.models import ApiToken
from danvan.core.services import audit_record

TOKEN_PREFIX = "dv_"
# Writing last_used_at on every call would turn each read request into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# How long a token works unless told otherwise (create_api_token --days N).
DEFAULT_TOKEN_DAYS = 365
MAX_TOKEN_DAYS = 3650


def token_digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def _generate() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def api_token_create(
    *, user: Any, label: str = "", actor: Any | None = None, days: int = DEFAULT_TOKEN_DAYS
) -> tuple[ApiToken, str]:
    """Issue a new token for ``user``, valid ``days`` days; returns the row and the
    plaintext (shown once)."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_TOKEN_DAYS}")
    plaintext = _generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            digest=token_digest(plaintext),
            prefix=plaintext[:10],
            label=(label or "")[:100],
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_record(
            actor=actor or user,
            action="accounts.api_token.create",
            obj=token,
            object_repr=f"{token.prefix}… ({user.get_username()})",
        )
    return token, plaintext


def api_token_revoke(*, token: ApiToken, actor: Any | None = None) -> ApiToken:
    """Revoke ``token`` (idempotent: revoking twice keeps the first time)."""
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit_record(
                actor=actor or token.user,
                action="accounts.api_token.revoke",
                obj=token,
                object_repr=f"{token.prefix}… ({token.user.get_username()})",
            )
    return token


def user_for_token(plaintext: str) -> Any | None:
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
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class BearerAuth(HttpBearer):
    """ninja auth: ``Authorization: Bearer dv_…``; ``request.auth`` is the user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token.strip())
        if user is not None:
            # Views and access functions read request.user; make it the token's owner.
            request.user = user
        return user
