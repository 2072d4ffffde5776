"""Reads of territory."""

from __future__ import annotations

import unicodedata

from django.db.models import Q, QuerySet

from danvan.territory.models import Unit


def strip_diacritics(text: str) -> str:
    """'Thái Nguyên' -> 'thai nguyen'; 'đ' is not decomposed by NFD, so map it by hand."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower().strip()


def units_search(query: str, *, limit: int = 30) -> QuerySet[Unit]:
    """Commune-level units whose name or code matches ``query``, with or without diacritics.

    ``codename`` (from vietnam-provinces, e.g. ``xa_bach_thong``) is the diacritic-free form,
    so a citizen typing "bach thong" on a phone without a Vietnamese keyboard finds Bạch Thông.
    """
    query = (query or "").strip()
    units = Unit.objects.select_related("province")
    if not query:
        return units.none()
    folded = strip_diacritics(query).replace(" ", "_")
    return units.filter(
        Q(name__icontains=query) | Q(codename__icontains=folded) | Q(code=query)
    ).order_by("province__code", "name")[:limit]
