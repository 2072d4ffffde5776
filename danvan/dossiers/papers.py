"""The one-stop forms of Circular 01/2018/TT-VPCP as official documents (Decree 30/2020):
01 receipt and appointment slip, 02 request to supplement, 03 refusal, 04 apology and new
date, 05 processing control sheet. Form 06, the tracking book, is a spreadsheet
(``exports.py``). The papers are in Vietnamese whatever the interface language: they are
what the commune signs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from danvan.cases.models import CaseEventKind
from danvan.core.documents import OfficialDocument, Paragraph, Table
from danvan.dossiers.models import Dossier, DossierPaper, UnitOneStopSettings

FORMS = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}
PREFIXES = ("Xã ", "Phường ", "Đặc khu ")


def tracking_url(dossier: Dossier) -> str:
    case = dossier.case
    return f"{settings.SITE_ROOT}/tra-cuu/{case.code}/?secret={case.secret}"


def _dt(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _settings(dossier: Dossier) -> UnitOneStopSettings | None:
    try:
        return dossier.unit.onestop_settings
    except UnitOneStopSettings.DoesNotExist:
        return None


def _place(dossier: Dossier) -> str:
    configured = _settings(dossier)
    if configured and configured.place_name:
        return configured.place_name
    name = dossier.unit.name
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _base(
    dossier: Dossier, form: str, *, on: datetime, one_stop: bool = True, **kw: Any
) -> OfficialDocument:
    unit_name = dossier.unit.name.upper()
    return OfficialDocument(
        issuer_parent=f"UBND {unit_name}" if one_stop else "",
        issuer="BỘ PHẬN MỘT CỬA" if one_stop else f"ỦY BAN NHÂN DÂN {unit_name}",
        number=f"Mã hồ sơ: {dossier.case.code}",
        place=_place(dossier),
        date=timezone.localtime(on).date(),
        title=FORMS[form],
        **kw,
    )


def _applicant(dossier: Dossier) -> list[str]:
    case = dossier.case
    lines = [f"Tiếp nhận hồ sơ của: Ông/bà {case.applicant_name}"]
    if case.applicant_address:
        lines.append(f"Địa chỉ: {case.applicant_address}")
    contact = f"Số điện thoại: {case.applicant_phone or '...'}"
    if case.applicant_email:
        contact += f"    Thư điện tử: {case.applicant_email}"
    lines.append(contact)
    lines.append(f"Nội dung yêu cầu giải quyết: {dossier.procedure.name}")
    return lines


def _officer(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _paper(dossier: Dossier, form: str) -> DossierPaper | None:
    return dossier.papers.filter(form=form).order_by("-issued_at", "-id").first()


def form_01(dossier: Dossier) -> OfficialDocument:
    case = dossier.case
    docs = Table(
        header=["STT", "Tên giấy tờ", "Hình thức", "Số lượng"],
        rows=[
            [str(i), d, "Bản chính/bản sao", "01"]
            for i, d in enumerate(dossier.documents_received, 1)
        ],
        widths=[1, 8, 3, 2],
    )
    blocks: list[Any] = [Paragraph(line, indent=False) for line in _applicant(dossier)]
    blocks += [
        Paragraph("1. Thành phần hồ sơ nộp gồm:", indent=False),
        docs,
        Paragraph("2. Số lượng hồ sơ: 01 (bộ)", indent=False),
        Paragraph(
            f"3. Thời gian giải quyết hồ sơ theo quy định là: {dossier.procedure.processing_days:02d} ngày làm việc",
            indent=False,
        ),
        Paragraph(f"4. Thời gian nhận hồ sơ: {_dt(case.received_at)}", indent=False),
        Paragraph(
            f"5. Thời gian trả kết quả giải quyết hồ sơ: ngày {case.due_date:%d/%m/%Y}"
            if case.due_date
            else "5. Thời gian trả kết quả giải quyết hồ sơ: theo thông báo",
            bold=True,
            indent=False,
        ),
        Paragraph("6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả", indent=False),
        Paragraph(
            f"Tra cứu tình trạng hồ sơ bằng mã QR hoặc tại {settings.SITE_ROOT}/tra-cuu/ "
            f"với mã hồ sơ {case.code} và mã bí mật {case.secret}.",
            italic=True,
            indent=False,
        ),
    ]
    return _base(
        dossier,
        "01",
        on=case.received_at,
        blocks=blocks,
        signer_title="NGƯỜI TIẾP NHẬN HỒ SƠ",
        signer_name=_officer(case.assignee),
        qr_url=tracking_url(dossier),
        qr_caption="Quét mã để tra cứu và đánh giá",
    )


def form_02(dossier: Dossier) -> OfficialDocument:
    paper = _paper(dossier, "02")
    missing = (paper.data.get("missing") if paper else None) or dossier.documents_missing
    on = paper.issued_at if paper else timezone.now()
    blocks: list[Any] = [Paragraph(line, indent=False) for line in _applicant(dossier)]
    blocks.append(
        Paragraph(
            "Sau khi xem xét, hồ sơ của ông/bà chưa đầy đủ, hợp lệ. "
            "Đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
        )
    )
    blocks.append(
        Table(
            header=["STT", "Nội dung cần bổ sung"],
            rows=[[str(i), m] for i, m in enumerate(missing, 1)],
            widths=[1, 12],
        )
    )
    note = (paper.data.get("note") if paper else "") or ""
    if note:
        blocks.append(Paragraph(f"Lý do: {note}"))
    blocks.append(
        Paragraph(
            "Khi hồ sơ được bổ sung đầy đủ, thời hạn giải quyết được tính lại từ đầu. "
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ Bộ phận "
            "tiếp nhận và trả kết quả để được hướng dẫn."
        )
    )
    return _base(
        dossier,
        "02",
        on=on,
        blocks=blocks,
        signer_title="NGƯỜI HƯỚNG DẪN",
        signer_name=_officer(dossier.case.assignee),
    )


def form_03(dossier: Dossier) -> OfficialDocument:
    blocks: list[Any] = [Paragraph(line, indent=False) for line in _applicant(dossier)]
    blocks.append(
        Paragraph("Bộ phận tiếp nhận và trả kết quả thông báo từ chối tiếp nhận hồ sơ với lý do:")
    )
    blocks.append(Paragraph(dossier.refusal_reason or "...", bold=True))
    blocks.append(Paragraph("Xin thông báo để ông/bà được biết và thực hiện."))
    return _base(
        dossier,
        "03",
        on=dossier.case.received_at,
        blocks=blocks,
        signer_title="NGƯỜI TIẾP NHẬN HỒ SƠ",
        signer_name=_officer(dossier.case.assignee),
    )


def form_04(dossier: Dossier) -> OfficialDocument:
    paper = _paper(dossier, "04")
    if paper is None:
        raise ValueError("no apology issued for this dossier")
    case = dossier.case
    old_due = datetime.fromisoformat(paper.data["old_due"]).date()
    new_due = datetime.fromisoformat(paper.data["new_due"]).date()
    signer = _settings(dossier)
    blocks: list[Any] = [
        Paragraph(
            f"Ngày {case.received_at.astimezone(timezone.get_current_timezone()):%d/%m/%Y}, "
            f"Bộ phận tiếp nhận và trả kết quả tiếp nhận hồ sơ của ông/bà {case.applicant_name} "
            f"về thủ tục {dossier.procedure.name}, mã hồ sơ {case.code}."
        ),
        Paragraph(f"Thời gian hẹn trả kết quả giải quyết hồ sơ: ngày {old_due:%d/%m/%Y}."),
        Paragraph(
            f"Tuy nhiên, đến nay hồ sơ chưa giải quyết xong. Lý do: {paper.data.get('reason', '')}."
        ),
        Paragraph(
            "Sự chậm trễ này đã gây phiền hà cho ông/bà. Chúng tôi thành thật xin lỗi ông/bà."
        ),
        Paragraph(f"Xin hẹn trả kết quả giải quyết hồ sơ vào ngày {new_due:%d/%m/%Y}.", bold=True),
    ]
    return _base(
        dossier,
        "04",
        on=paper.issued_at,
        one_stop=False,
        blocks=blocks,
        recipients=[f"Ông/bà {case.applicant_name};", "Lưu: VT, Bộ phận một cửa."],
        signer_title="CHỦ TỊCH",
        signer_name=paper.data.get("signer_name") or (signer.signer_name if signer else ""),
    )


EVENT_STEPS = {
    CaseEventKind.RECEIVED: "Tiếp nhận hồ sơ",
    CaseEventKind.ASSIGNED: "Giao xử lý",
    CaseEventKind.HANDED_ON: "Chuyển bước xử lý",
    CaseEventKind.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung hồ sơ",
    CaseEventKind.CLOCK_PAUSED: "Chờ bổ sung hồ sơ",
    CaseEventKind.CLOCK_RESTARTED: "Nhận đủ hồ sơ bổ sung",
    CaseEventKind.APOLOGISED: "Xin lỗi, hẹn lại ngày trả",
    CaseEventKind.RESOLVED: "Có kết quả giải quyết",
    CaseEventKind.RETURNED: "Trả kết quả",
    CaseEventKind.REFUSED: "Từ chối tiếp nhận",
}


def form_05(dossier: Dossier) -> OfficialDocument:
    case = dossier.case
    events = (
        case.events.filter(kind__in=list(EVENT_STEPS)).select_related("actor").order_by("at", "id")
    )
    rows = []
    for event in events:
        data = event.data or {}
        target = (
            data.get("to_department") or event.note if event.kind == CaseEventKind.HANDED_ON else ""
        )
        rows.append(
            [
                EVENT_STEPS[event.kind] + (f" → {target}" if target else ""),
                _officer(event.actor),
                timezone.localtime(event.at).strftime("%H:%M %d/%m/%Y"),
                data.get("due_date", "")
                and datetime.fromisoformat(data["due_date"]).strftime("%d/%m/%Y"),
            ]
        )
    blocks: list[Any] = [
        Paragraph(f"Kèm theo hồ sơ của: Ông/bà {case.applicant_name}", indent=False),
        Paragraph(f"Thủ tục: {dossier.procedure.name}", indent=False),
        Paragraph(
            f"Ngày nhận: {timezone.localtime(case.received_at):%d/%m/%Y}    "
            f"Ngày hẹn trả: {case.due_date:%d/%m/%Y}"
            if case.due_date
            else "",
            indent=False,
        ),
        Table(
            header=["Bước", "Người thực hiện", "Thời điểm", "Hạn"], rows=rows, widths=[6, 4, 3, 2]
        ),
    ]
    return _base(
        dossier,
        "05",
        on=timezone.now(),
        blocks=blocks,
        signer_title="NGƯỜI LẬP PHIẾU",
        signer_name="",
    )


BUILDERS = {"01": form_01, "02": form_02, "03": form_03, "04": form_04, "05": form_05}


def available_forms(dossier: Dossier) -> list[str]:
    """The forms that exist for this dossier (a slip only for an accepted dossier...)."""
    if dossier.is_provincial:
        # The province issued the slip and the other forms; the control sheet is the record
        # of what danvan saw.
        return ["05"]
    papers = set(dossier.papers.values_list("form", flat=True))
    forms = []
    if dossier.stage not in ("incomplete", "refused") or dossier.visits > 1:
        forms.append("01")
    forms += [f for f in ("02", "03", "04") if f in papers]
    if dossier.stage != "refused":
        forms.append("05")
    return forms


def build(dossier: Dossier, form: str) -> OfficialDocument:
    return BUILDERS[form](dossier)
