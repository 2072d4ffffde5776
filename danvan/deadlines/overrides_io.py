"""Reading calendar overrides from a CSV or XLSX file (admin upload and the
``import_calendar_overrides`` command). All or nothing: every bad line is reported with its
number before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _

from danvan.deadlines import workcal
from danvan.territory.tabular import TabularError, normalize_header, read_table

_ALIASES = {
    "date": ("ngay", "date"),
    "kind": ("loai", "kind"),
    "name_vi": ("ten", "ten_ngay", "name", "name_vi"),
    "name_en": ("ten_tieng_anh", "name_en"),
    "reference": ("so_van_ban", "van_ban", "can_cu", "reference"),
}
_KINDS = {
    "day_off": "day_off",
    "nghi": "day_off",
    "ngay_nghi": "day_off",
    "working_day": "working_day",
    "lam_viec": "working_day",
    "ngay_lam_viec": "working_day",
}


@dataclass
class ParsedOverrides:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _parse_date(text: str) -> date | None:
    # A spreadsheet date cell carrying a time (typed with one, or by a formula) is read as
    # "dd/mm/yyyy HH:MM:SS": the day is what counts.
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S"):
        try:
            return datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 — a plain date
        except ValueError:
            continue
    return None


def parse_overrides(file: IO[bytes] | Any, filename: str) -> ParsedOverrides:
    out = ParsedOverrides()
    try:
        table = read_table(file, filename)
    except TabularError as exc:
        out.errors.append(exc.message)
        return out
    columns = {}
    for key, aliases in _ALIASES.items():
        columns[key] = next((h for h in table.headers if h in aliases), None)
    missing = [k for k in ("date", "kind", "name_vi", "reference") if columns[k] is None]
    if missing:
        out.errors.append(
            _("Thiếu cột: %(cols)s (cần: ngày, loại, tên, số văn bản).")
            % {"cols": ", ".join(_ALIASES[k][0] for k in missing)}
        )
        return out
    seen: dict[date, int] = {}
    for row in table.rows:
        v = {k: (row.values.get(col, "") if col else "") for k, col in columns.items()}
        problems = []
        day = _parse_date(v["date"])
        if day is None:
            problems.append(_("ngày “%(v)s” không hợp lệ (dd/mm/yyyy)") % {"v": v["date"]})
        elif not workcal.FIRST_YEAR <= day.year <= workcal.LAST_YEAR:
            problems.append(
                _("ngày %(d)s ngoài các năm %(a)s–%(b)s")
                % {"d": v["date"], "a": workcal.FIRST_YEAR, "b": workcal.LAST_YEAR}
            )
        elif day in seen:
            problems.append(_("ngày %(d)s trùng với dòng %(l)s") % {"d": v["date"], "l": seen[day]})
        kind = _KINDS.get(normalize_header(v["kind"]))
        if kind is None:
            problems.append(_("loại “%(v)s” không hợp lệ (nghỉ hoặc làm việc)") % {"v": v["kind"]})
        if not v["name_vi"].strip():
            problems.append(_("thiếu tên"))
        if not v["reference"].strip():
            problems.append(_("thiếu số văn bản"))
        if problems:
            out.errors.append(
                _("Dòng %(line)s: %(problems)s.")
                % {"line": row.line, "problems": "; ".join(problems)}
            )
            continue
        seen[day] = row.line  # type: ignore[index]
        out.rows.append(
            {
                "date": day,
                "kind": kind,
                "name_vi": v["name_vi"],
                "name_en": v["name_en"],
                "reference": v["reference"],
            }
        )
    if not out.rows and not out.errors:
        out.errors.append(_("Tệp không có dòng dữ liệu nào."))
    return out
