"""Exports of a survey's answers as CSV and XLSX: one row per counted submission, its answers
only. A repeat's rows go to their own sheet (XLSX) or file section (CSV), each carrying its
parent's key (``_parent``, the submission's instanceID) and its position (``_index``).

Respondents' names and phones are never read here: they live apart (``RespondentContact``)
and an export holds answers. Which submissions a user may export is decided by the caller
(the collection half's ``submissions_for_user``)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from danvan.core.boundary import append_row, formula_safe, printable

MAIN = "submissions"


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ""
    return formula_safe(value)  # a spreadsheet must not read an answer as a formula


def tables(
    questions: list[dict[str, Any]], submissions: Iterable[Any]
) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """``{sheet: (header, rows)}``: the main sheet, then one per repeat."""
    main_cols = [
        q["name"] for q in questions
        if not q.get("repeat") and not str(q.get("type", "")).startswith(("begin", "end", "note"))
    ]  # fmt: skip
    repeats: dict[str, list[str]] = {}
    for q in questions:
        rep = q.get("repeat")
        kind = str(q.get("type", ""))
        if rep and not kind.startswith(("begin", "end", "note")):
            repeats.setdefault(rep, []).append(q["name"])
    out: dict[str, tuple[list[str], list[list[Any]]]] = {
        MAIN: (["_key", "_unit", "_village", "_received"] + main_cols, [])
    }
    for rep, cols in repeats.items():
        out[rep] = (["_parent", "_index"] + cols, [])
    for s in submissions:
        answers = s.answers or {}
        out[MAIN][1].append(
            [s.instance_id, s.unit.code if s.unit else "", s.village.name if s.village else "",
             s.received_at.isoformat(timespec="seconds")]
            + [_cell(answers.get(c)) for c in main_cols]
        )  # fmt: skip
        for rep, cols in repeats.items():
            for i, item in enumerate(answers.get(rep) or [], start=1):
                if isinstance(item, dict):
                    out[rep][1].append([s.instance_id, i] + [_cell(item.get(c)) for c in cols])
    return out


def to_xlsx(data: dict[str, tuple[list[str], list[list[Any]]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = True
    for name, (header, rows) in data.items():
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = printable(name)[:31] or "sheet"
        append_row(sheet, header)
        for row in rows:
            append_row(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([[printable(c) for c in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode()  # BOM: spreadsheets read UTF-8 Vietnamese


def to_csv_zip(data: dict[str, tuple[list[str], list[list[Any]]]]) -> bytes:
    """One CSV per sheet in a ZIP: ``submissions.csv`` and ``<repeat>.csv`` (linked by
    ``_parent``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (header, rows) in data.items():
            archive.writestr(f"{name}.csv", to_csv(header, rows))
    return buffer.getvalue()
