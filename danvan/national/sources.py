"""The province deployments the national level gathers from, read from the environment.

``DANVAN_NATIONAL_SOURCES`` is a JSON list, one object a province::

    [{"province": "19", "url": "https://danvan.thainguyen.example", "token_env": "DANVAN_TOKEN_19"}]

``url`` is the deployment's root (the contract path ``/api/v1/evaluation/monthly`` is added
here); ``token_env`` names the environment variable that holds the national reader's token on
that deployment. Why the environment and not a model edited in the admin: the sources are the
deployment's wiring (34 provinces, changed when a province moves its server), reviewed with
the rest of the configuration, and the tokens are secrets that must never sit in the database
a backup copies; the JSON names where a token is, never the token.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

_PROVINCE = re.compile(r"^\d{2}$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SourceConfigError(ValueError):
    """The configured list cannot be used; the message says which entry and why."""


@dataclass(frozen=True)
class Source:
    province: str
    url: str
    token_env: str

    def token(self) -> str:
        return os.environ.get(self.token_env, "").strip()


def _entry(item: object, index: int) -> Source:
    if not isinstance(item, dict):
        raise SourceConfigError(f"entry {index}: not an object")
    province = str(item.get("province", "")).strip()
    url = str(item.get("url", "")).strip().rstrip("/")
    token_env = str(item.get("token_env", "")).strip()
    if not _PROVINCE.match(province):
        raise SourceConfigError(f"entry {index}: province must be a two-digit code")
    parts = urlsplit(url)
    # Only the web: urllib would also open file:// and ftp:// URLs.
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceConfigError(f"entry {index}: url must be an http(s) address")
    if not _ENV_NAME.match(token_env):
        raise SourceConfigError(f"entry {index}: token_env must name an environment variable")
    return Source(province=province, url=url, token_env=token_env)


def configured_sources(raw: str | None = None) -> list[Source]:
    """The sources of ``raw`` (the setting when None); empty when nothing is configured."""
    text = settings.DANVAN_NATIONAL_SOURCES if raw is None else raw
    if not (text or "").strip():
        return []
    try:
        items = json.loads(text)
    except ValueError as exc:
        raise SourceConfigError(f"not valid JSON: {exc}") from None
    if not isinstance(items, list):
        raise SourceConfigError("must be a JSON list")
    sources = [_entry(item, i) for i, item in enumerate(items)]
    provinces = [s.province for s in sources]
    if len(set(provinces)) != len(provinces):
        raise SourceConfigError("a province is listed twice")
    return sources
