"""What every endpoint of ``/api/v1`` does the same way (see docs/architecture.md, "API
conventions"): paged lists and idempotent creation.

- **Lists** take ``page`` (from 1) and ``page_size`` (1–200, 50 by default) — inherit
  :class:`PageQuery` — and answer ``{"count", "page", "page_size", "results"}`` built by
  :func:`page_of`: two queries whatever the page (a count and the slice).
- **Creating POSTs** honour an ``Idempotency-Key`` header (or an ``idempotency_key`` body
  field): :func:`idempotency_key` reads it and scopes it to the caller, so two clients never
  share a key and one client's retry finds what its first request created.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from danvan.core.types import Account

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 64
MAX_PAGE_SIZE = 200


class PageQuery(Schema):
    """Query parameters of a paged list; an endpoint's own query schema inherits them."""

    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


def page_of(
    rows: Any, query: PageQuery, serialise: Callable[[Any], Any] | None = None
) -> dict[str, Any]:
    """One page of the queryset (or list) ``rows``, already ordered by the caller, as the
    API answers lists. ``serialise`` turns a row into its JSON shape (rows as they are when
    omitted); it must not query per row (select or prefetch what it reads)."""
    count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    start = (query.page - 1) * query.page_size
    chunk: Iterable[Any] = rows[start : start + query.page_size]
    results = [serialise(row) for row in chunk] if serialise is not None else list(chunk)
    return {"count": count, "page": query.page, "page_size": query.page_size, "results": results}


def idempotency_key(request: HttpRequest, user: Account, body_key: str = "") -> str | None:
    """The caller's idempotency key scoped to ``user`` (``api:<user id>:<key>``), or None when
    the request carries none. The header wins over the body field. A scoped key longer than
    64 characters (what the services store) becomes ``api:`` and its digest, never cut: two
    long keys must not become one."""
    key = (request.headers.get(IDEMPOTENCY_HEADER, "") or body_key or "").strip()
    if not key:
        return None
    scoped = f"api:{user.pk}:{key}"
    if len(scoped) > MAX_KEY_LENGTH:
        return "api:" + idempotency_digest(scoped)[: MAX_KEY_LENGTH - 4]
    return scoped


def idempotency_digest(scoped_key: str) -> str:
    """A fixed-length form of a scoped key (64 hex characters), for a column that stores
    keys of every origin (web form tokens, API keys) side by side."""
    return hashlib.sha256(scoped_key.encode("utf-8")).hexdigest()
