"""Official documents in the layout of Decree 30/2020/NĐ-CP, as DOCX and as PDF.

What a clerk prints and signs: the issuing body on the left (parent body upper case, issuing
body upper case bold with a short rule under it, then the number/symbol), the national title
and the underlined motto on the right with the place and date in italics under them, the
title bold and centred, the body, then "Nơi nhận:" on the left and the signature block on the
right. A4, Times New Roman (Liberation Serif / DejaVu Serif in the PDF when Times is absent),
margins top/bottom 20 mm, left 30 mm, right 15 mm (Decree 30, Appendix I).

Usage (the letters app and the dossiers app build their forms this way)::

    from danvan.core.documents import Image, OfficialDocument, Paragraph, Table

    doc = OfficialDocument(
        issuer_parent="UBND TỈNH THÁI NGUYÊN",      # may be "" for a commune People's Committee
        issuer="UBND PHƯỜNG BẮC KẠN",
        number="Số: 12/TB-UBND",
        place="Bắc Kạn",
        date=date(2026, 10, 5),
        title="THÔNG BÁO",
        subtitle="Về việc thụ lý đơn khiếu nại",
        blocks=[
            "Plain strings are justified body paragraphs.",
            Paragraph("Bold, centred text", bold=True, align="center"),
            Table(header=["STT", "Tên giấy tờ"], rows=[["1", "Tờ khai"]]),
            Image(png_bytes, caption="Biểu đồ ..."),  # a chart, e.g. the review reports'
        ],
        recipients=["Như trên;", "Lưu: VT."],
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn A",
        qr_url="https://…/tra-cuu/CODE/?secret=S",  # optional; printed as a QR code
    )
    docx_bytes = doc.to_docx()
    pdf_bytes = doc.to_pdf()

``signer_title`` may contain a line break ("KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH"). ``date`` is a
``datetime.date``; it is printed "Bắc Kạn, ngày 05 tháng 10 năm 2026" (days and months below
10 padded, as Decree 30 asks for days 1–9 and months 1–2).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date as date_type
from html import escape

from danvan.core.boundary import printable

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
PDF_FONTS = "'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif"


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. ``align``: justify, left, center, right."""

    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"
    indent: bool = True  # first-line indent, as in the body of an official letter


@dataclass(frozen=True)
class Table:
    """A bordered table; ``widths`` are relative column widths."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None


@dataclass(frozen=True)
class Image:
    """A picture (a chart rendered as PNG), ``width_mm`` wide, centred, with its caption."""

    png: bytes
    caption: str = ""
    width_mm: float = 160


Block = str | Paragraph | Table | Image


def place_date(place: str, day: date_type) -> str:
    """ "Bắc Kạn, ngày 05 tháng 10 năm 2026" (Decree 30: pad days 1–9 and months 1–2)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass
class OfficialDocument:
    issuer_parent: str
    issuer: str
    number: str
    place: str
    date: date_type
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    qr_url: str = ""
    qr_caption: str = ""

    def paragraphs(self) -> list[Paragraph | Table | Image]:
        return [Paragraph(b) if isinstance(b, str) else b for b in self.blocks]

    # ------------------------------------------------------------------ DOCX
    def to_docx(self) -> bytes:
        from docx import Document
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        document = Document()
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        style = document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        # East-Asian font slot too, or Word falls back for Vietnamese letters in some locales.
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after = Pt(0)

        aligns = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }

        def line(
            cell_or_doc,
            text,
            *,
            size=13,
            bold=False,
            italic=False,
            underline=False,
            align="center",
            first=False,
        ):  # type: ignore[no-untyped-def]
            p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
            p.alignment = aligns[align]
            run = p.add_run(printable(text))
            run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
            return p

        header = document.add_table(rows=1, cols=2)
        header.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = header.rows[0].cells
        left.width, right.width = Mm(65), Mm(100)
        line(left, self.issuer_parent.upper(), size=13, first=True)
        rule = line(left, self.issuer.upper(), size=13, bold=True)
        _short_rule(rule)
        line(left, self.number, size=13)
        line(right, NATIONAL_TITLE, size=13, bold=True, first=True)
        line(right, MOTTO, size=14, bold=True, underline=True)
        line(right, place_date(self.place, self.date), size=14, italic=True)

        document.add_paragraph()
        line(document, self.title.upper(), size=14, bold=True)
        if self.subtitle:
            line(document, self.subtitle, size=14, bold=True)
        document.add_paragraph()

        for block in self.paragraphs():
            if isinstance(block, Table):
                _docx_table(document, block, Pt, Mm)
                document.add_paragraph()
                continue
            if isinstance(block, Image):
                picture = document.add_paragraph()
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                picture.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
                if block.caption:
                    line(document, block.caption, size=12, italic=True)
                continue
            p = line(
                document,
                block.text,
                size=14,
                bold=block.bold,
                italic=block.italic,
                align=block.align,
            )
            p.paragraph_format.space_after = Pt(6)
            if block.indent and block.align == "justify":
                p.paragraph_format.first_line_indent = Mm(10)

        if self.qr_url:
            _docx_qr(document, self.qr_url, self.qr_caption, Mm, Pt)

        footer = document.add_table(rows=1, cols=2)
        rec, sign = footer.rows[0].cells
        rec.width, sign.width = Mm(80), Mm(85)
        if self.recipients:
            line(rec, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
            for recipient in self.recipients:
                line(rec, f"- {recipient}", size=11, align="left")
        first = True
        for part in self.signer_title.upper().split("\n"):
            line(sign, part, size=14, bold=True, first=first)
            first = False
        line(sign, "(Ký, ghi rõ họ tên, đóng dấu)", size=12, italic=True, first=first)
        for _ in range(3):
            sign.add_paragraph()
        if self.signer_name:
            line(sign, self.signer_name, size=14, bold=True)

        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    # ------------------------------------------------------------------ PDF
    def to_html(self) -> str:
        """The same layout as a standalone HTML page (what the PDF is printed from)."""

        def e(text: str) -> str:
            return escape(printable(text))

        parent = f"<div>{e(self.issuer_parent.upper())}</div>" if self.issuer_parent else ""
        body = []
        for block in self.paragraphs():
            if isinstance(block, Table):
                body.append(_html_table(block))
                continue
            if isinstance(block, Image):
                import base64

                data = base64.b64encode(block.png).decode("ascii")
                body.append(
                    f'<div class="figure"><img alt="{e(block.caption)}" '
                    f'style="width:{block.width_mm:g}mm" src="data:image/png;base64,{data}">'
                    f'<div class="i">{e(block.caption)}</div></div>'
                )
                continue
            classes = [f"a-{block.align}"]
            if block.bold:
                classes.append("b")
            if block.italic:
                classes.append("i")
            if block.indent and block.align == "justify":
                classes.append("indent")
            text = "<br>".join(e(part) for part in block.text.split("\n"))
            body.append(f'<p class="{" ".join(classes)}">{text}</p>')
        qr = ""
        if self.qr_url:
            qr = (
                f'<div class="qr"><img alt="QR" src="{_qr_data_uri(self.qr_url)}">'
                f"<div>{e(self.qr_caption)}</div></div>"
            )
        recipients = ""
        if self.recipients:
            items = "".join(f"<div>- {e(r)}</div>" for r in self.recipients)
            recipients = (
                f'<div class="noi-nhan"><b><i>Nơi nhận:</i></b></div><div class="rec">{items}</div>'
            )
        signer = "<br>".join(e(p) for p in self.signer_title.upper().split("\n"))
        subtitle = f'<div class="title">{e(self.subtitle)}</div>' if self.subtitle else ""
        return _HTML.format(
            fonts=PDF_FONTS,
            parent=parent,
            issuer=e(self.issuer.upper()),
            number=e(self.number),
            national=NATIONAL_TITLE,
            motto=MOTTO,
            place_date=e(place_date(self.place, self.date)),
            title=e(self.title.upper()),
            subtitle=subtitle,
            body="\n".join(body),
            qr=qr,
            recipients=recipients,
            signer=signer,
            signer_name=e(self.signer_name),
        )

    def to_pdf(self) -> bytes:
        from weasyprint import HTML

        return HTML(string=self.to_html()).write_pdf()


def _short_rule(paragraph) -> None:  # type: ignore[no-untyped-def]
    """A bottom border under the issuing body, about a third of the column wide."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(18), Mm(18)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _docx_table(document, block: Table, Pt, Mm) -> None:  # type: ignore[no-untyped-def]  # noqa: N803
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        run = cell.paragraphs[0].add_run(printable(text))
        run.bold, run.font.size = True, Pt(12)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.paragraphs[0].add_run(printable(str(text))).font.size = Pt(12)
    if block.widths:
        total = sum(block.widths)
        for i, w in enumerate(block.widths):
            for row in table.rows:
                row.cells[i].width = Mm(165 * w / total)


def _qr_png(url: str) -> bytes:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=4, border=2)
    return out.getvalue()


def _qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=3, border=2)


def _docx_qr(document, url: str, caption: str, Mm, Pt) -> None:  # type: ignore[no-untyped-def]  # noqa: N803
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    p.add_run().add_picture(io.BytesIO(_qr_png(url)), width=Mm(28))
    if caption:
        cap = document.add_paragraph()
        run = cap.add_run(caption)
        run.italic, run.font.size = True, Pt(11)


def _html_table(block: Table) -> str:
    def e(text: str) -> str:
        return escape(printable(text))

    cols = ""
    if block.widths:
        total = sum(block.widths)
        cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths)
    head = "".join(f"<th>{e(h)}</th>" for h in block.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in block.rows
    )
    return f'<table class="grid">{cols}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
body {{ font-family: {fonts}; font-size: 14pt; line-height: 1.3; color: #000; }}
table.head, table.foot {{ width: 100%; border-collapse: collapse; }}
table.head td, table.foot td {{ vertical-align: top; text-align: center; padding: 0; }}
table.head td.l {{ width: 40%; font-size: 13pt; }}
table.head td.r {{ width: 60%; }}
.issuer {{ font-weight: bold; }}
.rule {{ width: 35%; margin: 2pt auto 4pt; border-top: 1px solid #000; }}
.national {{ font-weight: bold; font-size: 12.5pt; }}
/* Decree 30: the national title and the motto are one line each. Without Times (or its
   metric twin Liberation Serif) the fallback font is wider, so forbid the wrap and let the
   right column take the room from the left one. */
.national, .motto {{ white-space: nowrap; }}
.motto {{ font-weight: bold; text-decoration: underline; }}
.date {{ font-style: italic; margin-top: 6pt; }}
.title {{ font-weight: bold; text-align: center; }}
.titles {{ margin: 18pt 0 12pt; }}
p {{ margin: 0 0 6pt; }}
.indent {{ text-indent: 10mm; }}
.a-justify {{ text-align: justify; }} .a-left {{ text-align: left; }}
.a-center {{ text-align: center; }} .a-right {{ text-align: right; }}
.b {{ font-weight: bold; }} .i {{ font-style: italic; }}
table.grid {{ width: 100%; border-collapse: collapse; margin: 6pt 0 10pt; font-size: 12pt; }}
table.grid th, table.grid td {{ border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }}
.figure {{ text-align: center; margin: 6pt 0 10pt; font-size: 12pt; page-break-inside: avoid; }}
.qr {{ margin: 6pt 0; font-size: 11pt; font-style: italic; }}
.qr img {{ width: 28mm; height: 28mm; }}
table.foot {{ margin-top: 14pt; page-break-inside: avoid; }}
table.foot td.l {{ width: 48%; text-align: left; font-size: 11pt; }}
.noi-nhan {{ font-size: 12pt; }}
.sign {{ font-weight: bold; }}
.sign-note {{ font-style: italic; font-size: 12pt; }}
.signer {{ font-weight: bold; margin-top: 60pt; }}
</style></head><body>
<table class="head"><tr>
<td class="l">{parent}<div class="issuer">{issuer}</div><div class="rule"></div><div>{number}</div></td>
<td class="r"><div class="national">{national}</div><div class="motto">{motto}</div>
<div class="date">{place_date}</div></td>
</tr></table>
<div class="titles"><div class="title">{title}</div>{subtitle}</div>
{body}
{qr}
<table class="foot"><tr>
<td class="l">{recipients}</td>
<td><div class="sign">{signer}</div><div class="sign-note">(Ký, ghi rõ họ tên, đóng dấu)</div>
<div class="signer">{signer_name}</div></td>
</tr></table>
</body></html>
"""
