"""Creating once: a retried request finds what its first attempt created.

A client that lost the answer to a POST sends it again. With the same ``Idempotency-Key``
it must get the same object back, not a second one with its own deadline and SMS. The key
is scoped to the caller and the endpoint (two clients may pick the same key) and stored as
a fixed-length hash in a unique column of the created row; ``create_once`` looks it up,
creates otherwise, and when a concurrent twin won the race on the unique column returns
the twin's row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

HEADER = "Idempotency-Key"
# Longer keys are refused rather than cut: two keys sharing a prefix must stay two keys.
MAX_KEY_LENGTH = 255


class KeyTooLong(ValueError):
    """The client's key is longer than ``MAX_KEY_LENGTH``."""


def scoped_key(*, scope: str, actor: Any, raw: str) -> str | None:
    """The stored form of a client's key: a SHA-256 hex digest (64 characters) of the
    endpoint, the caller and the key. None when the client sent none."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if len(raw) > MAX_KEY_LENGTH:
        raise KeyTooLong(raw[:20])
    caller = getattr(actor, "pk", None) or ""
    return hashlib.sha256(f"{scope}\n{caller}\n{raw}".encode()).hexdigest()


def request_key(request: Any, *, scope: str, actor: Any, fallback: str = "") -> str | None:
    """``scoped_key`` of the request's ``Idempotency-Key`` header (or ``fallback``, a key
    the client put in the body)."""
    return scoped_key(scope=scope, actor=actor, raw=request.headers.get(HEADER) or fallback)


def create_once[T](
    *, key: str | None, find: Callable[[str], T | None], create: Callable[[], T]
) -> tuple[T, bool]:
    """``(row, created)``: the row ``find(key)`` returns, else ``create()``'s (which stores
    ``key`` in a unique column). Without a key, always ``create()``."""
    if key:
        existing = find(key)
        if existing is not None:
            return existing, False
    try:
        # A savepoint: the losing twin's failed insert must not break the caller's transaction.
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        existing = find(key) if key else None
        if existing is None:
            raise
        return existing, False
