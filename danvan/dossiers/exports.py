"""Form 06: the tracking book of dossiers (Sổ theo dõi hồ sơ), as an XLSX workbook."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime

from django.utils import timezone

from danvan.core.boundary import append_row
from danvan.dossiers.models import Dossier

HEADERS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Ngày, giờ nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Bộ phận, người xử lý",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Số lần yêu cầu bổ sung",
    "Đúng hạn",
    "Ghi chú",
]
STAGE_NOTES = {
    "incomplete": "Chưa đủ hồ sơ, đã hướng dẫn bổ sung",
    "refused": "Từ chối tiếp nhận",
    "waiting_supplement": "Chờ người dân bổ sung",
    "cancelled": "Đã hủy",
}
PROVINCIAL_NOTE = "Nhận từ hệ thống một cửa của tỉnh"


def _local(value: datetime | None, fmt: str) -> str:
    return timezone.localtime(value).strftime(fmt) if value else ""


def tracking_book_xlsx(dossiers: Iterable[Dossier], *, title: str, start: date, end: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Mau 06"
    sheet.append([f"SỔ THEO DÕI HỒ SƠ — {title}"])
    sheet.append(
        [f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y} (Mẫu số 06, Thông tư 01/2018/TT-VPCP)"]
    )
    sheet.append(HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    for number, dossier in enumerate(dossiers, start=1):
        case = dossier.case
        contact = ", ".join(x for x in (case.applicant_address, case.applicant_phone) if x)
        handler = case.department or ""
        on_time = "" if case.on_time is None else "Đúng hạn" if case.on_time else "Trễ hạn"
        note = STAGE_NOTES.get(dossier.stage, "")
        if dossier.apology_used:
            note = (note + "; " if note else "") + "Đã xin lỗi, hẹn lại"
        if dossier.is_provincial:
            note = (note + "; " if note else "") + PROVINCIAL_NOTE
        append_row(
            sheet,
            [
                number,
                case.code,
                dossier.procedure.name,
                1,
                case.applicant_name,
                contact,
                _local(case.received_at, "%H:%M %d/%m/%Y"),
                case.due_date.strftime("%d/%m/%Y") if case.due_date else "",
                handler,
                _local(dossier.result_ready_at, "%d/%m/%Y"),
                _local(dossier.returned_at, "%d/%m/%Y"),
                dossier.supplement_requests,
                on_time,
                note,
            ],
        )
    for column, width in zip(
        "ABCDEFGHIJKLMN", (5, 22, 40, 8, 24, 30, 16, 12, 18, 12, 12, 8, 10, 28), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C4"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
