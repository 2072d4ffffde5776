"""Writes of territory: the attributes administrators edit on a unit, and villages.

The reference data comes from ``loader.py`` through the ``territory_*`` bulk services at the
end; everything else here is an administrator's act and is audited. Permission checks belong to the caller (views import accounts lazily);
services check the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from danvan.core.services import audit_record
from danvan.core.types import Actor
from danvan.territory.models import DataLoad, LegacyUnit, Unit, Village, VillageKind

MAX_COUNT = 10_000_000


def _check_count(value: int | None, label: str) -> None:
    if value is not None and not (0 <= value <= MAX_COUNT):
        raise ValidationError(
            _("%(label)s phải là số nguyên từ 0 đến 10.000.000.") % {"label": label}
        )


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Tên thôn, tổ dân phố không được để trống."))
    if len(name) > 120:
        raise ValidationError(_("Tên thôn, tổ dân phố dài quá 120 ký tự."))
    return name


def _check_unique(unit: Unit, name: str, *, exclude_id: int | None = None) -> None:
    """Names are compared case-insensitively: 'Thôn Nà Pài' and 'thôn nà pài' are one."""
    others = Village.objects.filter(unit=unit)
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    names = others.values_list("name", flat=True)
    if any(other.casefold() == name.casefold() for other in names):
        raise ValidationError(
            _("%(unit)s đã có thôn, tổ dân phố tên “%(name)s”.") % {"unit": unit.name, "name": name}
        )


def unit_update_attributes(
    *,
    actor: Actor,
    unit: Unit,
    is_remote: bool,
    is_especially_difficult: bool,
    population: int | None,
    households: int | None,
) -> Unit:
    """Set the attributes no package provides; the legal clock reads ``is_remote``."""
    _check_count(population, _("Dân số"))
    _check_count(households, _("Số hộ"))
    new = {
        "is_remote": is_remote,
        "is_especially_difficult": is_especially_difficult,
        "population": population,
        "households": households,
    }
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        before = {field: getattr(unit, field) for field in new}
        for field, value in new.items():
            setattr(unit, field, value)
        unit.save(update_fields=[*new, "updated_at"])
        audit_record(
            actor=actor,
            action="territory.unit.update",
            obj=unit,
            unit_code=unit.code,
            detail={"before": before, "after": new},
        )
    return unit


def village_create(
    *,
    actor: Actor,
    unit: Unit,
    name: str,
    kind: str = VillageKind.THON,
    households: int | None = None,
    population: int | None = None,
) -> Village:
    name = _clean_name(name)
    if kind not in VillageKind.values:
        raise ValidationError(_("Loại thôn, tổ dân phố không hợp lệ."))
    _check_count(households, _("Số hộ"))
    _check_count(population, _("Dân số"))
    with transaction.atomic():
        _check_unique(unit, name)
        village = Village.objects.create(
            unit=unit, name=name, kind=kind, households=households, population=population
        )
        audit_record(
            actor=actor,
            action="territory.village.create",
            obj=village,
            unit_code=unit.code,
            detail={"name": name, "kind": kind, "households": households},
        )
    return village


def village_update(
    *,
    actor: Actor,
    village: Village,
    name: str,
    kind: str,
    households: int | None,
    population: int | None,
) -> Village:
    name = _clean_name(name)
    if kind not in VillageKind.values:
        raise ValidationError(_("Loại thôn, tổ dân phố không hợp lệ."))
    _check_count(households, _("Số hộ"))
    _check_count(population, _("Dân số"))
    with transaction.atomic():
        _check_unique(village.unit, name, exclude_id=village.pk)
        before = {
            "name": village.name,
            "kind": village.kind,
            "households": village.households,
            "population": village.population,
        }
        village.name, village.kind = name, kind
        village.households, village.population = households, population
        village.save()
        audit_record(
            actor=actor,
            action="territory.village.update",
            obj=village,
            unit_code=village.unit.code,
            detail={"before": before},
        )
    return village


def village_delete(*, actor: Actor, village: Village) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="territory.village.delete",
            obj=village,
            unit_code=village.unit.code,
            detail={"name": village.name, "households": village.households},
        )
        village.delete()


# --------------------------------------------------------------------------- reference data
# Written by ``danvan.territory.loader`` from the ``vietnam-provinces`` package. Not audited
# one by one: a load is recorded as a whole by :func:`territory_load_record`. Positional
# arguments, unlike the other services: they are the loader's bulk primitives.


def territory_load_record(
    *, source: str, package_version: str, data_version: str, counts: dict[str, int]
) -> DataLoad:
    """Remember that the reference data of ``source`` at ``data_version`` is loaded."""
    return DataLoad.objects.create(
        source=source, package_version=package_version, data_version=data_version, counts=counts
    )


def territory_reference_upsert(
    model: type[models.Model], rows: dict[str, dict[str, Any]], fields: list[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Create missing rows and update changed ``fields`` of existing ones, keyed by code.

    Returns ({code: pk}, {"created": n, "updated": n}). Only the listed fields are compared
    and written, which is what keeps administrator-edited columns untouched.
    """
    existing = {obj.code: obj for obj in model.objects.only("id", "code", *fields)}  # type: ignore[attr-defined]
    to_create = []
    to_update = []
    for code, values in rows.items():
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, **values))
            continue
        if any(getattr(obj, name) != values[name] for name in fields):
            for name in fields:
                setattr(obj, name, values[name])
            to_update.append(obj)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=1000)  # type: ignore[attr-defined]
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)  # type: ignore[attr-defined]
    ids = dict(model.objects.values_list("code", "id"))  # type: ignore[attr-defined]
    return ids, {"created": len(to_create), "updated": len(to_update)}


def territory_successions_sync(pairs: Iterable[tuple[int, int]]) -> dict[str, int]:
    """Make the successors M2M equal to ``pairs`` (legacy unit id, unit id)."""
    through = LegacyUnit.successors.through
    wanted = set(pairs)
    existing = {
        (row[1], row[2]): row[0]
        for row in through.objects.values_list("id", "legacyunit_id", "unit_id")
    }
    missing = [through(legacyunit_id=old, unit_id=new) for old, new in wanted - existing.keys()]
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    if missing:
        through.objects.bulk_create(missing, batch_size=1000)
    if stale:
        for start in range(0, len(stale), 500):
            through.objects.filter(id__in=stale[start : start + 500]).delete()
    return {"created": len(missing), "deleted": len(stale)}


def villages_bulk_create(*, rows: list[Village], actor: Actor, filename: str) -> dict[str, int]:
    """Create the villages of a checked import file in one transaction, one audit entry per
    unit; returns ``{unit code: villages created}``. ``IntegrityError`` when a name was
    taken meanwhile (the caller reports it)."""
    by_unit: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        Village.objects.bulk_create(rows, batch_size=500)
        units = {v.unit.code: v.unit for v in rows}
        for v in rows:
            by_unit[v.unit.code] += 1
        for code, count in by_unit.items():
            audit_record(
                actor=actor,
                action="territory.village.import",
                obj=units[code],
                unit_code=code,
                detail={"file": filename[:200], "created": count},
            )
    return dict(by_unit)


from danvan.territory.village_import import (  # noqa: E402  (re-exported service)
    VillageImportError,
    VillageImportResult,
    villages_import,
)

__all__ = [
    "VillageImportError",
    "VillageImportResult",
    "unit_update_attributes",
    "village_create",
    "village_delete",
    "village_update",
    "villages_import",
]
