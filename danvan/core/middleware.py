"""Remember the client's IP for the duration of a request so services can audit it."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

_current_ip: ContextVar[str | None] = ContextVar("danvan_current_ip", default=None)


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR is what the reverse proxy (or runserver) connected from; deployments behind
    # a proxy set it from X-Forwarded-For in the proxy itself (see README), never trusting
    # a header a client could forge.
    return request.META.get("REMOTE_ADDR") or None


def current_ip() -> str | None:
    return _current_ip.get()


class ClientIPMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _current_ip.reset(token)


# Machine clients say their language only through Accept-Language, so the JSON API and
# Open311 keep following it for their error messages.
HEADER_LANGUAGE_PREFIXES = ("/api/", "/open311/")


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are Vietnamese until the person picks another language with the switch.

    A commune officer's or a citizen's browser is often set to English while they read
    Vietnamese best, so a page does not follow Accept-Language: only the language cookie set
    by the switch (``set_language``) changes it, and the cookie remembers the choice. The
    API and Open311 still follow the header (plus the cookie) like Django's own middleware.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith(HEADER_LANGUAGE_PREFIXES):
            super().process_request(request)
            return
        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen:
            try:
                language = translation.get_supported_language_variant(chosen)
            except LookupError:
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
