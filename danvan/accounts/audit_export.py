"""The audit register as an XLSX workbook, for inspectors (actions in words, purposes of
identity readings, no code to decode)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

from danvan.core.audit_labels import action_label
from danvan.core.boundary import append_row, formula_safe

HEADERS = [
    "STT",
    "Thời điểm",
    "Người thực hiện",
    "Đơn vị",
    "Hành động",
    "Đối tượng",
    "Mục đích (xem danh tính)",
    "Địa chỉ IP",
]


# Purposes of identity readings are stored masked since this moment (the release that began
# to show them); an older entry holds the purpose as typed, which may name the denouncer, and
# audit entries cannot be rewritten: theirs is never shown.
PURPOSES_MASKED_FROM = datetime(2026, 12, 4, 20, 20, tzinfo=UTC)


def purpose_of(entry: Any) -> str:
    detail = entry.detail if isinstance(entry.detail, dict) else {}
    if entry.at is None or entry.at < PURPOSES_MASKED_FROM:
        return ""
    return str(detail.get("purpose") or "")


def audit_xlsx(entries: Iterable[Any], names: dict[str, str], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhat ky"
    append_row(sheet, [f"NHẬT KÝ HOẠT ĐỘNG — {title}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, entry in enumerate(entries, start=1):
        append_row(
            sheet,
            [
                number,
                timezone.localtime(entry.at).strftime("%d/%m/%Y %H:%M:%S"),
                formula_safe(entry.actor_name),
                names.get(entry.unit_code, entry.unit_code),
                action_label(entry.action),
                formula_safe(entry.object_repr),
                formula_safe(purpose_of(entry)),
                entry.ip or "",
            ],
        )
    for column, width in zip("ABCDEFGH", (6, 20, 24, 24, 40, 28, 40, 16), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
