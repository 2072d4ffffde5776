"""Writing an XLSForm workbook from rows: the built-in instruments' generator and the tests
use it, so the shipped files are reproducible from code (openpyxl, no template file)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any


def _sheet(book: Any, title: str, rows: Sequence[dict[str, Any]], first: bool) -> None:
    sheet = book.active if first else book.create_sheet(title)
    sheet.title = title
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column) for column in columns])


def xlsform_bytes(
    survey: Sequence[dict[str, Any]],
    choices: Sequence[dict[str, Any]] = (),
    settings: dict[str, Any] | None = None,
) -> bytes:
    """An .xlsx with the sheets ``survey``, ``choices`` and ``settings`` (columns in order of
    first appearance in the rows)."""
    import openpyxl

    book = openpyxl.Workbook()
    _sheet(book, "survey", survey, first=True)
    if choices:
        _sheet(book, "choices", choices, first=False)
    if settings:
        _sheet(book, "settings", [settings], first=False)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
