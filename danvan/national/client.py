"""Fetches one province-month from a province deployment's contract endpoint, page by page.

Plain ``urllib`` with a timeout and the national reader's Bearer token: the exchange is a few
pages of JSON a day, no client library is worth its weight. Every failure becomes a
:class:`GatherFailure` with a code the run records, so one bad source never stops the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from http.client import HTTPException
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from danvan.core.boundary import strip_controls
from danvan.national.models import GatherError
from danvan.national.sources import Source

CONTRACT_PATH = "/api/v1/evaluation/monthly"
PAGE_SIZE = 1000
# A province-month is a few thousand rows; past this many pages the reply is not one.
MAX_PAGES = 100
# One page of 1000 rows is about 250 kB; a reply far larger is refused unread.
MAX_PAGE_BYTES = 8 * 1024 * 1024


class GatherFailure(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass
class Reply:
    """The whole month as the province answered it."""

    rows: list[Any] = field(default_factory=list)
    data_version: str = ""
    method_version: str = ""


def page_url(source: Source, period: date, page: int) -> str:
    query = urlencode(
        {"province": source.province, "period": f"{period:%Y-%m}", "page": page,
         "page_size": PAGE_SIZE}
    )  # fmt: skip
    return f"{source.url}{CONTRACT_PATH}?{query}"


def _get(url: str, token: str, timeout: float) -> Any:
    request = Request(url, headers={"Accept": "application/json"})  # noqa: S310 — http(s) only
    # Not copied onto a redirect: a source redirected elsewhere must not receive the token.
    request.add_unredirected_header("Authorization", f"Bearer {token}")
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 — as above
            body = response.read(MAX_PAGE_BYTES + 1)
    except HTTPError as exc:
        raise GatherFailure(GatherError.HTTP, f"HTTP {exc.code} from {url}") from None
    except (URLError, TimeoutError, OSError, HTTPException) as exc:
        # Refused, timed out, reset, or a connection closed in the middle of the reply.
        reason = getattr(exc, "reason", None) or f"{type(exc).__name__} {exc}"
        raise GatherFailure(GatherError.UNREACHABLE, f"{url}: {reason}") from None
    if len(body) > MAX_PAGE_BYTES:
        raise GatherFailure(GatherError.BAD_REPLY, f"page larger than {MAX_PAGE_BYTES} bytes")
    try:
        return json.loads(body)
    except ValueError:
        raise GatherFailure(GatherError.BAD_REPLY, f"not JSON: {body[:80]!r}") from None


def _check_page(data: Any, source: Source, period: date, page: int) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise GatherFailure(GatherError.BAD_REPLY, f"page {page}: no results list")
    if data.get("province") != source.province:
        raise GatherFailure(
            GatherError.BAD_REPLY,
            f"page {page}: province {data.get('province')!r}, expected {source.province!r}",
        )
    if data.get("period") != f"{period:%Y-%m}":
        raise GatherFailure(GatherError.BAD_REPLY, f"page {page}: period {data.get('period')!r}")
    if not isinstance(data.get("count"), int) or isinstance(data.get("count"), bool):
        raise GatherFailure(GatherError.BAD_REPLY, f"page {page}: no count")
    return data["results"]


def fetch_month(source: Source, period: date, *, token: str, timeout: float) -> Reply:
    """Every row of the province's month; fails as a whole (a partial month is no month)."""
    reply = Reply()
    count: int | None = None
    for page in range(1, MAX_PAGES + 1):
        data = _get(page_url(source, period, page), token, timeout)
        results = _check_page(data, source, period, page)
        if count is None:
            count = data["count"]
            reply.data_version = strip_controls(str(data.get("data_version") or ""))[:40]
            reply.method_version = strip_controls(str(data.get("method_version") or ""))[:40]
        elif data["count"] != count:
            # The province recomputed its month between two pages: try again at the next turn.
            raise GatherFailure(GatherError.BAD_REPLY, "the count changed between pages")
        reply.rows.extend(results)
        if len(reply.rows) >= count or not results:
            break
    else:
        raise GatherFailure(GatherError.BAD_REPLY, f"more than {MAX_PAGES} pages")
    if len(reply.rows) != count:
        raise GatherFailure(
            GatherError.BAD_REPLY, f"{len(reply.rows)} rows received, count said {count}"
        )
    return reply
