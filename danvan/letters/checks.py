"""System check: the denouncer's identity needs an encryption key outside development."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def encryption_keys_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from cryptography.fernet import Fernet

    keys = [k for k in (getattr(settings, "DANVAN_ENCRYPTION_KEYS", None) or []) if k]
    if not keys:
        return [
            checks.Error(
                "DANVAN_ENCRYPTION_KEYS is empty: denunciations cannot be stored.",
                hint="Set DANVAN_ENCRYPTION_KEYS to one or more Fernet keys, newest first.",
                id="letters.E001",
            )
        ]
    errors = []
    for index, key in enumerate(keys):
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(
                checks.Error(
                    f"DANVAN_ENCRYPTION_KEYS[{index}] is not a valid Fernet key.",
                    id="letters.E002",
                )
            )
    return errors
