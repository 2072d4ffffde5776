"""What every list of ``/api/v1`` does the same way (see docs/architecture.md, "API
conventions"): lists take ``page`` (from 1) and ``page_size`` (1–200, 50 by default) —
inherit :class:`PageQuery` — and answer ``{"count", "page", "page_size", "results"}`` built
by :func:`page_of`: two queries whatever the page (a count and the slice). Creating POSTs
honour ``Idempotency-Key`` through ``danvan.core.idempotency``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ninja import Field, Schema

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
