"""The deadline rules of the kinds letters owns (complaints, denunciations, letters, the
answer after a citizen reception), one dict per version.

They reach the ``DeadlineRule`` table through ``registries.deadline_rule_sources``
(``shipped``, see ``contributions.register``): the missing (id, version) pairs are seeded after
``migrate`` and by ``seed_deadline_rules``; administrators then correct them in the admin,
with history. Ids and version numbers are data (rows of the table, cases' ``rule_id``):
never renumber a shipped version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.deadlines.data.rules import (
    KL215,
    KL215_EN,
    KL215_FROM,
    LAW_TCD,
    TCD,
    TCD_EN,
    number_versions,
    with_legacy,
)
from danvan.deadlines.data.rules import rule as _r

KN = "Luật Khiếu nại 2011"
KN_EN = "Law on Complaints 2011"
TC = "Luật Tố cáo 2018"
TC_EN = "Law on Denunciation 2018"

LAW_KN = date(2012, 7, 1)
LAW_TC = date(2019, 1, 1)
LAW_136 = date(2026, 7, 1)

AREAS = {
    "complaint": ("Khiếu nại", "Complaints"),
    "denunciation": ("Tố cáo", "Denunciations"),
    "letter": ("Xử lý đơn thư", "Letters"),
}

_COMPLAINT = [
    _r(
        "complaint.filing_limit",
        90,
        "calendar",
        area="complaint",
        name_vi="Thời hiệu khiếu nại",
        name_en="Time limit to file a complaint",
        start_event_vi="ngày nhận được hoặc biết được quyết định, hành vi hành chính",
        start_event_en="receipt or knowledge of the administrative decision or act",
        citation=f"{KN}, Điều 9",
        citation_en=f"{KN_EN}, Art. 9",
    ),
    _r(
        "complaint.accept",
        10,
        "working",
        area="complaint",
        name_vi="Thụ lý hoặc từ chối thụ lý khiếu nại (lần đầu, lần hai)",
        name_en="Accept or refuse a complaint (1st and 2nd time)",
        start_event_vi="ngày nhận được đơn",
        start_event_en="receipt of the complaint",
        citation=f"{KN}, Điều 27, 36; Thông tư 07/2013/TT-TTCP, Điều 5",
        citation_en=f"{KN_EN}, Art. 27, 36; Circular 07/2013/TT-TTCP, Art. 5",
    ),
    _r(
        "complaint.resolve.first",
        30,
        "calendar",
        area="complaint",
        complex_amount=45,
        remote_amount=45,
        remote_complex_amount=60,
        name_vi="Giải quyết khiếu nại lần đầu",
        name_en="Resolve a complaint (1st time)",
        start_event_vi="ngày thụ lý",
        start_event_en="acceptance",
        citation=f"{KN}, Điều 28",
        citation_en=f"{KN_EN}, Art. 28",
    ),
    _r(
        "complaint.second_window",
        30,
        "calendar",
        area="complaint",
        remote_amount=45,
        name_vi="Thời hạn khiếu nại lần hai",
        name_en="Window for a second complaint",
        start_event_vi="ngày hết hạn giải quyết lần đầu hoặc ngày nhận quyết định lần đầu",
        start_event_en="end of the 1st-time deadline or receipt of the 1st-time decision",
        citation=f"{KN}, Điều 33",
        citation_en=f"{KN_EN}, Art. 33",
    ),
    _r(
        "complaint.resolve.second",
        45,
        "calendar",
        area="complaint",
        complex_amount=60,
        remote_amount=60,
        remote_complex_amount=70,
        name_vi="Giải quyết khiếu nại lần hai",
        name_en="Resolve a complaint (2nd time)",
        start_event_vi="ngày thụ lý",
        start_event_en="acceptance",
        citation=f"{KN}, Điều 37",
        citation_en=f"{KN_EN}, Art. 37",
    ),
    _r(
        "complaint.decision.send",
        3,
        "working",
        area="complaint",
        name_vi="Gửi quyết định giải quyết khiếu nại lần đầu",
        name_en="Send the 1st-time complaint decision",
        start_event_vi="ngày ban hành quyết định",
        start_event_en="the decision",
        citation="Thông tư 07/2013/TT-TTCP",
        citation_en="Circular 07/2013/TT-TTCP",
    ),
]

# Law 136/2025/QH15 amends the Law on Complaints from 1 July 2026; the 7-working-day
# acceptance is reported (Decree 155/2026) but not confirmed from an official copy.
_COMPLAINT_ACCEPT_136 = {
    **_COMPLAINT[1],
    "amount": 7,
    "effective_from": LAW_136,
    "confirmed": False,
    "citation": f"{KN}, Điều 27 (sửa đổi bởi Luật 136/2025/QH15); Nghị định 155/2026/NĐ-CP",
    "citation_en": f"{KN_EN}, Art. 27 (amended by Law 136/2025/QH15); Decree 155/2026/ND-CP",
    "note_vi": "Giá trị 7 ngày làm việc theo thông tin về Nghị định 155/2026, chưa xác nhận.",
    "note_en": "7 working days as reported of Decree 155/2026; not confirmed.",
}

_DENUNCIATION = [
    _r(
        "denunciation.check",
        7,
        "working",
        area="denunciation",
        complex_amount=10,
        name_vi="Vào sổ, phân loại, kiểm tra điều kiện thụ lý tố cáo",
        name_en="Register, classify and check a denunciation",
        start_event_vi="ngày nhận được tố cáo",
        start_event_en="receipt of the denunciation",
        citation=f"{TC}, Điều 24 khoản 1",
        citation_en=f"{TC_EN}, Art. 24(1)",
        note_vi="Phương án “phức tạp”: phải kiểm tra, xác minh tại nhiều địa điểm (10 ngày).",
        note_en="“Complex” variant: checks needed at several places (10 days).",
    ),
    _r(
        "denunciation.forward",
        5,
        "working",
        area="denunciation",
        name_vi="Chuyển tố cáo không thuộc thẩm quyền và thông báo cho người tố cáo",
        name_en="Forward a denunciation outside competence and notify the denouncer",
        start_event_vi="ngày nhận được tố cáo",
        start_event_en="receipt of the denunciation",
        citation=f"{TC}, Điều 24 khoản 2",
        citation_en=f"{TC_EN}, Art. 24(2)",
    ),
    _r(
        "denunciation.notify_acceptance",
        5,
        "working",
        area="denunciation",
        name_vi="Thông báo việc thụ lý cho người tố cáo và người bị tố cáo",
        name_en="Notify the denouncer and the denounced of acceptance",
        start_event_vi="ngày ra quyết định thụ lý",
        start_event_en="the acceptance decision",
        citation=f"{TC}, Điều 29 khoản 3",
        citation_en=f"{TC_EN}, Art. 29(3)",
    ),
    _r(
        "denunciation.resolve",
        30,
        "calendar",
        area="denunciation",
        max_extensions=0,
        max_extensions_complex=1,
        max_extensions_especially_complex=2,
        extension_amount=30,
        extension_requires="criterion",
        name_vi="Giải quyết tố cáo",
        name_en="Resolve a denunciation",
        start_event_vi="ngày thụ lý",
        start_event_en="acceptance",
        citation=f"{TC}, Điều 30",
        citation_en=f"{TC_EN}, Art. 30",
        note_vi=(
            "Phức tạp (1 tiêu chí, Nghị định 31/2019, Điều 3): gia hạn 1 lần, không quá 30 ngày; "
            "đặc biệt phức tạp (từ 2 tiêu chí): gia hạn 2 lần, mỗi lần không quá 30 ngày."
        ),
        note_en=(
            "Complex (1 criterion, Decree 31/2019 Art. 3): one extension of up to 30 days; "
            "especially complex (2+ criteria): two extensions of up to 30 days each."
        ),
    ),
    _r(
        "denunciation.conclusion.send",
        5,
        "working",
        area="denunciation",
        name_vi="Gửi kết luận nội dung tố cáo",
        name_en="Send the denunciation conclusion",
        start_event_vi="ngày ban hành kết luận",
        start_event_en="the conclusion",
        citation=f"{TC}, Điều 35",
        citation_en=f"{TC_EN}, Art. 35",
    ),
    _r(
        "denunciation.conclusion.act",
        7,
        "working",
        area="denunciation",
        name_vi="Xử lý tố cáo theo kết luận",
        name_en="Act on the denunciation conclusion",
        start_event_vi="ngày ban hành kết luận",
        start_event_en="the conclusion",
        citation=f"{TC}, Điều 36",
        citation_en=f"{TC_EN}, Art. 36",
    ),
    _r(
        "denunciation.conclusion.publish",
        7,
        "working",
        area="denunciation",
        name_vi="Công khai kết luận nội dung tố cáo",
        name_en="Publish the conclusion",
        start_event_vi="ngày ban hành kết luận",
        start_event_en="the conclusion",
        citation=f"{TC}, Điều 40",
        citation_en=f"{TC_EN}, Art. 40",
    ),
    _r(
        "denunciation.overdue.report",
        5,
        "working",
        area="denunciation",
        name_vi="Báo cáo cấp trên về tố cáo quá hạn",
        name_en="Report an overdue denunciation to the superior",
        start_event_vi="ngày nhận yêu cầu của cấp trên",
        start_event_en="the superior's request",
        citation=f"{TC}, Điều 38",
        citation_en=f"{TC_EN}, Art. 38",
    ),
    _r(
        "denunciation.overdue.followup",
        5,
        "working",
        area="denunciation",
        name_vi="Bước tiếp theo sau báo cáo tố cáo quá hạn (5 + 5 ngày làm việc)",
        name_en="Next step after the overdue report (5 + 5 working days)",
        start_event_vi="ngày nhận báo cáo",
        start_event_en="receipt of the report",
        citation=f"{TC}, Điều 38",
        citation_en=f"{TC_EN}, Art. 38",
    ),
]

# Before the 2018 law, the Law on Denunciation 2011 gave 60 days (90 if complex) without the
# extension mechanism; read from secondary sources, so unconfirmed.
_DENUNCIATION_RESOLVE_2011 = {
    **_DENUNCIATION[3],
    "amount": 60,
    "complex_amount": 90,
    "max_extensions": 0,
    "max_extensions_complex": 0,
    "max_extensions_especially_complex": 0,
    "extension_amount": 0,
    "extension_requires": "",
    "effective_from": None,
    "effective_to": LAW_TC,
    "confirmed": False,
    "citation": "Luật Tố cáo 2011, Điều 21",
    "citation_en": "Law on Denunciation 2011, Art. 21",
    "note_vi": "Quy định trước Luật Tố cáo 2018; chưa đối chiếu văn bản gốc.",
    "note_en": "Rule before the 2018 Law; not checked against the official text.",
}

_RECEPTION_ANSWER = _r(
    "reception.answer",
    10,
    "working",
    area="reception",
    name_vi="Trả lời người đến kiến nghị, phản ánh tại buổi tiếp công dân",
    name_en="Answer the visitor after a reception",
    start_event_vi="ngày tiếp công dân",
    start_event_en="the reception",
    citation=f"{TCD}, Điều 28",
    citation_en=f"{TCD_EN}, Art. 28",
)

# The written answer to a visitor of the Party secretary's reception day. Conclusion 215-KL/TW
# sets it at 10 working days from the reception (DOMAIN §7); the matter sits in the commune's
# reception register and this rule is its clock (``services.reception.answer_rule_of``).
PARTY_ANSWER_RULE = "reception.party_head.answer"
_PARTY_RECEPTION_ANSWER = _r(
    PARTY_ANSWER_RULE,
    10,
    "working",
    area="reception",
    name_vi="Trả lời bằng văn bản người đến buổi tiếp dân của Bí thư cấp ủy",
    name_en="Written answer to a visitor of the Party secretary's reception",
    start_event_vi="ngày tiếp dân",
    start_event_en="the reception",
    citation=KL215,
    citation_en=KL215_EN,
)

_LETTER = [
    _r(
        "letter.process",
        10,
        "working",
        area="letter",
        confirmed=False,
        name_vi="Xử lý đơn (phân loại, hướng dẫn, chuyển đơn)",
        name_en="Process a letter (classify, guide, forward)",
        start_event_vi="ngày nhận được đơn",
        start_event_en="receipt of the letter",
        citation="Thông tư 05/2021/TT-TTCP",
        citation_en="Circular 05/2021/TT-TTCP",
        note_vi="Giá trị đọc từ bản sao thứ cấp, chưa xác nhận.",
        note_en="Value read in secondary copies; not confirmed.",
    ),
]


def _build() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for rule in _COMPLAINT:
        if rule["id"] == "complaint.accept":
            legacy, current = with_legacy(rule, LAW_KN)
            rows += [legacy, {**current, "effective_to": LAW_136}, _COMPLAINT_ACCEPT_136]
        else:
            rows += with_legacy(rule, LAW_KN)
    for rule in _DENUNCIATION:
        if rule["id"] == "denunciation.resolve":
            rows += [_DENUNCIATION_RESOLVE_2011, {**rule, "effective_from": LAW_TC}]
        else:
            rows += with_legacy(rule, LAW_TC)
    rows += with_legacy(_RECEPTION_ANSWER, LAW_TCD)
    # Before the Conclusion the same value, unconfirmed (with_legacy's note says so).
    rows += with_legacy(_PARTY_RECEPTION_ANSWER, KL215_FROM)
    rows += _LETTER
    return number_versions(rows)


RULES: list[dict[str, Any]] = _build()


def shipped() -> list[dict[str, Any]]:
    return RULES
