"""Read the rows of an uploaded XLSX or CSV file, with their line numbers.

A small helper shared by every import an administrator runs (villages here, officers in
accounts): it only reads. Checking the values is the caller's job, so that each import can
report every bad row with its line and reason before writing anything.

    table = read_table(upload, upload.name)   # raises TabularError with a message to show
    for row in table.rows:
        row.line, row.values["ten"]

Headers are normalised (lower case, no diacritics, spaces to underscores: "Tên thôn" ->
"ten_thon") so that callers match them with simple aliases.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _

from danvan.core.boundary import ArchiveError, check_archive, strip_controls

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
EXTENSIONS = (".xlsx", ".csv")


class TabularError(Exception):
    """The file as a whole cannot be read; ``message`` is translated and ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Row:
    line: int  # line (CSV) or row (XLSX) number in the file, the header being line 1
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[Row]


def normalize_header(text: str) -> str:
    text = (text or "").strip().replace("đ", "d").replace("Đ", "D")
    folded = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )
    return "_".join(folded.lower().replace("-", " ").split())


def read_rows(file: IO[bytes] | Any, filename: str) -> list[Row]:
    return read_table(file, filename).rows


def read_table(file: IO[bytes] | Any, filename: str) -> Table:
    """Read ``file`` (bytes, a binary file or a Django upload) as XLSX or CSV by extension."""
    name = (filename or "").lower().strip()
    if not name.endswith(EXTENSIONS):
        raise TabularError(
            _("Tệp “%(name)s” không đúng định dạng: chỉ nhận tệp .xlsx hoặc .csv.")
            % {"name": filename}
        )
    data = read_bytes(file)
    if not data:
        raise TabularError(_("Tệp rỗng: không có dòng tiêu đề."))
    grid = _xlsx_grid(data) if name.endswith(".xlsx") else _csv_grid(data)
    return _to_table(grid)


def read_bytes(file: IO[bytes] | Any) -> bytes:
    """The content of an upload (bytes, a binary file or a Django upload), at most
    ``MAX_BYTES``; ``TabularError`` when larger."""
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_BYTES + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise TabularError(_("Tệp quá lớn (tối đa 5 MB)."))
    return data


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() != datetime.min.time():
        # A date-and-time cell (a receipt stamped 09:30) keeps its time; a plain date cell
        # comes from openpyxl as midnight and stays a date.
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


MAX_COLUMNS = 200
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+[0-9]+:([A-Z]+)([0-9]+)\"")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def _check_xlsx(data: bytes) -> None:
    """Refuse, before openpyxl inflates anything, a workbook whose archive unpacks to more
    than ``MAX_UNPACKED_BYTES`` or whose first sheet declares more rows or columns than an
    import takes (a 400 KB bomb once drove the village import to 1.8 GB of memory)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TabularError(_("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."))
    try:
        archive = check_archive(data)
    except ArchiveError as exc:
        raise TabularError(exc.message) from exc
    sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    if not sheets:
        return  # openpyxl says what is wrong with it
    try:
        with archive.open(sheets[0]) as member:
            head = member.read(4096)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return
    found = _DIMENSION.search(head)
    if found and (
        int(found.group(2)) > MAX_ROWS + 1 or _column_number(found.group(1).decode()) > MAX_COLUMNS
    ):
        raise TabularError(too_many_rows())


def too_many_rows() -> str:
    return _("Tệp có quá nhiều dòng hoặc cột (tối đa 20.000 dòng, 200 cột).")


def _xlsx_grid(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    _check_xlsx(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, Exception) as exc:  # openpyxl raises many kinds on bad files
        raise TabularError(
            _("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        grid = []
        # max_col: a sheet that lies about its size is still read no wider than an import.
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        for number, values in enumerate(rows, start=1):
            grid.append((number, [_cell(v) for v in values]))
            if number > MAX_ROWS + 1:
                raise TabularError(too_many_rows())
        return grid
    except TabularError:
        raise
    except Exception as exc:
        raise TabularError(
            _("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.")
        ) from exc
    finally:
        workbook.close()


def _csv_grid(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")  # Excel writes a BOM; other tools do not
    except UnicodeDecodeError as exc:
        raise TabularError(
            _("Tệp CSV không đọc được: hãy lưu tệp với bảng mã UTF-8 (CSV UTF-8).")
        ) from exc
    if "\x00" in text:
        raise TabularError(_("Tệp CSV không đọc được: tệp chứa dữ liệu nhị phân."))
    first_line = text.split("\n", 1)[0]
    # Spreadsheet software in Vietnamese locales often writes ';' as the separator.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid = []
    try:
        start = 1
        for values in reader:
            grid.append((start, [strip_controls(v).strip() for v in values[:MAX_COLUMNS]]))
            start = reader.line_num + 1
            if len(grid) > MAX_ROWS + 1:
                raise TabularError(too_many_rows())
    except csv.Error as exc:
        raise TabularError(
            _("Tệp CSV không đọc được ở dòng %(line)s: %(reason)s")
            % {"line": reader.line_num, "reason": exc}
        ) from exc
    return grid


def _to_table(grid: list[tuple[int, list[str]]]) -> Table:
    grid = [(line, values) for line, values in grid if any(v.strip() for v in values)]
    if not grid:
        raise TabularError(_("Tệp rỗng: không có dòng tiêu đề."))
    header_line, raw_headers = grid[0]
    headers = [normalize_header(h) for h in raw_headers]
    seen: set[str] = set()
    for header in headers:
        if header and header in seen:
            raise TabularError(
                _("Dòng tiêu đề (dòng %(line)s) có cột “%(name)s” lặp lại.")
                % {"line": header_line, "name": header}
            )
        seen.add(header)
    rows = []
    for line, values in grid[1:]:
        padded = values + [""] * (len(headers) - len(values))
        rows.append(
            Row(line=line, values={h: padded[i].strip() for i, h in enumerate(headers) if h})
        )
    return Table(headers=[h for h in headers if h], rows=rows)
