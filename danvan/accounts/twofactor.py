"""Officers' second factor: a TOTP authenticator app, plus single-use backup codes.

Built on django-otp: ``TOTPDevice`` (RFC 6238, 6 digits, 30 s) and ``StaticDevice`` for the
backup codes. Throttling of wrong codes is done twice on purpose: django-otp's own per-device
back-off, and our cache counter (``throttle``) that also shows the officer when to retry.
The writes (starting an enrolment, confirming it, renewing backup codes) are services in
``danvan.accounts.services``.
"""

from __future__ import annotations

import base64
from typing import Any

import segno
from django_otp import devices_for_user
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core.types import User


def has_second_factor(user: User) -> bool:
    """Whether ``user`` has a confirmed authenticator (backup codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, as authenticator apps ask for it when typed by hand (grouped by 4)."""
    raw = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` URL as an inline SVG QR code (no image file, no network)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def second_factor_match(user: User, code: str) -> Any | None:
    """The confirmed device of ``user`` accepting ``code`` (TOTP or backup), or None."""
    code = "".join(code.split())
    want_totp = code.isdigit() and len(code) == 6
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, TOTPDevice) != want_totp:
            continue
        matched = otp_verify_token(user, device.persistent_id, code)
        if matched is not None:
            return matched
    return None


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
