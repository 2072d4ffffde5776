"""Public pages and the officer's home."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core.registry import registries
from danvan.territory.selectors import units_search


def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    units = list(units_search(query)) if query else []
    pages = sorted(registries.public_pages, key=lambda p: (p.order, p.key))
    return render(
        request, "portal/home.html", {"query": query, "units": units, "public_pages": pages}
    )


@login_required
def officer_home(request: HttpRequest) -> HttpResponse:
    cards = sorted(registries.dashboard_cards, key=lambda c: (c.order, c.key))
    return render(request, "portal/officer_home.html", {"cards": cards})
