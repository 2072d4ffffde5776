"""Checks every row of a province's reply before any of it is stored: the reply is the
province's word about its own communes, so a row about another province's commune, a month
other than the one asked, a duplicate or a number that is not finite refuses the whole reply.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from danvan.core.boundary import strip_controls
from danvan.national.client import GatherFailure
from danvan.national.models import GatherError

KEY_MAX = 80
# Indicator keys are identifiers (``dossiers.on_time_rate``); anything else — a key starting
# with "=" would become a formula in the national page's CSV — is a broken reply.
KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:-]*$")
NAME_MAX = 100


@dataclass(frozen=True)
class CleanRow:
    unit_code: str
    unit_name: str
    key: str
    numerator: float
    denominator: float
    value: float | None
    ci_low: float | None
    ci_high: float | None


def _number(row: dict[str, Any], name: str, where: str) -> float:
    raw = row.get(name)
    # JSON booleans are ints to Python; a true numerator is a broken reply, not 1.
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise GatherFailure(GatherError.BAD_ROW, f"{where}: {name} is not a finite number")
    return float(raw)


def _optional(row: dict[str, Any], name: str, where: str) -> float | None:
    return None if row.get(name) is None else _number(row, name, where)


def _row(row: Any, index: int, period: date, units: dict[str, str], province: str) -> CleanRow:
    where = f"row {index + 1}"
    if not isinstance(row, dict):
        raise GatherFailure(GatherError.BAD_ROW, f"{where}: not an object")
    code = row.get("unit")
    if not isinstance(code, str) or code not in units:
        raise GatherFailure(
            GatherError.BAD_ROW, f"{where}: unit {code!r} is not a commune of province {province}"
        )
    if row.get("period") != f"{period:%Y-%m}":
        raise GatherFailure(GatherError.BAD_ROW, f"{where}: period {row.get('period')!r}")
    key = row.get("key")
    if not isinstance(key, str) or len(key) > KEY_MAX or not KEY.match(key):
        raise GatherFailure(GatherError.BAD_ROW, f"{where}: bad indicator key")
    name = row.get("unit_name")
    name = strip_controls(name).strip() if isinstance(name, str) else ""
    name = name[:NAME_MAX] or units[code]
    return CleanRow(
        unit_code=code,
        unit_name=name,
        key=key,
        numerator=_number(row, "numerator", where),
        denominator=_number(row, "denominator", where),
        value=_optional(row, "value", where),
        ci_low=_optional(row, "ci_low", where),
        ci_high=_optional(row, "ci_high", where),
    )


def clean_rows(
    rows: list[Any], *, province: str, period: date, units: dict[str, str]
) -> list[CleanRow]:
    """The rows as stored, or :class:`GatherFailure` at the first bad one. ``units`` maps the
    province's commune codes (from the territory tables) to their names."""
    out, seen = [], set()
    for index, row in enumerate(rows):
        clean = _row(row, index, period, units, province)
        if (clean.unit_code, clean.key) in seen:
            raise GatherFailure(
                GatherError.BAD_ROW, f"row {index + 1}: {clean.unit_code} {clean.key} twice"
            )
        seen.add((clean.unit_code, clean.key))
        out.append(clean)
    return out
