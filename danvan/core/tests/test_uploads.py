"""Uploads are recognised by content: name and content must agree, and the content parse."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.uploads import recognise_upload


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "PNG")
    return out.getvalue()


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, "JPEG")
    return out.getvalue()


def _pdf() -> bytes:
    from danvan.core.documents import OfficialDocument

    return OfficialDocument(
        issuer_parent="",
        issuer="UBND XÃ THỬ",
        number="Số: 1/TB",
        place="Thử",
        date=__import__("datetime").date(2026, 10, 5),
        title="THÔNG BÁO",
        blocks=["Nội dung."],
        signer_title="CHỦ TỊCH",
    ).to_pdf()


def _docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


ALL = ("pdf", "jpeg", "png", "docx")


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("anh.png", _png, "image/png"),
        ("anh.JPG", _jpeg, "image/jpeg"),
        ("don.pdf", _pdf, "application/pdf"),
        (
            "don.docx",
            _docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_real_files_are_accepted(name, make, expected):
    assert recognise_upload(SimpleUploadedFile(name, make()), allowed=ALL) == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("don.pdf", _png),  # a PNG named .pdf
        ("anh.png", _jpeg),  # a JPEG named .png
        ("anh.png", lambda: b"\x89PNG\r\n\x1a\n" + b"0" * 100),  # the magic number alone
        ("anh.jpg", lambda: b"\xff\xd8\xff" + b"MZ" * 50),
        ("don.pdf", lambda: b"%PDF-1.7\n" + b"MZ\x90" * 30),  # header, no document
        ("don.docx", lambda: b"PK\x03\x04" + b"\x00" * 60),
        ("bang.docx", lambda: _zip({"xl/workbook.xml": b"<x/>"})),  # an XLSX named .docx
        ("virus.exe", _png),
    ],
)
def test_files_whose_content_does_not_match_are_refused(name, data):
    assert recognise_upload(SimpleUploadedFile(name, data()), allowed=ALL) is None


def test_a_kind_the_field_does_not_take_is_refused():
    upload = SimpleUploadedFile("don.docx", _docx())
    assert recognise_upload(upload, allowed=("pdf", "png")) is None


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()
