"""Writes of territory: the attributes administrators edit on a unit, and villages.

The loader (``loader.py``) writes the reference data; everything here is an administrator's
act and is audited. Permission checks belong to the caller (views import accounts lazily);
services check the data.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from danvan.core.services import audit_record
from danvan.territory.models import Unit, Village, VillageKind

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
    others = Village.objects.filter(unit=unit).exclude(pk=exclude_id).values_list("name", flat=True)
    if any(other.casefold() == name.casefold() for other in others):
        raise ValidationError(
            _("%(unit)s đã có thôn, tổ dân phố tên “%(name)s”.") % {"unit": unit.name, "name": name}
        )


def unit_update_attributes(
    *,
    actor: Any,
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
    actor: Any,
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
    actor: Any,
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


def village_delete(*, actor: Any, village: Village) -> None:
    """Delete a village; refused (ValidationError) while records of other apps keep it
    (a residents' vote, a board member...): their history must not vanish with it."""
    try:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="territory.village.delete",
                obj=village,
                unit_code=village.unit.code,
                detail={"name": village.name, "households": village.households},
            )
            village.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("Không xóa được %(name)s: thôn đã có dữ liệu (biểu quyết, thành viên ban...).")
            % {"name": village.name}
        ) from exc


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
