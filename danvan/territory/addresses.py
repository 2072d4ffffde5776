"""Addresses written with the units before 1 July 2025, recognised offline.

A sender often still writes "phường Phùng Chí Kiên, thành phố Bắc Kạn, tỉnh Bắc Kạn". The
``vietnam-address-converter`` package parses such free text and names the ward and province
that took the old ward in; its codes are its own (Phường Bắc Kạn is 20777 there, 01843 for
the GSO), so the answer is joined to our units on names: the ward's full name and the
province's name, both compared without diacritics.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from danvan.territory.models import Unit
from danvan.territory.selectors import strip_diacritics

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OldAddress:
    """What an address written with old units turned out to mean today."""

    unit: Unit
    old_ward: str  # "Phường Phùng Chí Kiên"
    old_district: str  # "Thành Phố Bắc Kạn"
    old_province: str  # "Tỉnh Bắc Kạn"
    new_text: str  # the address rewritten with today's units


def _fold(name: str) -> str:
    return " ".join(strip_diacritics(name or "").split())


def _province_data(province_name: str) -> dict[str, Any]:
    """The package's bundled tables cut down to the old units that went into one province.

    The whole country takes the package about a minute to index (10,358 rows, each name in
    many spellings) on a small server; one province (~300 rows) takes about a second. A
    deployment serves one province, where its senders live. The row-number indexes are
    renumbered to the kept rows.
    """
    from vietnam_address_converter.data import DEFAULT_DATA as data

    wanted = _fold(province_name)
    for prefix in ("tinh ", "thanh pho "):
        wanted = wanted.removeprefix(prefix)
    mapping = data["mapping"]
    keep = [
        i for i, row in enumerate(mapping["rows"]) if row["keys"]["new_province_name"] == wanted
    ]
    position = {old: new for new, old in enumerate(keep)}
    rows = [mapping["rows"][i] for i in keep]
    indexes = {}
    for name, index in mapping["indexes"].items():
        renumbered = {k: [position[i] for i in v if i in position] for k, v in index.items()}
        indexes[name] = {k: v for k, v in renumbered.items() if v}

    def codes(era: str, level: str) -> set[str]:
        return {row[era][f"{level}_code"] for row in rows}

    return {
        "mapping": {**mapping, "rows": rows, "indexes": indexes},
        "oldProvinces": _only(data["oldProvinces"], codes("old", "province")),
        "oldDistricts": _only(data["oldDistricts"], codes("old", "district")),
        "oldWards": _only(data["oldWards"], codes("old", "ward")),
        "newProvinces": _only(data["newProvinces"], codes("new", "province")),
        "newWards": _only(data["newWards"], codes("new", "ward")),
    }


def _only(table: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {k: v for k, v in table.items() if k in keys}


@lru_cache(maxsize=4)
def _converter(province_name: str) -> Any:
    # Built once per process and province from the package's bundled data (no download).
    from vietnam_address_converter import VietnamAdministrativeAddressConverter

    return VietnamAdministrativeAddressConverter(_province_data(province_name))


def _home_province_name() -> str:
    from django.conf import settings

    from danvan.territory.models import Province

    code = str(getattr(settings, "DANVAN_HOME_PROVINCE", "") or "")
    return Province.objects.filter(code=code).values_list("name", flat=True).first() or ""


def _province_matches(ours: str, theirs: str) -> bool:
    # Ours are "Tỉnh Thái Nguyên" / "Thành phố Hà Nội", theirs "Thái Nguyên".
    ours, theirs = _fold(ours), _fold(theirs)
    return bool(theirs) and (ours == theirs or ours.endswith(" " + theirs))


def recognise_old_address(text: str, *, province_name: str = "") -> OldAddress | None:
    """The current unit an address written with pre-2025 units lies in, else None.

    Only old units that went into ``province_name`` (by default the deployment's province,
    ``DANVAN_HOME_PROVINCE``) are recognised. None too when the address is already in the new
    form, when the package is unsure, or when its ward does not join to exactly one unit.
    """
    text = (text or "").strip()
    if len(text) < 5:
        return None
    province_name = province_name or _home_province_name()
    if not province_name:
        return None
    try:
        result = _converter(province_name).auto_convert_address(text)
    except Exception:  # a third-party parser must never break a citizen's form
        logger.warning("address converter failed", exc_info=True)
        return None
    if result.get("input_type") != "old":
        return None
    conversion = result.get("converted_new") or {}
    detail = (result.get("conversion") or {}) if isinstance(result.get("conversion"), dict) else {}
    if detail.get("status") != "matched":
        return None
    ward, province = conversion.get("ward") or {}, conversion.get("province") or {}
    ward_name = ward.get("name_with_type") or ""
    if not ward_name:
        return None
    candidates = [
        u
        for u in Unit.objects.select_related("province").filter(name__iexact=ward_name)
        if _province_matches(u.province.name, province.get("name") or "")
    ]
    if len(candidates) != 1:
        return None
    parsed = result.get("parsed") or {}
    return OldAddress(
        unit=candidates[0],
        old_ward=parsed.get("ward_name") or "",
        old_district=parsed.get("district_name") or "",
        old_province=parsed.get("province_name") or "",
        new_text=result.get("normalized_text") or "",
    )
