"""Searches that must not appear in a URL (a citizen's phone number): access logs, browser
history and Referer headers keep URLs. The form posts the text; it is kept in the officer's
session under a short random token, and the results page's URL carries only the token."""

from __future__ import annotations

import re
import secrets

from django.http import HttpRequest

SESSION_KEY = "danvan_searches"
KEEP = 10  # the last searches stay reachable (back button, pagination)
_PHONE_LIKE = re.compile(r"^[+\d][\d\s.\-()]{5,}$")


def looks_like_phone(text: str) -> bool:
    """A phone number in any of the ways one is typed (six digits or more)."""
    text = (text or "").strip()
    return bool(_PHONE_LIKE.match(text)) and sum(c.isdigit() for c in text) >= 6


def stash(request: HttpRequest, text: str) -> str:
    """Keep ``text`` in the session; returns the token that stands for it in URLs."""
    token = secrets.token_urlsafe(6)
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept[token] = text[:100]
    request.session[SESSION_KEY] = dict(list(kept.items())[-KEEP:])
    return token


def unstash(request: HttpRequest, token: str | None) -> str:
    """The text a token stands for in this session ("" when unknown or expired)."""
    if not token:
        return ""
    return str(request.session.get(SESSION_KEY, {}).get(str(token)[:20], ""))
