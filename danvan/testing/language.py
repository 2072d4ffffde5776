"""Asking for a page in English the way a person does: with the language switch's cookie.

Pages stay Vietnamese whatever the browser's Accept-Language says (see
``danvan.core.middleware.VietnameseFirstLocaleMiddleware``); only the API follows the header.
"""

from __future__ import annotations

from django.conf import settings
from django.test import Client


def english(client: Client) -> Client:
    """``client`` with English chosen, as after using the switch (kept for later requests)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
