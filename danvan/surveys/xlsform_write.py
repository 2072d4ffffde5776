"""Writing an XLSForm workbook from rows: the built-in instruments' generator and the tests
use it, so the shipped files are reproducible from code (openpyxl, no template file)."""

from __future__ import annotations

import io
import re
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
    # Fixed dates in the properties and the ZIP entries: the same rows give the same bytes,
    # so the shipped instruments are reproducible and a regenerated file shows no spurious diff.
    import datetime

    fixed = datetime.datetime(2026, 1, 1)  # noqa: DTZ001 — openpyxl writes naive times as UTC
    book.properties.created = fixed
    book.properties.modified = fixed
    out = io.BytesIO()
    book.save(out)
    return _normalised_zip(out.getvalue())


def _normalised_zip(data: bytes) -> bytes:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the time of saving, whatever it was told.
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>2026-01-01T00:00:00Z\g<2>",
                    content,
                )
            target.writestr(entry, content)
    return out.getvalue()
