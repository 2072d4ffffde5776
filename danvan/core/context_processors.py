"""Context for the shell: navigation filtered by the user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from danvan.core.registry import registries


def _roles_of(request: HttpRequest) -> frozenset[str]:
    # accounts sets request.danvan_roles lazily through its middleware-free helper; core
    # cannot import accounts, so it reads the attribute the accounts app attaches.
    getter = getattr(request, "danvan_roles", None)
    if callable(getter):
        return frozenset(getter())
    return frozenset()


def _link(item: Any) -> dict[str, Any] | None:
    try:
        url = reverse(item.url_name)
    except NoReverseMatch:
        return None
    return {"key": item.key, "url": url, "label": item.label}


def shell(request: HttpRequest) -> dict[str, Any]:
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
