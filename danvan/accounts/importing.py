"""Bulk import of officers from an XLSX (or CSV) sheet: read, check every row, then write.

One row per membership; an officer holding several roles appears on several rows. Nothing is
written unless every row is valid, and every bad row is reported with its line, so the
administrator fixes the sheet once rather than once per error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.accounts.roles import PROVINCE_ROLES, Role
from danvan.accounts.services import (
    ImportResult,
    OfficerRow,
    check_email,
    check_username,
    normalize_username,
    officers_import,
    parse_organisation,
)
from danvan.core.types import Actor
from danvan.territory.models import Province, Unit
from danvan.territory.tabular import Row, TabularError, read_rows

# Header aliases after normalisation (lower case, no diacritics): Vietnamese first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "username": ("ten_dang_nhap", "username"),
    "full_name": ("ho_ten", "ho_va_ten", "full_name"),
    "email": ("email", "thu_dien_tu"),
    "phone": ("dien_thoai", "so_dien_thoai", "phone"),
    "unit_code": ("ma_don_vi", "unit_code"),
    "role": ("vai_tro", "role"),
    # Optional: only for role ``front`` (front, farmers, women, youth, veterans).
    "organisation": ("to_chuc", "organisation"),
}
REQUIRED = ("username", "unit_code", "role")


@dataclass(frozen=True)
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        if self.line == 0:
            return self.message
        return _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class OfficersImportError(Exception):
    """The file cannot be imported; ``errors`` lists every problem (line 0 = the whole file)."""

    def __init__(self, errors: list[LineError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _pick(values: dict[str, str], key: str) -> str:
    for alias in COLUMNS[key]:
        if alias in values:
            return values[alias].strip()
    return ""


def _check_headers(rows: list[Row]) -> None:
    present = set(rows[0].values) if rows else set()
    missing = [COLUMNS[key][0] for key in REQUIRED if not any(a in present for a in COLUMNS[key])]
    if missing:
        raise OfficersImportError(
            [
                LineError(
                    1,
                    _("thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)},
                )
            ]
        )


def _places(rows: list[Row]) -> tuple[dict[str, Unit], dict[str, Province]]:
    # Two queries for the whole file, whatever its length.
    codes = {_pick(r.values, "unit_code") for r in rows}
    digits = {c for c in codes if c.isdigit()}
    units = {u.code: u for u in Unit.objects.filter(code__in={c.zfill(5) for c in digits})}
    provinces = {
        p.code: p
        for p in Province.objects.filter(code__in={c.zfill(2) for c in digits if len(c) <= 2})
    }
    return units, provinces


def _row(
    row: Row, units: dict[str, Unit], provinces: dict[str, Province]
) -> tuple[OfficerRow | None, list[str]]:
    problems: list[str] = []
    v = row.values
    username = normalize_username(_pick(v, "username"))
    full_name, email = _pick(v, "full_name"), _pick(v, "email")
    phone, code, role_code = _pick(v, "phone"), _pick(v, "unit_code"), _pick(v, "role")
    if not username:
        problems.append(_("thiếu tên đăng nhập."))
    else:
        try:
            check_username(username)
        except ValidationError as exc:
            problems.extend(exc.messages)
    try:
        check_email(email)
    except ValidationError as exc:
        problems.extend(exc.messages)
    role: Role | None = None
    try:
        role = Role((role_code or "").lower())
    except ValueError:
        problems.append(
            _("vai trò “%(code)s” không tồn tại (các vai trò: %(codes)s).")
            % {"code": role_code, "codes": ", ".join(Role.values)}
        )
    organisation = ""
    if role is not None:
        try:
            organisation = parse_organisation(_pick(v, "organisation"), role)
        except ValidationError as exc:
            problems.extend(exc.messages)
    unit = province = None
    if not code:
        problems.append(_("thiếu mã đơn vị."))
    elif role is not None and role in PROVINCE_ROLES:
        province = provinces.get(code.zfill(2)) if code.isdigit() and len(code) <= 2 else None
        if province is None:
            problems.append(
                _("vai trò “%(role)s” cần mã tỉnh (2 chữ số); “%(code)s” không phải mã tỉnh.")
                % {"role": role.value, "code": code}
            )
    elif role is not None:
        unit = units.get(code.zfill(5)) if code.isdigit() and len(code) <= 5 else None
        if unit is None:
            problems.append(_("không có đơn vị cấp xã mang mã “%(code)s”.") % {"code": code})
    if problems or role is None:
        return None, problems
    return (
        OfficerRow(row.line, username, full_name, email, phone, role, unit, province, organisation),
        [],
    )


def _outside(parsed: OfficerRow, allowed_unit_ids: set[int] | None) -> str | None:
    if allowed_unit_ids is None:
        return None
    if parsed.unit is None or parsed.unit.pk not in allowed_unit_ids:
        code = parsed.unit.code if parsed.unit else parsed.province.code  # type: ignore[union-attr]
        return _("bạn không quản trị đơn vị “%(code)s”.") % {"code": code}
    return None


def officers_check(
    rows: list[Row], *, allowed_unit_ids: set[int] | None = None
) -> list[OfficerRow]:
    """Validate every row; raise ``OfficersImportError`` listing all problems by line.

    ``allowed_unit_ids`` limits the rows to those units (an administrator of a commune
    importing its own officers); None allows every unit and province (the command line).
    """
    _check_headers(rows)
    units, provinces = _places(rows)
    errors: list[LineError] = []
    good: list[OfficerRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    names: dict[str, tuple[str, int]] = {}
    for row in rows:
        parsed, problems = _row(row, units, provinces)
        errors.extend(LineError(row.line, p) for p in problems)
        if parsed is None:
            continue
        if outside := _outside(parsed, allowed_unit_ids):
            errors.append(LineError(row.line, outside))
            continue
        place = parsed.unit.code if parsed.unit else f"P{parsed.province.code}"  # type: ignore[union-attr]
        key = (parsed.username, parsed.role.value, place)
        if key in seen:
            errors.append(LineError(row.line, _("trùng với dòng %(line)s.") % {"line": seen[key]}))
            continue
        seen[key] = row.line
        if parsed.full_name:
            first = names.setdefault(parsed.username, (parsed.full_name, row.line))
            if first[0] != parsed.full_name:
                errors.append(
                    LineError(
                        row.line,
                        _(
                            "tên đăng nhập “%(user)s” mang họ tên “%(name)s” khác với dòng %(line)s (“%(other)s”)."
                        )
                        % {
                            "user": parsed.username,
                            "name": parsed.full_name,
                            "line": first[1],
                            "other": first[0],
                        },
                    )
                )
                continue
        good.append(parsed)
    if not rows:
        errors.append(LineError(1, _("tệp không có dòng dữ liệu nào.")))
    if errors:
        raise OfficersImportError(sorted(errors, key=lambda e: e.line))
    return good


def officers_import_file(
    file: IO[bytes] | Any,
    filename: str,
    *,
    actor: Actor = None,
    allowed_unit_ids: set[int] | None = None,
) -> ImportResult:
    """Read, check and import a sheet; ``OfficersImportError`` if anything is wrong."""
    try:
        rows = read_rows(file, filename)
    except TabularError as exc:
        raise OfficersImportError([LineError(0, exc.message)]) from exc
    checked = officers_check(rows, allowed_unit_ids=allowed_unit_ids)
    # Only an unrestricted import (command line, superuser) may change existing accounts.
    return officers_import(rows=checked, actor=actor, update_existing=allowed_unit_ids is None)
