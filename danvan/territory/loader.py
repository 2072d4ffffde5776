"""Load the administrative units from ``vietnam-provinces`` into the database.

The loader runs at every ``make run``, so it must be cheap when nothing changed: it records
the package's data version in ``DataLoad`` and skips when the latest load has the same one.
When it does run, it upserts with bulk operations (a handful of queries per table, not one per
row) and never touches the attributes administrators edit (remoteness, population,
households): it only writes ``name``, ``kind``, ``codename`` and the parent link. The writes
themselves are services (``danvan.territory.services.territory_*``); this module reads the
package and decides what to write.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from danvan.territory.models import (
    DataLoad,
    LegacyDistrict,
    LegacyProvince,
    LegacyUnit,
    Province,
    Unit,
    UnitKind,
)
from danvan.territory.services import (
    territory_load_record,
    territory_reference_upsert,
    territory_successions_sync,
)

SOURCE = "vietnam-provinces"

_KINDS = {"xã": UnitKind.XA, "phường": UnitKind.PHUONG, "đặc khu": UnitKind.DAC_KHU}


@dataclass
class LoadResult:
    skipped: bool
    data_version: str
    package_version: str
    counts: dict[str, int] = field(default_factory=dict)
    changes: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return sum(v for table in self.changes.values() for v in table.values())


def package_versions() -> tuple[str, str]:
    """(package version, data version) without importing the large lookup tables."""
    import vietnam_provinces as vp

    return vp.__version__, vp.__data_version__


def up_to_date_load() -> DataLoad | None:
    """The latest load if it has the installed package's data and its rows are still there."""
    package_version, data_version = package_versions()
    last = DataLoad.objects.filter(source=SOURCE).order_by("-loaded_at", "-id").first()
    if last is None or last.data_version != data_version:
        return None
    if last.package_version != package_version:
        return None
    # A database restored without the territory tables' rows must load again even if the
    # DataLoad row survived; counting one table is cheap.
    expected = (last.counts or {}).get("legacy_units")
    if expected is None or LegacyUnit.objects.count() != expected:
        return None
    return last


def territory_load(*, force: bool = False) -> LoadResult:
    """Upsert provinces, units, legacy units and the succession links; record a DataLoad."""
    package_version, data_version = package_versions()
    if not force and (last := up_to_date_load()) is not None:
        return LoadResult(True, data_version, package_version, counts=dict(last.counts))
    with transaction.atomic():
        changes = _load_all()
        counts = _counts()
        territory_load_record(
            source=SOURCE,
            package_version=package_version,
            data_version=data_version,
            counts=counts,
        )
    return LoadResult(False, data_version, package_version, counts=counts, changes=changes)


def _counts() -> dict[str, int]:
    return {
        "provinces": Province.objects.count(),
        "units": Unit.objects.count(),
        "legacy_provinces": LegacyProvince.objects.count(),
        "legacy_districts": LegacyDistrict.objects.count(),
        "legacy_units": LegacyUnit.objects.count(),
        "successions": LegacyUnit.successors.through.objects.count(),
    }


def _code(value: Any, width: int) -> str:
    return str(int(value)).zfill(width)


def _load_all() -> dict[str, dict[str, int]]:
    from vietnam_provinces import Province as NewProvince
    from vietnam_provinces import Ward as NewWard
    from vietnam_provinces import legacy

    changes: dict[str, dict[str, int]] = {}
    new_provinces = list(NewProvince.iter_all())
    province_ids, changes["provinces"] = territory_reference_upsert(
        Province,
        {
            _code(p.code, 2): {
                "name": p.name,
                "division_type": str(p.division_type),
                "codename": p.codename,
            }
            for p in new_provinces
        },
        ["name", "division_type", "codename"],
    )

    wards = list(NewWard.iter_all())
    unit_ids, changes["units"] = territory_reference_upsert(
        Unit,
        {
            _code(w.code, 5): {
                "name": w.name,
                "kind": _KINDS[str(w.division_type)],
                "codename": w.codename,
                "province_id": province_ids[_code(w.province_code, 2)],
            }
            for w in wards
        },
        ["name", "kind", "codename", "province_id"],
    )

    # Succession: new ward -> the old wards it took in. Computed before the legacy provinces
    # so that each old province's successor is the new province that took most of its wards
    # (one old province, Tiền Giang, was split between two new ones).
    links: set[tuple[str, str]] = set()
    for ward in wards:
        new_code = _code(ward.code, 5)
        for old in ward.get_legacy_sources():
            links.add((_code(old.code, 5), new_code))

    old_districts = list(legacy.District.iter_all())
    old_wards = list(legacy.Ward.iter_all())
    district_province = {_code(d.code, 3): _code(d.province_code, 2) for d in old_districts}
    ward_province = {
        _code(w.code, 5): district_province[_code(w.district_code, 3)] for w in old_wards
    }
    new_province_of_unit = {_code(w.code, 5): _code(w.province_code, 2) for w in wards}
    successor_votes: dict[str, Counter[str]] = {}
    for old_code, new_code in links:
        old_province = ward_province.get(old_code)
        if old_province is not None:
            successor_votes.setdefault(old_province, Counter())[new_province_of_unit[new_code]] += 1

    legacy_province_ids, changes["legacy_provinces"] = territory_reference_upsert(
        LegacyProvince,
        {
            _code(p.code, 2): {
                "name": p.name,
                "codename": p.codename,
                "successor_id": _successor(successor_votes.get(_code(p.code, 2)), province_ids),
            }
            for p in legacy.Province.iter_all()
        },
        ["name", "codename", "successor_id"],
    )
    district_ids, changes["legacy_districts"] = territory_reference_upsert(
        LegacyDistrict,
        {
            _code(d.code, 3): {
                "name": d.name,
                "codename": d.codename,
                "province_id": legacy_province_ids[_code(d.province_code, 2)],
            }
            for d in old_districts
        },
        ["name", "codename", "province_id"],
    )
    legacy_unit_ids, changes["legacy_units"] = territory_reference_upsert(
        LegacyUnit,
        {
            _code(w.code, 5): {
                "name": w.name,
                "kind": str(w.division_type),
                "codename": w.codename,
                "district_id": district_ids[_code(w.district_code, 3)],
                "province_id": legacy_province_ids[ward_province[_code(w.code, 5)]],
            }
            for w in old_wards
        },
        ["name", "kind", "codename", "district_id", "province_id"],
    )
    changes["successions"] = territory_successions_sync(
        (legacy_unit_ids[old], unit_ids[new]) for old, new in links if old in legacy_unit_ids
    )
    return changes


def _successor(votes: Counter[str] | None, province_ids: dict[str, int]) -> int | None:
    if not votes:
        return None
    code, _count = votes.most_common(1)[0]
    return province_ids.get(code)
