"""What crosses the boundary into danvan: text without control characters, integers a
database column can hold, archives that stay small once unpacked.

One function per concern, used at every entrance (forms and query strings through
``danvan.core.middleware.CleanInputMiddleware``, API and Open311 JSON through the same
middleware, spreadsheet imports through ``danvan.territory.tabular``) so no view has to
remember. Writers of XLSX, DOCX, PDF and XML still defend themselves with
:func:`printable` because rows stored before this existed may hold anything.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from django.utils.translation import gettext as _

# C0 controls except tab, LF and CR; DEL; C1 controls; lone surrogates (a JSON "\ud800"
# cannot be encoded to UTF-8); U+FFFE/U+FFFF (not characters, refused by XML parsers).
# NUL is not here: a request carrying one is refused whole (RejectNulBytesMiddleware).
_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What a writer removes from text it did not receive itself (stored before the boundary
# cleaned input, or imported): the same set plus NUL.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# The largest value of a signed 64-bit column (BigAutoField, BigIntegerField): SQLite and
# PostgreSQL both refuse anything larger with an error instead of "no such row".
DB_INT_MAX = 2**63 - 1


def strip_controls(text: str) -> str:
    """``text`` without the control characters nobody types (tab and line breaks stay)."""
    if not text:
        return text
    return _CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    return bool(text) and _CONTROLS.search(text) is not None


def strip_controls_deep(value: Any) -> Any:
    """:func:`strip_controls` over every string (keys too) of a decoded JSON value."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [strip_controls_deep(v) for v in value]
    if isinstance(value, dict):
        return {strip_controls_deep(k): strip_controls_deep(v) for k, v in value.items()}
    return value


def printable(value: Any) -> Any:
    """For writers (XLSX cells, DOCX runs, PDF, XML): a string without any character the
    format cannot hold; other values unchanged."""
    if isinstance(value, str):
        return _UNWRITABLE.sub("", value)
    return value


def formula_safe(value: Any) -> Any:
    """For a spreadsheet cell holding text typed outside (an answer, a name, a purpose): a
    text that starts like a formula (``= + - @``) gets a leading apostrophe, so a program that
    opens the file shows it and never evaluates it. Other values unchanged."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def append_row(sheet: Any, values: list[Any]) -> None:
    """``sheet.append(values)`` with every string made :func:`printable` first: openpyxl
    refuses control characters with an error that quotes the whole cell (a citizen's name,
    a denunciation's content) into the server log."""
    sheet.append([printable(v) for v in values])


def parse_int(value: Any, *, lo: int = 1, hi: int = DB_INT_MAX) -> int | None:
    """An integer typed in a URL or a form, or None when it is not one or lies outside
    ``lo``..``hi`` (by default a positive id a database column can hold)."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    # int() accepts "1_000" and thousands of digits; an id is a short run of digits.
    if not re.fullmatch(r"[+-]?[0-9]{1,20}", text):
        return None
    number = int(text)
    return number if lo <= number <= hi else None


# ---------------------------------------------------------------------------- archives
# An XLSX of 20,000 rows of a commune's data is a few MB unpacked; a bomb is gigabytes.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 1_000
MAX_RATIO = 200  # uncompressed / compressed, per member (text XML compresses ~10-20x)


class ArchiveError(Exception):
    """The archive is refused; ``message`` is translated and ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def bomb_refusal() -> str:
    return _(
        "Tệp nén quá lớn khi giải nén (có thể là tệp độc hại): hãy lưu lại tệp từ "
        "Excel/Word rồi gửi lại, hoặc chia nhỏ tệp."
    )


def check_archive(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP (XLSX, DOCX) after checking, from its directory alone and
    before inflating anything, the number of members, their total uncompressed size and each
    member's compression ratio. Returns the open archive; raises :class:`ArchiveError`.

    The sizes in the directory are the archive's own claim; :func:`read_member` holds the
    reader to it while inflating, so a lying directory is caught too.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveError(_("Tệp hỏng hoặc không phải tệp nén (.xlsx, .docx).")) from exc
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ArchiveError(bomb_refusal())
    total = 0
    for info in infos:
        total += info.file_size
        compressed = max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and info.file_size / compressed > MAX_RATIO:
            raise ArchiveError(bomb_refusal())
    if total > max_unpacked:
        raise ArchiveError(bomb_refusal())
    return archive


def read_member(archive: zipfile.ZipFile, name: str, *, limit: int = MAX_UNPACKED_BYTES) -> bytes:
    """A member's content, inflating at most ``limit`` bytes whatever the directory says."""
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise ArchiveError(bomb_refusal())
    return data
