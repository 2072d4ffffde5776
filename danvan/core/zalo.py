"""Zalo Notification Service (ZNS), the channel most Vietnamese citizens read (docs/domain.md §10).

A ZNS message is an approved template of the commune's Official Account filled with named
values: ``POST`` of ``{"phone": "84…", "template_id", "template_data", "tracking_id"}`` with
the account's ``access_token`` header; the answer is ``{"error": 0, "data": {"msg_id"}}`` on
success, another ``error`` code otherwise. The outbox tries ZNS for an SMS whose template has
a ZNS template id (``settings.DANVAN_ZNS_TEMPLATES``) and falls back to the SMS backend when
Zalo cannot deliver (no Zalo account on that number, quota, token...).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

from danvan.core.http import post_json

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
    if not url:
        raise ZaloError("DANVAN_ZNS_URL is not set")
    payload = {
        "phone": international(phone),
        "template_id": template_id,
        "template_data": {k: str(v)[:MAX_VALUE] for k, v in values.items()},
        "tracking_id": tracking_id,
    }
    headers = {"access_token": settings.DANVAN_ZNS_ACCESS_TOKEN}
    answer = post_json(url, payload, headers, error=ZaloError)
    if not isinstance(answer, dict):
        raise ZaloError("ZNS answered something that is not a JSON object")
    if answer.get("error") != 0:
        raise ZaloError(f"ZNS error {answer.get('error')}: {str(answer.get('message', ''))[:200]}")
    raw = answer.get("data")
    data = raw if isinstance(raw, dict) else {}
    return str(data.get("msg_id", ""))
