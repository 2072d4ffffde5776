"""Documents printed by the democracy pages (Decree 30/2020 layout, danvan.core.documents)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from danvan.core.documents import OfficialDocument, Paragraph, Table
from danvan.core.localtime import local_date
from danvan.democracy.categories import DISCLOSURE_BY_CODE, Place


def _issuer(unit: Any) -> str:
    return f"UBND {unit.name}".upper()


def decision_notice(decision: Any, codes: list[tuple[Any, str]], request: Any) -> OfficialDocument:
    """The notice of a residents' decision, with one voting-code slip per household."""
    opens = timezone.localtime(decision.opens)
    closes = timezone.localtime(decision.closes)
    where = decision.village.name if decision.village_id else decision.unit.name
    vote_url = request.build_absolute_uri(reverse("democracy:public_vote")) if request else ""
    blocks: list[Any] = [
        f"Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022, UBND {decision.unit.name} thông "
        f"báo đến các hộ gia đình {where} nội dung Nhân dân bàn và quyết định:",
        Paragraph(decision.title, bold=True, align="center", indent=False),
    ]
    if decision.description:
        blocks.append(decision.description)
    blocks += [
        f"Nội dung: {decision.get_category_display()}. Hình thức: {decision.get_form_display()}.",
        f"Thời gian: từ {opens:%H:%M} ngày {opens:%d/%m/%Y} đến {closes:%H:%M} ngày "
        f"{closes:%d/%m/%Y}.",
        "Mỗi hộ gia đình có một phiếu, do người đại diện hộ thực hiện. Nếu biểu quyết trực tuyến, "
        f"người đại diện nhập mã bỏ phiếu của hộ tại {vote_url} và giữ mã biên nhận để kiểm tra.",
        # The part that is posted lists the households, never their codes: whoever reads a
        # posted copy must not be able to vote in another household's name.
        Table(
            header=["Mã hộ", "Chủ hộ", "Người đại diện"],
            rows=[[h.number, h.head, h.representative] for h, _code in codes],
            widths=[1.2, 3.4, 3.4],
        ),
        Paragraph(
            "PHIẾU MÃ BỎ PHIẾU (cắt rời, trao riêng cho từng hộ; không niêm yết)",
            bold=True,
            align="center",
            indent=False,
        ),
    ]
    # One slip per household, each its own small table so the slips are cut apart.
    blocks += [
        Table(header=["Mã hộ", "Mã bỏ phiếu"], rows=[[h.number, code]], widths=[3, 5])
        for h, code in codes
    ]
    return OfficialDocument(
        issuer_parent="",
        issuer=_issuer(decision.unit),
        number="Số:      /TB-UBND",
        place=decision.unit.name,
        date=local_date(timezone.now()),
        title="THÔNG BÁO",
        subtitle="Về việc lấy ý kiến hộ gia đình",
        blocks=blocks,
        recipients=["Các hộ gia đình;", "Ban Công tác Mặt trận;", "Lưu: VT."],
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
    )


def quarterly_list(unit: Any, year: int, quarter: int, rows: list[Any]) -> OfficialDocument:
    """The quarterly list of disclosed information (Art. 11: updated every quarter)."""
    table_rows = []
    for n, d in enumerate(rows, start=1):
        kind = DISCLOSURE_BY_CODE[d.category]
        places = ", ".join(sorted({str(Place(p.place).label) for p in d.postings.all()}))
        table_rows.append(
            [
                str(n),
                f"{kind.item}. {kind.label}",
                d.title,
                d.decided_on.strftime("%d/%m/%Y"),
                places or "—",
            ]
        )
    return OfficialDocument(
        issuer_parent="",
        issuer=_issuer(unit),
        number="Số:      /DM-UBND",
        place=unit.name,
        date=local_date(timezone.now()),
        title="DANH MỤC THÔNG TIN CÔNG KHAI",
        subtitle=f"Quý {quarter} năm {year}",
        blocks=[
            "Theo Điều 11 Luật Thực hiện dân chủ ở cơ sở năm 2022, danh mục thông tin công khai "
            "được cập nhật hằng quý.",
            Table(
                header=["STT", "Nhóm thông tin", "Tên văn bản", "Ngày ban hành", "Nơi công khai"],
                rows=table_rows or [["", "", "Không có thông tin công khai trong quý.", "", ""]],
                widths=[0.6, 2.5, 3, 1.4, 2.5],
            ),
        ],
        recipients=["Ban Công tác Mặt trận;", "Lưu: VT."],
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
    )
