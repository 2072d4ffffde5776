"""Printable enumerator lists of a sampling plan: for each sampled village, the households
to visit in order, with blank columns the enumerator fills on paper (visited, answered,
replaced by). A4 PDF (weasyprint) and XLSX, like the project's other documents."""

from __future__ import annotations

import io
from html import escape
from typing import Any

from danvan.core.boundary import append_row, formula_safe, printable
from danvan.core.documents import PDF_FONTS

HEADER = ["STT", "Hộ được chọn", "Số thứ tự trong danh sách", "Đã đến", "Đã trả lời", "Hộ thay thế", "Ghi chú"]  # fmt: skip


def _groups(households: list[Any]) -> list[tuple[Any, list[Any]]]:
    groups: dict[int, tuple[Any, list[Any]]] = {}
    for h in households:
        sv = h.sampled_village
        groups.setdefault(sv.pk, (sv, []))[1].append(h)
    return list(groups.values())


def _village_title(sv: Any) -> str:
    return (
        f"{sv.village.name} — {sv.unit.name} · {sv.size} hộ · "
        f"xác suất chọn thôn {sv.probability:.3f}".replace(".", ",")  # Vietnamese decimal comma
        + (" (chắc chắn)" if sv.certainty else "")
    )


def plan_xlsx(survey: Any, plan: Any, households: list[Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sach"
    append_row(sheet, [f"DANH SÁCH HỘ ĐIỀU TRA — {survey.title}"])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(
        sheet, [f"Kế hoạch số {plan.pk}, hạt giống {plan.seed}, {plan.get_method_display()}"]
    )
    for sv, rows in _groups(households):
        append_row(sheet, [])
        append_row(sheet, [formula_safe(_village_title(sv))])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        append_row(sheet, HEADER)
        for h in rows:
            append_row(sheet, [h.order, formula_safe(h.label), h.number, "", "", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plan_html(survey: Any, plan: Any, households: list[Any]) -> str:
    def e(text: Any) -> str:
        return escape(str(printable(text)))

    parts = [
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>",
        f"@page {{ size: A4; margin: 15mm 12mm; }} body {{ font-family: {PDF_FONTS}; font-size: 11pt; }}",
        "h1 { font-size: 14pt; text-align: center; } h2 { font-size: 12pt; margin-top: 14pt; }",
        "section { page-break-inside: avoid; } table { border-collapse: collapse; width: 100%; }",
        "th, td { border: 1px solid #000; padding: 3pt 4pt; } th { background: #eee; }",
        "</style></head><body>",
        f"<h1>DANH SÁCH HỘ ĐIỀU TRA<br>{e(survey.title)}</h1>",
        f"<p>Kế hoạch số {plan.pk} · hạt giống {plan.seed} · {e(plan.get_method_display())}</p>",
    ]
    for sv, rows in _groups(households):
        parts.append(f"<section><h2>{e(_village_title(sv))}</h2><table><thead><tr>")
        parts.extend(f"<th>{e(h)}</th>" for h in HEADER)
        parts.append("</tr></thead><tbody>")
        for h in rows:
            parts.append(
                f"<tr><td>{h.order}</td><td>{e(h.label)}</td><td>{h.number}</td>"
                "<td></td><td></td><td></td><td></td></tr>"
            )
        parts.append("</tbody></table></section>")
    parts.append("</body></html>")
    return "".join(parts)


def plan_pdf(survey: Any, plan: Any, households: list[Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=plan_html(survey, plan, households)).write_pdf()
