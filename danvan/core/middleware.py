"""Remember the client's IP for the duration of a request so services can audit it."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

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
