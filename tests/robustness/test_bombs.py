"""Decompression bombs: every spreadsheet import refuses them before inflating.

A bomb is a small file that unpacks to something huge: here an XLSX of ~100 KB whose sheet
is 80 MB of XML, and one whose sheet declares a million rows and 16,384 columns. Every
import that reads a spreadsheet (villages, officers, provincial dossiers, calendar
overrides, the procedure catalogue) goes through ``territory.tabular``; each is tried.
"""

from __future__ import annotations

import io
import resource
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _small_workbook() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["ten", "ma_xa"])
    wb.active.append(["Thôn Nà Pán", "99001"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _replace_sheet(write_sheet) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(_small_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            if info.filename == SHEET:
                with bomb.open(SHEET, "w", force_zip64=True) as member:
                    write_sheet(member)
            else:
                bomb.writestr(info, source.read(info.filename))
    return out.getvalue()


def size_bomb() -> bytes:
    """~100 KB on disk, 80 MB of sheet XML once inflated."""

    def write(member):  # type: ignore[no-untyped-def]
        member.write(SHEET_HEAD + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
        chunk = b"A" * (1024 * 1024)
        for _ in range(80):
            member.write(chunk)
        member.write(b"</t></is></c></row></sheetData></worksheet>")

    return _replace_sheet(write)


def dimension_bomb() -> bytes:
    """A tiny sheet declaring A1:XFD1048576: read-only openpyxl pads every row to 16,384
    columns, so 20,000 rows become 327 million cells."""

    def write(member):  # type: ignore[no-untyped-def]
        member.write(SHEET_HEAD + b'<dimension ref="A1:XFD1048576"/><sheetData>')
        for r in range(1, 30):
            member.write(
                f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
            )
        member.write(b"</sheetData></worksheet>")

    return _replace_sheet(write)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    made = {"size": size_bomb(), "dimension": dimension_bomb()}
    assert len(made["size"]) < 400_000  # small on disk: passes the 5 MB upload limit
    return made


def _raise_errors(parsed):  # type: ignore[no-untyped-def]
    # The overrides parser returns its errors instead of raising them.
    if parsed.errors:
        raise ValueError(" ".join(parsed.errors))
    return parsed


def _readers():  # type: ignore[no-untyped-def]
    from danvan.accounts.importing import officers_import_file
    from danvan.deadlines.overrides_io import parse_overrides
    from danvan.dossiers.provincial import read_file
    from danvan.territory.tabular import read_table

    return {
        "tabular": lambda data: read_table(data, "x.xlsx"),
        "provincial": lambda data: read_file(io.BytesIO(data), "x.xlsx"),
        "overrides": lambda data: _raise_errors(parse_overrides(io.BytesIO(data), "x.xlsx")),
        "officers": lambda data: officers_import_file(
            actor=None, file=io.BytesIO(data), filename="x.xlsx"
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["size", "dimension"])
@pytest.mark.parametrize("reader", ["tabular", "provincial", "overrides", "officers"])
def test_every_spreadsheet_import_refuses_a_bomb(bombs, kind, reader):
    before = _rss_mb()
    with pytest.raises(Exception) as caught:
        _readers()[reader](bombs[kind])
    message = str(getattr(caught.value, "message", "") or caught.value)
    if hasattr(caught.value, "errors"):
        message += " ".join(str(e) for e in caught.value.errors)
    assert "giải nén" in message or "quá nhiều dòng" in message, message
    # The refusal comes before inflating: the peak memory of the process barely moves.
    assert _rss_mb() - before < 60


@pytest.mark.django_db
def test_the_village_import_page_refuses_a_bomb_with_a_clear_message(bombs, client_a, unit_a):
    url = reverse("unit_admin:village_import", args=[unit_a.code])
    upload = SimpleUploadedFile("thon.xlsx", bombs["size"])
    response = client_a.post(url, {"file": upload})
    assert response.status_code == 400
    assert "giải nén" in response.content.decode()
    from danvan.territory.models import Village

    assert not Village.objects.filter(unit=unit_a).exists()


def test_a_real_workbook_is_still_read():
    from danvan.territory.tabular import read_table

    table = read_table(_small_workbook(), "thon.xlsx")
    assert table.rows[0].values["ten"] == "Thôn Nà Pán"
