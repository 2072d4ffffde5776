"""Import villages (thôn, bản, tổ dân phố…) from an XLSX or CSV file: all or nothing.

Every row is checked before anything is written, and every bad row is reported with its line
and reason, so an administrator fixes the file once rather than row by row.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import IntegrityError
from django.utils.translation import gettext as _

from danvan.core.types import Actor
from danvan.territory.models import Unit, UnitKind, Village, VillageKind
from danvan.territory.tabular import TabularError, normalize_header, read_table

# Accepted headers (normalised by tabular.normalize_header): Vietnamese first, English too.
COLUMNS: dict[str, tuple[str, ...]] = {
    "unit_code": ("ma_xa", "unit_code", "ma_don_vi", "ma_dvhc"),
    "name": ("ten", "name", "ten_thon", "ten_thon_to_dan_pho"),
    "kind": ("loai", "kind"),
    "households": ("so_ho", "households"),
    "population": ("dan_so", "population"),
}

KINDS: dict[str, str] = {
    "thon": VillageKind.THON,
    "ban": VillageKind.BAN,
    "to_dan_pho": VillageKind.TO_DAN_PHO,
    "tdp": VillageKind.TO_DAN_PHO,
    "xom": VillageKind.XOM,
    "ap": VillageKind.AP,
    "khom": VillageKind.KHOM,
    "village": VillageKind.THON,
    "residential_group": VillageKind.TO_DAN_PHO,
}

_NUMBER = re.compile(r"^\d{1,3}([.,\s]\d{3})+$|^\d+$")
MAX_COUNT = 10_000_000


@dataclass(frozen=True)
class ImportIssue:
    line: int  # 0 when the file as a whole is unreadable
    message: str


class VillageImportError(Exception):
    def __init__(self, issues: list[ImportIssue]) -> None:
        super().__init__("; ".join(f"{i.line}: {i.message}" for i in issues))
        self.issues = issues


@dataclass
class VillageImportResult:
    created: int
    by_unit: dict[str, int] = field(default_factory=dict)


@dataclass
class _Parsed:
    line: int
    unit: Unit
    name: str
    kind: str
    households: int | None
    population: int | None


def _column(headers: list[str], key: str) -> str | None:
    return next((h for h in COLUMNS[key] if h in headers), None)


def _number(text: str) -> int | None:
    """'1.234', '1,234', '1234' -> 1234; '' -> None; anything else raises ValueError."""
    text = text.strip()
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(text)
    value = int(re.sub(r"[.,\s]", "", text))
    if value > MAX_COUNT:
        raise ValueError(text)
    return value


def _pad_code(text: str) -> str:
    # Spreadsheets drop leading zeros: 1843 is 01843.
    text = text.strip()
    return text.zfill(5) if text.isdigit() and len(text) < 5 else text


def villages_import(
    *, actor: Actor, unit: Unit | None, file: IO[bytes] | Any, filename: str
) -> VillageImportResult:
    """Create the villages listed in ``file``; raise VillageImportError listing every bad row.

    With ``unit``, rows may leave the unit code empty and rows naming another unit are
    refused; without it (the management command), each row names its unit.
    """
    try:
        table = read_table(file, filename)
    except TabularError as exc:
        raise VillageImportError([ImportIssue(0, exc.message)]) from exc
    columns = {key: _column(table.headers, key) for key in COLUMNS}
    missing = []
    if columns["name"] is None:
        missing.append("ten / name")
    if unit is None and columns["unit_code"] is None:
        missing.append("ma_xa / unit_code")
    if missing:
        raise VillageImportError(
            [
                ImportIssue(
                    1,
                    _("Dòng tiêu đề thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)},
                )
            ]
        )
    if not table.rows:
        raise VillageImportError([ImportIssue(0, _("Tệp không có dòng dữ liệu nào."))])
    parsed, issues = _check_rows(table.rows, columns, unit)
    if issues:
        raise VillageImportError(issues)
    return _write(parsed, actor=actor, filename=filename)


def _check_rows(
    rows: list[Any], columns: dict[str, str | None], unit: Unit | None
) -> tuple[list[_Parsed], list[ImportIssue]]:
    def value(row: Any, key: str) -> str:
        column = columns[key]
        return row.values.get(column, "").strip() if column else ""

    codes = {_pad_code(value(r, "unit_code")) for r in rows} - {""}
    units = {
        u.code: u for u in Unit.objects.filter(code__in=codes | ({unit.code} if unit else set()))
    }
    existing: dict[int, set[str]] = defaultdict(set)
    for unit_id, name in Village.objects.filter(unit__in=units.values()).values_list(
        "unit_id", "name"
    ):
        existing[unit_id].add(name.casefold())

    issues: list[ImportIssue] = []
    parsed: list[_Parsed] = []
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        reasons: list[str] = []
        code = _pad_code(value(row, "unit_code"))
        row_unit: Unit | None = None
        if not code:
            row_unit = unit
            if row_unit is None:
                reasons.append(_("thiếu mã xã"))
        elif code not in units:
            reasons.append(_("mã xã “%(code)s” không có trong danh mục hiện hành") % {"code": code})
        elif unit is not None and code != unit.code:
            reasons.append(
                _("mã xã “%(code)s” không phải xã đang nhập (%(unit)s)")
                % {"code": code, "unit": unit.code}
            )
        else:
            row_unit = units[code]

        name = " ".join(value(row, "name").split())
        if not name:
            reasons.append(_("tên thôn, tổ dân phố để trống"))
        elif len(name) > 120:
            reasons.append(_("tên dài quá 120 ký tự"))

        raw_kind = value(row, "kind")
        kind = KINDS.get(normalize_header(raw_kind)) if raw_kind else None
        if raw_kind and kind is None:
            reasons.append(
                _("loại “%(kind)s” không hợp lệ (Thôn, Bản, Tổ dân phố, Xóm, Ấp, Khóm)")
                % {"kind": raw_kind}
            )
        numbers: dict[str, int | None] = {}
        for key, label in (("households", _("số hộ")), ("population", _("dân số"))):
            try:
                numbers[key] = _number(value(row, key))
            except ValueError:
                reasons.append(
                    _("%(label)s “%(value)s” không phải số nguyên từ 0 đến 10.000.000")
                    % {"label": label, "value": value(row, key)}
                )

        if row_unit is not None and name:
            seen_key = (row_unit.pk, name.casefold())
            if seen_key in seen:
                reasons.append(
                    _("tên “%(name)s” trùng với dòng %(line)s")
                    % {"name": name, "line": seen[seen_key]}
                )
            elif name.casefold() in existing[row_unit.pk]:
                reasons.append(
                    _("%(unit)s đã có thôn, tổ dân phố tên “%(name)s”")
                    % {"unit": row_unit.name, "name": name}
                )
            else:
                seen[seen_key] = row.line

        if reasons:
            issues.append(ImportIssue(row.line, "; ".join(str(r) for r in reasons) + "."))
        elif row_unit is not None:
            default_kind = (
                VillageKind.TO_DAN_PHO if row_unit.kind == UnitKind.PHUONG else VillageKind.THON
            )
            parsed.append(
                _Parsed(
                    line=row.line,
                    unit=row_unit,
                    name=name,
                    kind=kind or default_kind,
                    households=numbers.get("households"),
                    population=numbers.get("population"),
                )
            )
    return parsed, issues


def _write(parsed: list[_Parsed], *, actor: Actor, filename: str) -> VillageImportResult:
    from danvan.territory.services import villages_bulk_create  # it re-exports this module

    rows = [
        Village(
            unit=p.unit,
            name=p.name,
            kind=p.kind,
            households=p.households,
            population=p.population,
        )
        for p in parsed
    ]
    try:
        by_unit = villages_bulk_create(rows=rows, actor=actor, filename=filename)
    except IntegrityError as exc:
        # Another administrator added one of these names while the file was being checked.
        raise VillageImportError(
            [ImportIssue(0, _("Một số tên vừa được người khác thêm; hãy nhập lại tệp."))]
        ) from exc
    return VillageImportResult(created=len(parsed), by_unit=by_unit)
