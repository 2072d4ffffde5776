"""Encryption at rest of the denouncer's identity and the blind index used to find repeats.

Keys come from ``settings.DANVAN_ENCRYPTION_KEYS`` (Fernet keys, newest first): the first
encrypts, every key decrypts, so a new key can be put in front while rows encrypted with the
old one are re-encrypted in the background (``manage.py rotate_identity_keys``).

With no key configured, development (``DEBUG``) derives one from ``SECRET_KEY`` and warns;
anywhere else storing an identity is refused — better no denunciation on file than a
denouncer's name in clear text. ``manage.py check --deploy`` reports the missing key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


class IdentityKeyMissing(ImproperlyConfigured):
    """No encryption key while not in development."""


def _derived_dev_key() -> bytes:
    digest = hashlib.sha256(f"danvan-identity-dev:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


@lru_cache(maxsize=1)
def _warn_dev_key() -> None:
    # Once per process: the warning is for the operator, not for every letter.
    logger.warning(
        "DANVAN_ENCRYPTION_KEYS is empty: using a development key derived from SECRET_KEY"
    )


def configured_keys() -> list[str]:
    return [k for k in (getattr(settings, "DANVAN_ENCRYPTION_KEYS", None) or []) if k]


def _keys() -> tuple[bytes, ...]:
    keys = configured_keys()
    if keys:
        return tuple(k.encode() for k in keys)
    if settings.DEBUG:
        _warn_dev_key()
        return (_derived_dev_key(),)
    raise IdentityKeyMissing(
        "DANVAN_ENCRYPTION_KEYS is empty: a denouncer's identity cannot be stored "
        '(generate a key with `python -c "from cryptography.fernet import Fernet; '
        'print(Fernet.generate_key().decode())"`).'
    )


@lru_cache(maxsize=8)
def _multi(keys: tuple[bytes, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k) for k in keys])


def cipher() -> MultiFernet:
    return _multi(_keys())


def encrypt(value: str) -> str:
    if not value:
        return ""
    return cipher().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return cipher().decrypt(token.encode()).decode()
    except InvalidToken as exc:  # a key was removed before its rows were rotated
        raise IdentityKeyMissing("No configured key decrypts this identity") from exc


def rotate(token: str) -> str:
    """Re-encrypt ``token`` with the newest key (unchanged plaintext)."""
    if not token:
        return ""
    return cipher().rotate(token.encode()).decode()


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFD", value.lower()).replace("đ", "d")
    value = "".join(c for c in value if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", value).strip()


def normalize_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("84") and len(digits) > 9:
        digits = "0" + digits[2:]
    return digits


def _index_key() -> bytes:
    # A key of its own, stable across rotations of the encryption keys, so the index of old
    # rows stays comparable; falls back to SECRET_KEY.
    explicit = getattr(settings, "DANVAN_BLIND_INDEX_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(f"danvan-blind-index:{explicit}".encode()).digest()


def sender_key(name: str, phone: str) -> str:
    """Keyed HMAC of the normalised name and phone ('' when both are empty)."""
    folded, digits = _fold(name or ""), normalize_phone(phone)
    if not folded and not digits:
        return ""
    message = f"{folded}|{digits}".encode()
    return hmac.new(_index_key(), message, hashlib.sha256).hexdigest()


def content_key(text: str) -> str:
    """Hash of the content with case, accents, punctuation and spacing folded away."""
    return hashlib.sha256(_fold(text or "").encode()).hexdigest()


def folded(text: str) -> str:
    return _fold(text or "")
