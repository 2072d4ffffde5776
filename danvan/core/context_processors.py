"""Context for the shell: navigation filtered by the user's roles."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from danvan.core.registry import registries


def _roles_of(request: HttpRequest) -> frozenset[str]:
    # accounts sets request.danvan_roles lazily through its middleware-free helper; core
    # cannot import accounts, so it reads the attribute the accounts app attaches.
    getter = getattr(request, "danvan_roles", None)
    if callable(getter):
        return frozenset(getter())
    return frozenset()


@lru_cache(maxsize=512)
def _url(url_name: str, urlconf: Any, prefix: str) -> str | None:
    # The same few dozen names on every page: reversed once per URL configuration.
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def _link(item: Any) -> dict[str, Any] | None:
    url = _url(item.url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if url is None:
        return None
    return {"key": item.key, "url": url, "label": item.label}


def shell(request: HttpRequest) -> dict[str, Any]:
    # A page renders its parts (dashboard cards, case panels) with the request too: the
    # navigation is worked out once per request.
    cached = getattr(request, "_danvan_shell", None)
    if cached is None:
        cached = _shell(request)
        request._danvan_shell = cached  # type: ignore[attr-defined]
    return cached


def _shell(request: HttpRequest) -> dict[str, Any]:
    items = sorted(registries.nav, key=lambda i: (i.order, i.key))
    public = [link for i in items if i.public and (link := _link(i))]
    officer: list[dict[str, Any]] = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        roles = _roles_of(request)
        for item in items:
            if item.public:
                continue
            if item.roles and not (item.roles & roles) and not user.is_superuser:
                continue
            if link := _link(item):
                officer.append(link)
    return {"nav_public": public, "nav_officer": officer}
