"""API router of territory, mounted under /api/v1/ by danvan.api. Public reads, no auth."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from danvan.territory import selectors
from danvan.territory.models import LegacyUnit, Unit, UnitKind

router = Router(tags=["territory"])


class ProvinceOut(Schema):
    code: str
    name: str
    division_type: str
    unit_count: int


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    is_remote: bool
    population: int | None
    households: int | None


class CodeName(Schema):
    code: str
    name: str


class PredecessorOut(Schema):
    code: str
    name: str
    district: CodeName
    province: CodeName


class SuccessorOut(Schema):
    code: str
    name: str
    province: CodeName


class UnitDetailOut(Schema):
    era: Literal["current"] = "current"
    code: str
    name: str
    kind: str
    province: CodeName
    is_remote: bool
    is_especially_difficult: bool
    population: int | None
    households: int | None
    village_count: int
    predecessors: list[PredecessorOut]


class LegacyUnitOut(Schema):
    era: Literal["legacy"] = "legacy"
    code: str
    name: str
    kind: str
    district: CodeName
    province: CodeName
    successors: list[SuccessorOut]


class UnitFilters(Schema):
    kind: UnitKind | None = None
    q: str | None = None


class ErrorOut(Schema):
    code: str
    message: str


# Errors are returned as (status, body) rather than raised as danvan.core.api_errors.ApiError:
# the api app sits to the right of territory and must not be imported from here. The body
# has the same {"code", "message"} shape.
def _not_found(code: str) -> Status:
    return Status(
        404,
        {
            "code": "unit_not_found",
            "message": _("Không tìm thấy đơn vị hành chính mã %(code)s.") % {"code": code},
        },
    )


def _code_name(obj: object) -> dict[str, str]:
    return {"code": obj.code, "name": obj.name}  # type: ignore[attr-defined]


@router.get("/provinces", response=list[ProvinceOut], auth=None)
def list_provinces(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "code": p.code,
            "name": p.name,
            "division_type": p.division_type,
            "unit_count": p.unit_count,  # type: ignore[attr-defined]  # annotated by the selector
        }
        for p in selectors.provinces_with_counts()
    ]


@router.get("/provinces/{code}/units", response={200: list[UnitOut], 404: ErrorOut}, auth=None)
def list_province_units(request: HttpRequest, code: str, filters: Query[UnitFilters]) -> object:
    province = selectors.province_by_code(code)
    if province is None:
        return Status(
            404,
            {
                "code": "province_not_found",
                "message": _("Không tìm thấy tỉnh, thành phố mã %(code)s.") % {"code": code},
            },
        )
    kind = filters.kind.value if filters.kind else ""
    return Status(
        200, list(selectors.province_units(province, kind=kind, query=(filters.q or "")[:100]))
    )


def _current(unit: Unit) -> dict[str, object]:
    return {
        "era": "current",
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "province": _code_name(unit.province),
        "is_remote": unit.is_remote,
        "is_especially_difficult": unit.is_especially_difficult,
        "population": unit.population,
        "households": unit.households,
        "village_count": len(unit.villages.all()),
        "predecessors": [
            {
                "code": old.code,
                "name": old.name,
                "district": _code_name(old.district),
                "province": _code_name(old.province),
            }
            for old in unit.predecessors.all()
        ],
    }


def _legacy(legacy: LegacyUnit) -> dict[str, object]:
    return {
        "era": "legacy",
        "code": legacy.code,
        "name": legacy.name,
        "kind": legacy.kind,
        "district": _code_name(legacy.district),
        "province": _code_name(legacy.province),
        "successors": [
            {"code": s.code, "name": s.name, "province": _code_name(s.province)}
            for s in legacy.successors.all()
        ],
    }


@router.get(
    "/units/{code}", response={200: UnitDetailOut | LegacyUnitOut, 404: ErrorOut}, auth=None
)
def unit_detail(
    request: HttpRequest, code: str, era: Literal["current", "legacy"] = "current"
) -> object:
    """A commune-level unit. Codes are reused across the 2025 reform, so ``era=legacy``
    asks for the unit that carried the code before 1 July 2025."""
    if era == "legacy":
        legacy = selectors.legacy_unit_by_code(code)
        if legacy is None:
            return _not_found(code)
        return Status(200, _legacy(legacy))
    unit = selectors.unit_by_code(code)
    if unit is None:
        return _not_found(code)
    return Status(200, _current(unit))
