"""A small HTTP Digest client for the tests, written from RFC 7616 (what Collect does)."""

from __future__ import annotations

import hashlib
import re

from django.test import Client


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 — the protocol's


def challenge_params(header: str) -> dict[str, str]:
    return dict(re.findall(r'(\w+)="?([^",]*)"?', header.removeprefix("Digest ")))


def authorization(
    challenge: str, username: str, password: str, method: str, uri: str, nc: int = 1
) -> str:
    params = challenge_params(challenge)
    ha1 = _md5(f"{username}:{params['realm']}:{password}")
    ha2 = _md5(f"{method}:{uri}")
    cnonce = "0a4f113b"
    ncs = f"{nc:08x}"
    response = _md5(f"{ha1}:{params['nonce']}:{ncs}:{cnonce}:auth:{ha2}")
    return (
        f'Digest username="{username}", realm="{params["realm"]}", nonce="{params["nonce"]}", '
        f'uri="{uri}", algorithm=MD5, qop=auth, nc={ncs}, cnonce="{cnonce}", '
        f'response="{response}", opaque="{params.get("opaque", "")}"'
    )


def digest_request(client: Client, method: str, uri: str, username: str, password: str, **kw):
    """Ask once without credentials (401 with a challenge), then answer the challenge."""
    make = kw.pop("data", None)

    def body() -> dict:
        # Uploaded files are read by a request: a callable gives fresh ones each time.
        if make is None:
            return {}
        return {"data": make() if callable(make) else make}

    first = getattr(client, method.lower())(uri, **body(), **kw)
    assert first.status_code == 401, first.status_code
    header = authorization(first["WWW-Authenticate"], username, password, method.upper(), uri)
    return getattr(client, method.lower())(uri, HTTP_AUTHORIZATION=header, **body(), **kw)
