"""Recognise an uploaded file by its content: its name, its declared type and its first bytes
can all lie (a PNG renamed ``.pdf`` once passed as a PDF).

A file is accepted as a kind only when its extension names that kind *and* its content parses
as that kind: an image opens and verifies with Pillow, a PDF has its header and its end
marker, a DOCX is a ZIP (checked against decompression bombs) holding a Word document.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from danvan.core.boundary import ArchiveError, check_archive

EXTENSIONS = {
    ".pdf": "pdf",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".docx": "docx",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MAX_PIXELS = 60_000_000  # a 5 MB image claiming more pixels than this is a pixel bomb


def kind_of_name(name: str) -> str | None:
    lowered = (name or "").lower().strip()
    return next((kind for ext, kind in EXTENSIONS.items() if lowered.endswith(ext)), None)


def content_kind(data: bytes) -> str | None:
    """What ``data`` really is, among the kinds above, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf" if b"%%EOF" in data[-2048:] else None
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return _image_kind(data)
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = check_archive(data)
        except ArchiveError:
            return None
        names = set(archive.namelist())
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
    return None


def _image_kind(data: bytes) -> str | None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = (image.format or "").lower()
                width, height = image.size
                image.verify()  # walks the chunks/segments without decoding the pixels
    except Exception:  # noqa: BLE001 — Pillow raises many kinds on a broken file
        return None
    if width * height > MAX_PIXELS:
        return None
    return kind if kind in ("png", "jpeg") else None


def recognise_upload(upload: Any, *, allowed: tuple[str, ...]) -> str | None:
    """The content type of ``upload`` when its name and its content agree on one of the
    ``allowed`` kinds; None otherwise. Reads the whole upload (callers cap its size)."""
    expected = kind_of_name(getattr(upload, "name", ""))
    if expected is None or expected not in allowed:
        return None
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    if hasattr(upload, "seek"):
        upload.seek(0)
    return CONTENT_TYPES[expected] if content_kind(data) == expected else None
