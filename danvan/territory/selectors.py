"""Reads of territory. Every function answers in a fixed number of queries (no query per row).

Current units (``Unit``) and pre-2025 units (``LegacyUnit``) are read by separate functions:
a code alone does not say which era it belongs to.
"""

from __future__ import annotations

import unicodedata

from django.db.models import Count, Prefetch, Q, QuerySet

from danvan.territory.models import (
    LegacyUnit,
    Province,
    Unit,
    UnitKind,
    Village,
)


def strip_diacritics(text: str) -> str:
    """'Thái Nguyên' -> 'thai nguyen'; 'đ' is not decomposed by NFD, so map it by hand."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower().strip()


def _name_filter(query: str) -> Q:
    """Match a name typed with or without diacritics.

    ``codename`` (from vietnam-provinces, e.g. ``xa_bach_thong``) is the diacritic-free form,
    so a citizen typing "bach thong" on a phone without a Vietnamese keyboard finds Bạch Thông.
    """
    folded = "_".join(strip_diacritics(query).split())
    condition = Q(name__icontains=query)
    if folded:
        condition |= Q(codename__icontains=folded)
    return condition


def unit_with_province(code: str) -> Unit | None:
    """The current unit ``code`` with its province, or None. For public pages and the API,
    where units are public facts; data of a unit is read through the access functions of the accounts app."""
    return Unit.objects.select_related("province").filter(code=code).first()


def only_unit() -> Unit | None:
    """The single unit of an installation serving one commune; None when there are several."""
    units = list(Unit.objects.order_by("pk")[:2])
    return units[0] if len(units) == 1 else None


def unit_names(codes: set[str] | list[str]) -> dict[str, str]:
    """``{code: name}`` of the current units ``codes``, in one query."""
    return dict(Unit.objects.filter(code__in=set(codes)).values_list("code", "name"))


def units_search(query: str, *, limit: int = 30) -> QuerySet[Unit]:
    """Commune-level units whose name or code matches ``query``, with or without diacritics."""
    query = (query or "").strip()
    units = Unit.objects.select_related("province")
    if not query:
        return units.none()
    return units.filter(_name_filter(query) | Q(code=query)).order_by("province__code", "name")[
        :limit
    ]


def provinces_with_counts() -> QuerySet[Province]:
    """The provinces with ``unit_count`` (and per-kind counts) in one query."""
    return Province.objects.annotate(
        unit_count=Count("units"),
        xa_count=Count("units", filter=Q(units__kind=UnitKind.XA)),
        phuong_count=Count("units", filter=Q(units__kind=UnitKind.PHUONG)),
        dac_khu_count=Count("units", filter=Q(units__kind=UnitKind.DAC_KHU)),
    ).order_by("code")


def province_by_code(code: str) -> Province | None:
    return provinces_with_counts().filter(code=code).first()


def province_units(province: Province, *, kind: str = "", query: str = "") -> QuerySet[Unit]:
    """Units of ``province``, optionally of one ``kind`` and matching ``query``."""
    units = Unit.objects.filter(province=province).select_related("province")
    if kind:
        units = units.filter(kind=kind)
    query = (query or "").strip()
    if query:
        units = units.filter(_name_filter(query) | Q(code=query))
    return units.annotate(village_count=Count("villages")).order_by("code")


def _legacy_units_with_parents() -> QuerySet[LegacyUnit]:
    return LegacyUnit.objects.select_related("district", "province")


def unit_by_code(code: str) -> Unit | None:
    """The current unit ``code`` with its villages and predecessors (old district, province)."""
    return (
        Unit.objects.filter(code=code)
        .select_related("province")
        .prefetch_related(
            Prefetch("predecessors", queryset=_legacy_units_with_parents().order_by("code")),
            Prefetch("villages", queryset=Village.objects.order_by("name")),
        )
        .first()
    )


def legacy_unit_by_code(code: str) -> LegacyUnit | None:
    """The pre-2025 unit ``code`` with its district, province and successors."""
    return (
        _legacy_units_with_parents()
        .filter(code=code)
        .prefetch_related(
            Prefetch(
                "successors", queryset=Unit.objects.select_related("province").order_by("code")
            )
        )
        .first()
    )


def legacy_units_search(
    query: str, *, province: Province | None = None, limit: int = 30
) -> list[LegacyUnit]:
    """Pre-2025 units by name (with or without diacritics), with where they went.

    With ``province``, only old units whose successors lie in that province.
    """
    query = (query or "").strip()
    if not query:
        return []
    units = _legacy_units_with_parents().filter(_name_filter(query) | Q(code=query))
    if province is not None:
        ids = LegacyUnit.successors.through.objects.filter(unit__province=province).values(
            "legacyunit_id"
        )
        units = units.filter(id__in=ids)
    return list(
        units.prefetch_related(
            Prefetch(
                "successors", queryset=Unit.objects.select_related("province").order_by("code")
            )
        ).order_by("province__code", "name", "code")[:limit]
    )


def village_by_id(village_id: int) -> Village | None:
    return Village.objects.select_related("unit", "unit__province").filter(pk=village_id).first()


def units_by_codes(codes: set[str]) -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.filter(code__in=codes).select_related("province")}
