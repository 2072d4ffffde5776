"""Officers' second factor: a TOTP authenticator app, plus single-use backup codes.

Built on django-otp: ``TOTPDevice`` (RFC 6238, 6 digits, 30 s) and ``StaticDevice`` for the
backup codes. Throttling of wrong codes is done twice on purpose: django-otp's own per-device
back-off, and our cache counter (``throttle``) that also shows the officer when to retry.
"""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core.services import audit_record

BACKUP_CODES = 8
DEVICE_NAME = "danvan"


def has_second_factor(user: Any) -> bool:
    """Whether ``user`` has a confirmed authenticator (backup codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user: Any) -> TOTPDevice:
    """The unconfirmed device the officer is setting up; the same one across page reloads."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, as authenticator apps ask for it when typed by hand (grouped by 4)."""
    raw = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` URL as an inline SVG QR code (no image file, no network)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def totp_confirm(*, user: Any, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm ``device`` with a code from the app; returns fresh backup codes, or None."""
    if device.user_id != user.pk or device.confirmed:
        return None
    with transaction.atomic():
        if not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # Older authenticators of this user are replaced by the new one.
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        codes = backup_codes_renew(user=user)
        audit_record(
            actor=user, action="accounts.2fa.enrol", obj=device, object_repr=user.get_username()
        )
    return codes


def backup_codes_renew(*, user: Any) -> list[str]:
    """Replace the user's backup codes with new ones (each usable once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def second_factor_match(user: Any, code: str) -> Any | None:
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


def backup_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
