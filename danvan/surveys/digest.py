"""HTTP Digest authentication (RFC 7616, MD5, qop=auth) for ODK Collect.

Collect sends a collection password with Digest; the server keeps only
HA1 = MD5(username:realm:password) (``EnumeratorCredential.ha1``), so the password itself is
never stored. Nonces carry their own issue time and an HMAC under the server's secret: no
table, and a nonce older than :data:`NONCE_SECONDS` is answered ``stale=true`` so Collect
retries with a fresh one without asking the enumerator again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings

NONCE_SECONDS = 15 * 60
_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))')


def realm() -> str:
    return str(getattr(settings, "DANVAN_SURVEYS_DIGEST_REALM", "danvan"))


def md5_hex(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: S324 — RFC 7616's MD5


def ha1_for(username: str, password: str, realm_name: str | None = None) -> str:
    return md5_hex(f"{username}:{realm_name or realm()}:{password}")


def _sign(stamp: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"danvan-digest:{stamp}".encode(), hashlib.sha256).hexdigest()[:32]


def new_nonce(now: float | None = None) -> str:
    stamp = f"{int(now if now is not None else time.time())}.{secrets.token_hex(8)}"
    return base64.urlsafe_b64encode(f"{stamp}:{_sign(stamp)}".encode()).decode().rstrip("=")


def nonce_state(nonce: str, now: float | None = None) -> str:
    """``fresh``, ``stale`` (ours but expired) or ``bad``."""
    try:
        raw = base64.urlsafe_b64decode(nonce + "=" * (-len(nonce) % 4)).decode()
        stamp, signature = raw.rsplit(":", 1)
        issued = int(stamp.split(".", 1)[0])
    except (ValueError, UnicodeDecodeError):
        return "bad"
    if not hmac.compare_digest(signature, _sign(stamp)):
        return "bad"
    age = (now if now is not None else time.time()) - issued
    return "fresh" if -60 <= age <= NONCE_SECONDS else "stale"


def challenge(stale: bool = False) -> str:
    parts = [
        f'realm="{realm()}"',
        'qop="auth"',
        "algorithm=MD5",
        f'nonce="{new_nonce()}"',
        f'opaque="{md5_hex(realm())}"',
    ]
    if stale:
        parts.append("stale=true")
    return "Digest " + ", ".join(parts)


@dataclass
class DigestAnswer:
    username: str
    realm: str
    nonce: str
    uri: str
    response: str
    qop: str
    nc: str
    cnonce: str
    algorithm: str


def parse_authorization(header: str) -> DigestAnswer | None:
    if not header or header[:7].lower() != "digest ":
        return None
    params = {
        m.group(1).lower(): (m.group(2) if m.group(2) is not None else m.group(3))
        for m in _PARAM.finditer(header[7:])
    }
    try:
        return DigestAnswer(
            username=params["username"].replace('\\"', '"'),
            realm=params["realm"],
            nonce=params["nonce"],
            uri=params["uri"],
            response=params["response"].lower(),
            qop=params.get("qop", ""),
            nc=params.get("nc", ""),
            cnonce=params.get("cnonce", ""),
            algorithm=params.get("algorithm", "MD5"),
        )
    except KeyError:
        return None


def expected_response(answer: DigestAnswer, ha1: str, method: str) -> str:
    ha2 = md5_hex(f"{method}:{answer.uri}")
    if answer.qop == "auth":
        return md5_hex(f"{ha1}:{answer.nonce}:{answer.nc}:{answer.cnonce}:auth:{ha2}")
    return md5_hex(f"{ha1}:{answer.nonce}:{ha2}")


def check(answer: DigestAnswer, ha1: str, method: str, path: str) -> bool:
    """Whether ``answer`` proves knowledge of the password behind ``ha1`` for this request."""
    if answer.realm != realm() or answer.algorithm.upper() not in ("MD5", ""):
        return False
    if answer.qop not in ("auth", ""):
        return False
    # The uri the client signed must be this request's (a replay elsewhere is refused).
    if answer.uri != path and answer.uri.split("?", 1)[0] != path.split("?", 1)[0]:
        return False
    return hmac.compare_digest(expected_response(answer, ha1, method), answer.response)
