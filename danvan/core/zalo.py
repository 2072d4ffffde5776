"""Zalo Notification Service (ZNS), the channel most Vietnamese citizens read (DOMAIN §10).

A ZNS message is an approved template of the commune's Official Account filled with named
values: ``POST`` of ``{"phone": "84…", "template_id", "template_data", "tracking_id"}`` with
the account's ``access_token`` header; the answer is ``{"error": 0, "data": {"msg_id"}}`` on
success, another ``error`` code otherwise. The outbox tries ZNS for an SMS whose template has
a ZNS template id (``settings.DANVAN_ZNS_TEMPLATES``) and falls back to the SMS backend when
Zalo cannot deliver (no Zalo account on that number, quota, token...).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

# ZNS refuses values longer than its parameter types allow; the tightest common type
# (a code, a label, a status) takes 30 characters.
MAX_VALUE = 30


class ZaloError(Exception):
    """Zalo did not deliver the message; the caller may fall back to SMS."""


def template_id_for(template: str) -> str:
    """The approved ZNS template of one of our templates, or "" (ZNS off or not mapped)."""
    if not getattr(settings, "DANVAN_ZNS_ACCESS_TOKEN", ""):
        return ""
    return str((getattr(settings, "DANVAN_ZNS_TEMPLATES", {}) or {}).get(template, ""))


def international(phone: str) -> str:
    """``0912345678`` / ``+84912345678`` / ``84912345678`` -> ``84912345678``."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0"):
        return "84" + digits[1:]
    return digits


def send(*, phone: str, template_id: str, values: dict[str, Any], tracking_id: str) -> str:
    """Send one ZNS message; returns Zalo's message id. Raises ``ZaloError``."""
    url = getattr(settings, "DANVAN_ZNS_URL", "")
    if not url.startswith(("http://", "https://")):
        raise ZaloError("DANVAN_ZNS_URL is not set")
    payload = {
        "phone": international(phone),
        "template_id": template_id,
        "template_data": {k: str(v)[:MAX_VALUE] for k, v in values.items()},
        "tracking_id": tracking_id,
    }
    request = urllib.request.Request(  # noqa: S310 — the URL is checked above
        url, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"), method="POST"
    )
    request.add_header("Content-Type", "application/json; charset=utf-8")
    request.add_header("access_token", settings.DANVAN_ZNS_ACCESS_TOKEN)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            raw = response.read(10_000)
    except urllib.error.HTTPError as exc:
        raise ZaloError(f"ZNS answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise ZaloError(f"ZNS unreachable: {exc}") from exc
    try:
        answer = json.loads(raw.decode("utf-8") or "{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ZaloError("ZNS answered something that is not JSON") from exc
    if not isinstance(answer, dict) or answer.get("error") != 0:
        code = answer.get("error") if isinstance(answer, dict) else None
        message = answer.get("message", "") if isinstance(answer, dict) else ""
        raise ZaloError(f"ZNS error {code}: {str(message)[:200]}")
    data = answer.get("data") if isinstance(answer.get("data"), dict) else {}
    return str(data.get("msg_id", ""))
