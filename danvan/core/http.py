"""One JSON POST to a gateway (SMS, Zalo), with the failures every caller handles alike."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

TIMEOUT = 10  # seconds: a slow gateway must not hold a worker
MAX_ANSWER = 10_000  # bytes read of the answer


def post_json(
    url: str, payload: dict[str, Any], headers: dict[str, str], *, error: type[Exception]
) -> Any:
    """POST ``payload`` as UTF-8 JSON; returns the decoded JSON answer, or None when the
    answer is not JSON. Raises ``error`` (with a message naming the cause) when the URL is
    not http(s), the peer answers an HTTP error, or it cannot be reached."""
    if not url.startswith(("http://", "https://")):
        raise error("the gateway URL is not set")
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 — checked
    request.add_header("Content-Type", "application/json; charset=utf-8")
    for name, value in headers.items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            raw = response.read(MAX_ANSWER)
    except urllib.error.HTTPError as exc:
        raise error(f"gateway answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise error(f"gateway unreachable: {exc}") from exc
    try:
        return json.loads(raw.decode("utf-8") or "null")
    except (ValueError, UnicodeDecodeError):
        return None
