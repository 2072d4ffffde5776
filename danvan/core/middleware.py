"""Remember the client's IP for the duration of a request so services can audit it; clean
control characters out of what a request carries."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from danvan.core.boundary import has_controls, strip_controls, strip_controls_deep

_current_ip: ContextVar[str | None] = ContextVar("danvan_current_ip", default=None)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_proxy(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from. REMOTE_ADDR is whoever connected; when that is one of
    ``DANVAN_TRUSTED_PROXIES``, the client is the right-most address of X-Forwarded-For that is
    not itself a trusted proxy. Addresses further left were written by the client and could be
    forged, so they are never believed; a malformed entry stops the walk at the proxy."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "DANVAN_TRUSTED_PROXIES", ()) or ()))
    if not remote or not networks or not _is_proxy(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if _is_proxy(hop, networks):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return remote
    return remote


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


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CleanInputMiddleware:
    """Remove control characters (all but tab and line breaks) from the query string, form
    fields and JSON bodies, once, before any view, form, API schema or Open311 handler reads
    them: a ``\\x01`` typed or sent would otherwise be stored and later break every XLSX,
    DOCX and XML writer. NUL is left for ``RejectNulBytesMiddleware`` (listed before this
    one) to refuse. File contents are not touched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        clean_request(request)
        return self.get_response(request)


def _clean_querydict(data: QueryDict) -> QueryDict | None:
    if not any(has_controls(k) or any(has_controls(v) for v in vs) for k, vs in data.lists()):
        return None
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(strip_controls(key), [strip_controls(v) for v in values])
    cleaned._mutable = False
    return cleaned


def clean_request(request: HttpRequest) -> None:
    cleaned = _clean_querydict(request.GET)
    if cleaned is not None:
        request.GET = cleaned  # type: ignore[assignment]  # read-only like the original
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    if request.content_type in FORM_TYPES:
        try:
            post = request.POST
        except Exception:  # noqa: BLE001 — a malformed body stays the view's to refuse
            return
        cleaned = _clean_querydict(post)
        if cleaned is not None:
            request._post = cleaned  # type: ignore[attr-defined]
    elif request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return  # the API answers malformed JSON itself
        except Exception:  # noqa: BLE001 — RawPostDataException, too large: the view decides
            return
        stripped = strip_controls_deep(data)
        if stripped != data:
            request._body = json.dumps(stripped, ensure_ascii=False).encode("utf-8")  # type: ignore[attr-defined]


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
