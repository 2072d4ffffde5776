"""Finding a commune from what a citizen typed: its code, or part of its name."""

from __future__ import annotations

from danvan.letters.services.crypto import folded
from danvan.territory.models import Unit


def find_units(query: str, limit: int = 10) -> list[Unit]:
    query = (query or "").strip()
    if not query:
        return []
    if query.isdigit():
        return list(Unit.objects.filter(code=query.zfill(5))[:1])
    # "Xã Thử A (99001)": a choice from the list of several matches carries its code.
    if query.endswith(")") and "(" in query:
        code = query.rsplit("(", 1)[1].rstrip(")").strip()
        if code.isdigit():
            return list(Unit.objects.filter(code=code)[:1])
    matches = list(Unit.objects.filter(name__icontains=query).order_by("code")[: limit + 1])
    if not matches:
        wanted = folded(query)
        matches = [
            u
            for u in Unit.objects.only("id", "code", "name").iterator()
            if wanted in folded(u.name)
        ][: limit + 1]
    exact = [u for u in matches if folded(u.name) == folded(query)]
    return exact if len(exact) == 1 else matches[:limit]
