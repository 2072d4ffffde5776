"""Starting a survey from a built-in instrument (danvan/surveys/instruments)."""

from __future__ import annotations

from danvan.core.types import Actor
from danvan.surveys.instruments.build import INSTRUMENTS, instrument_bytes
from danvan.surveys.services.forms import ImportResult, form_import
from danvan.territory.models import Province, Unit


def instrument_form_id(key: str, year: int, place_code: str) -> str:
    return f"danvan_{key}_{place_code}_{year}"


def instrument_survey_create(
    *,
    actor: Actor,
    key: str,
    year: int,
    unit: Unit | None = None,
    province: Province | None = None,
) -> ImportResult:
    """A survey of ``unit`` (or ``province``) for ``year`` with the instrument ``key``,
    through the same import as an uploaded form (so the instrument is checked like any)."""
    if key not in INSTRUMENTS:
        raise ValueError(key)
    code = unit.code if unit is not None else province.code  # type: ignore[union-attr]
    data = instrument_bytes(
        key, form_id=instrument_form_id(key, year, code), title_suffix=f"— {year}"
    )
    return form_import(actor=actor, data=data, filename=f"{key}.xlsx", unit=unit, province=province)
