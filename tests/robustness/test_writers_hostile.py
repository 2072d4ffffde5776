"""Every writer of XLSX, DOCX, PDF and XML takes any string (hypothesis): control
characters, lone surrogates, non-characters, markup. What a writer cannot carry is dropped;
the file always opens in its format's reader."""

from __future__ import annotations

import io
import json
from datetime import date
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.core.boundary import append_row, printable, strip_controls, strip_controls_deep
from danvan.core.documents import OfficialDocument, Paragraph, Table

# Every code point, surrogates included (a JSON "\ud800" decodes to one).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
HOSTILE = st.text(alphabet=ANY_CHAR, max_size=60) | st.sampled_from(
    ["\x00", "\x01", "a\x0bb", "\x1b[31m", "\ud800", "\ufffe", "]]>", "<w:t>", "\x85\x9f"]
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(HOSTILE)
def test_strip_controls_keeps_tabs_and_line_breaks_only(text):
    out = strip_controls(text)
    assert strip_controls(out) == out  # once is enough
    for c in out:
        assert c in "\t\n\r\x00" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)
        assert not 0xD800 <= ord(c) <= 0xDFFF
    assert strip_controls_deep({text: [text]}) == {out: [out]}


@FAST
@given(st.lists(HOSTILE, min_size=1, max_size=5))
def test_xlsx_rows_always_save_and_reopen(values):
    from openpyxl import Workbook, load_workbook

    workbook = Workbook()
    append_row(workbook.active, values)
    out = io.BytesIO()
    workbook.save(out)
    row = next(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(values_only=True))
    assert [c or "" for c in row] == [printable(v) or "" for v in values][: len(row)]


def _document(text: str) -> OfficialDocument:
    return OfficialDocument(
        issuer_parent=text,
        issuer="UBND XÃ THỬ " + text,
        number="Số: 1/TB " + text,
        place="Thử",
        date=date(2026, 12, 4),
        title="THÔNG BÁO " + text,
        subtitle=text,
        blocks=[text, Paragraph(text, bold=True), Table(header=["A", text], rows=[[text, 1]])],
        recipients=[text],
        signer_title="CHỦ TỊCH\n" + text,
        signer_name=text,
    )


@FAST
@given(HOSTILE)
def test_docx_always_writes_and_reopens(text):
    from docx import Document

    body = _document(text).to_docx()
    paragraphs = [p.text for p in Document(io.BytesIO(body)).paragraphs]
    # Word has no carriage return in a run: python-docx writes a line break, read back as \n.
    expected = printable(text).replace("\r", "\n")
    assert any(expected in p for p in paragraphs)


@settings(max_examples=4, deadline=None)
@given(HOSTILE)
def test_pdf_always_writes(text):
    assert _document(text).to_pdf().startswith(b"%PDF")


@FAST
@given(HOSTILE)
def test_open311_xml_always_parses(text):
    from danvan.letters.open311.render import respond

    response = respond("xml", "requests", [{"description": text, "service_name": text}])
    root = ElementTree.fromstring(response.content)
    # XML parsers normalise line breaks to \n.
    expected = printable(text).replace("\r\n", "\n").replace("\r", "\n")
    assert (root.find("request/description").text or "") == expected
    assert json.loads(respond("json", "requests", [{"d": text}]).content.decode("utf-8", "replace"))


@FAST
@given(HOSTILE)
def test_a_text_typed_outside_is_never_a_formula_in_a_sheet(text):
    from openpyxl import Workbook, load_workbook

    from danvan.core.boundary import formula_safe

    book = Workbook()
    append_row(book.active, [formula_safe(text), formula_safe('=HYPERLINK("x")')])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = next(load_workbook(buffer).active.iter_rows())
    assert all(cell.data_type != "f" for cell in cells)
    assert cells[1].value == '\'=HYPERLINK("x")'
