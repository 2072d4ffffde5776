"""The notices a letter's processing produces, in the Decree 30/2020 layout (DOCX/PDF):
the guidance slip, the forwarding notice, the notice of acceptance or non-acceptance, and
the notice to the denouncer. All but the last are built from the stripped letter: a
denunciation's file carries no trace of who denounced (Law on Denunciation Art. 47)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from danvan.core.documents import OfficialDocument, Paragraph
from danvan.letters.models import Decision, Letter, NotEligibleGround

NOTICE_KINDS = {
    "huong-dan": "Phiếu hướng dẫn",
    "chuyen-don": "Phiếu chuyển đơn",
    "thu-ly": "Thông báo về việc thụ lý / không thụ lý",
    "nguoi-to-cao": "Thông báo cho người tố cáo",
}
# Which decision each notice belongs to.
NOTICE_FOR = {
    "huong-dan": {Decision.GUIDED},
    "chuyen-don": {Decision.FORWARDED},
    "thu-ly": {Decision.ACCEPTED, Decision.NOT_ELIGIBLE},
    "nguoi-to-cao": {Decision.ACCEPTED, Decision.FORWARDED, Decision.NOT_ELIGIBLE},
}


def available(letter: Letter) -> list[tuple[str, str]]:
    out = []
    for key, label in NOTICE_KINDS.items():
        if letter.decision not in NOTICE_FOR[key]:
            continue
        if key == "nguoi-to-cao" and not letter.is_denunciation:
            continue
        if key == "thu-ly" and letter.kind not in ("complaint", "denunciation"):
            continue
        out.append((key, label))
    return out


def _issuer(letter: Letter) -> tuple[str, str, str]:
    unit = letter.unit
    return (
        f"UBND {unit.province.name.replace('Tỉnh ', 'TỈNH ').upper()}" if unit.province_id else "",
        f"ỦY BAN NHÂN DÂN {unit.name.upper()}",
        unit.name.split(" ", 1)[-1],
    )


def _addressee(letter: Letter, person_name: str = "") -> str:
    if letter.is_denunciation:
        return person_name or "Người tố cáo"
    if letter.identity_protected:
        return person_name or "Người gửi đơn"
    return letter.sender_name or "Người gửi đơn"


def build(letter: Letter, key: str, *, person_name: str = "") -> OfficialDocument:
    parent, issuer, place = _issuer(letter)
    received = timezone.localtime(letter.received_at).strftime("%d/%m/%Y")
    decided = (
        timezone.localtime(letter.decided_at).date() if letter.decided_at else timezone.localdate()
    )
    summary = f"Nội dung: {letter.title}"
    blocks: list[Any] = []
    if key == "huong-dan":
        title, subtitle, number = (
            "PHIẾU HƯỚNG DẪN",
            "Về việc gửi đơn đến cơ quan có thẩm quyền",
            "Số: …/PHD-UBND",
        )
        blocks = [
            Paragraph(f"Kính gửi: {_addressee(letter)}", align="center", indent=False),
            f"Ngày {received}, Ủy ban nhân dân {place} nhận được đơn (mã {letter.code}). {summary}.",
            "Căn cứ Luật Tiếp công dân năm 2013 và Thông tư số 05/2021/TT-TTCP, nội dung đơn "
            "không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã.",
            f"Đề nghị ông/bà gửi đơn đến {letter.receiving_body} để được xem xét, giải quyết theo quy định.",
        ]
    elif key == "chuyen-don":
        title, subtitle, number = "PHIẾU CHUYỂN ĐƠN", "", "Số: …/PC-UBND"
        blocks = [
            Paragraph(f"Kính gửi: {letter.receiving_body}", align="center", indent=False),
            f"Ngày {received}, Ủy ban nhân dân {place} nhận được đơn (mã {letter.code}). {summary}.",
            "Nội dung đơn không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã; căn cứ "
            + (
                "Điều 24 Luật Tố cáo năm 2018"
                if letter.is_denunciation
                else "Thông tư số 05/2021/TT-TTCP"
            )
            + ", Ủy ban nhân dân xã chuyển đơn đến quý cơ quan để xem xét, giải quyết theo thẩm quyền.",
        ]
        if letter.is_denunciation:
            blocks.append(
                "Thông tin về người tố cáo được giữ bí mật theo Điều 47 Luật Tố cáo năm 2018."
            )
    elif key == "thu-ly":
        accepted = letter.decision == Decision.ACCEPTED
        what = "tố cáo" if letter.is_denunciation else "khiếu nại"
        title = "THÔNG BÁO"
        subtitle = f"Về việc {'thụ lý' if accepted else 'không thụ lý'} giải quyết {what}"
        number = "Số: …/TB-UBND"
        blocks = [
            Paragraph(f"Kính gửi: {_addressee(letter, person_name)}", align="center", indent=False),
            f"Ngày {received}, Ủy ban nhân dân {place} nhận được đơn {what} (mã {letter.code}). {summary}.",
        ]
        if accepted:
            blocks.append(
                f"Đơn đủ điều kiện thụ lý; Ủy ban nhân dân xã đã thụ lý giải quyết {what} theo quy định."
            )
        else:
            ground = (
                NotEligibleGround(letter.ineligible_ground).label
                if letter.ineligible_ground
                else ""
            )
            blocks.append(
                f"Đơn không đủ điều kiện thụ lý. Lý do: {ground} {letter.reasons}".strip()
            )
    else:
        title, subtitle, number = (
            "THÔNG BÁO",
            "Gửi người tố cáo về việc xử lý tố cáo",
            "Số: …/TB-UBND",
        )
        outcome = {
            Decision.ACCEPTED: "đã được thụ lý giải quyết",
            Decision.FORWARDED: f"đã được chuyển đến {letter.receiving_body} để giải quyết theo thẩm quyền",
            Decision.NOT_ELIGIBLE: f"không được thụ lý. Lý do: {letter.reasons}",
        }[Decision(letter.decision)]
        blocks = [
            Paragraph(f"Kính gửi: {_addressee(letter, person_name)}", align="center", indent=False),
            f"Tố cáo ông/bà gửi ngày {received} (mã {letter.code}) {outcome}.",
            "Thông tin về người tố cáo được giữ bí mật theo Điều 47 Luật Tố cáo năm 2018.",
        ]
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number=number,
        place=place,
        date=decided,
        title=title,
        subtitle=subtitle,
        blocks=blocks,
        recipients=["Như trên;", "Lưu: VT, hồ sơ."],
        signer_title="CHỦ TỊCH",
        signer_name="",
    )
