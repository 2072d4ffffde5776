"""Public pages and the officer's home."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import cache_control

from danvan.accounts.access import roles_for, units_for_user
from danvan.core.registry import registries
from danvan.territory.selectors import units_find
from danvan.territory.visitor import visitor_province


def home(request: HttpRequest) -> HttpResponse:
    """The home page; its search also finds a commune by its pre-2025 name or district."""
    query = request.GET.get("q", "").strip()[:100]
    matches = units_find(query, province_code=visitor_province(request)) if query else []
    pages = sorted(registries.public_pages, key=lambda p: (p.order, p.key))
    return render(
        request,
        "portal/home.html",
        {"query": query, "matches": matches, "units": matches, "public_pages": pages},
    )


@login_required
def officer_home(request: HttpRequest) -> HttpResponse:
    """The cards the officer's roles call for, each rendered with what its ``render`` gives
    (the card decides its own queries; the page adds none per card beyond them)."""
    user = request.user
    roles = roles_for(user)
    units = units_for_user(user)
    cards = [
        render_to_string(
            card.template, {"card": card, **card.render(request, units)}, request=request
        )
        for card in sorted(registries.dashboard_cards, key=lambda c: (c.order, c.key))
        if not card.roles or card.roles & roles or user.is_superuser
    ]
    return render(request, "portal/officer_home.html", {"cards": cards})


@cache_control(max_age=86400, public=True)
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where researchers report a vulnerability (see SECURITY.md). Made on request,
    so "Expires" always lies within the year the RFC allows."""
    contacts = [c for c in settings.DANVAN_SECURITY_CONTACTS if c]
    if not contacts:
        raise Http404
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [f"Contact: {c}" for c in contacts]
    lines += [
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: vi, en",
        f"Canonical: {settings.SITE_ROOT}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
