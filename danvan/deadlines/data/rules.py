"""The rule table as shipped: every time limit of DOMAIN §2–6, one dict per version.

This file seeds the ``DeadlineRule`` table (data migration ``0002_seed_rules``, re-runnable,
and the ``seed_deadline_rules`` command); administrators then correct values in the admin,
which keeps a ``RuleCorrection`` history. The clock falls back to this file only when the
table cannot be read (bare scripts, before migrations).

Conventions: ``unit`` "working" = ngày làm việc, "calendar" = ngày (Civil Code Art. 147–148);
``effective_to`` is exclusive; a version is chosen by the start event's date. Versions before
a law took effect are kept so that history (the 2010–2016 study period) still computes, but
they are marked unconfirmed unless their source was checked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

KN = "Luật Khiếu nại 2011"
KN_EN = "Law on Complaints 2011"
TC = "Luật Tố cáo 2018"
TC_EN = "Law on Denunciation 2018"
TCD = "Luật Tiếp công dân 2013"
TCD_EN = "Law on Citizen Reception 2013"
DC = "Luật Thực hiện dân chủ ở cơ sở 2022"
DC_EN = "Law on Grassroots Democracy 2022"
ND61 = "Nghị định 61/2018/NĐ-CP"
ND118 = "Nghị định 118/2025/NĐ-CP"

LAW_KN = date(2012, 7, 1)
LAW_TC = date(2019, 1, 1)
LAW_TCD = date(2014, 7, 1)
LAW_DC = date(2023, 7, 1)
LAW_136 = date(2026, 7, 1)
ND61_FROM = date(2018, 6, 21)
ND118_FROM = date(2025, 7, 1)

AREAS = {
    "complaint": ("Khiếu nại", "Complaints"),
    "denunciation": ("Tố cáo", "Denunciations"),
    "reception": ("Tiếp công dân", "Citizen reception"),
    "letter": ("Xử lý đơn thư", "Letters"),
    "onestop": ("Một cửa", "One-stop shop"),
    "democracy": ("Dân chủ ở cơ sở", "Grassroots democracy"),
    "inspection": ("Ban Thanh tra nhân dân", "People's Inspection Board"),
}

_LEGACY_NOTE_VI = (
    "Áp dụng cho sự việc phát sinh trước khi luật hiện hành có hiệu lực; quy định cũ chưa được "
    "đối chiếu, tạm dùng giá trị của luật hiện hành."
)
_LEGACY_NOTE_EN = (
    "Applies to matters before the current law took effect; the former rule has not been "
    "checked, the current value is used meanwhile."
)


def _r(rule_id: str, amount: int, unit: str, **kw: Any) -> dict[str, Any]:
    return {"id": rule_id, "amount": amount, "unit": unit, **kw}


def _with_legacy(rule: dict[str, Any], law_from: date) -> list[dict[str, Any]]:
    """The rule from ``law_from`` plus an unconfirmed copy for earlier dates."""
    legacy = {
        **rule,
        "effective_from": None,
        "effective_to": law_from,
        "confirmed": False,
        "note_vi": _LEGACY_NOTE_VI,
        "note_en": _LEGACY_NOTE_EN,
    }
    return [legacy, {**rule, "effective_from": law_from}]


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

_RECEPTION = [
    _r(
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
    ),
    _r(
        "reception.chairman.weekly",
        1,
        "week",
        area="reception",
        kind="periodic",
        name_vi="Chủ tịch UBND xã tiếp công dân định kỳ (ít nhất 1 ngày mỗi tuần)",
        name_en="Commune chairman's reception (at least 1 day a week)",
        start_event_vi="tuần",
        start_event_en="the week",
        citation=f"{TCD}, Điều 15",
        citation_en=f"{TCD_EN}, Art. 15",
    ),
]

_PARTY_RECEPTION = _r(
    "reception.party_head.monthly",
    1,
    "month",
    area="reception",
    kind="periodic",
    name_vi="Bí thư cấp ủy tiếp dân định kỳ (ít nhất 1 ngày mỗi tháng)",
    name_en="Party secretary's reception (at least 1 day a month)",
    start_event_vi="tháng",
    start_event_en="the month",
    citation="Quy định 11-QĐ/TW năm 2019 của Bộ Chính trị",
    citation_en="Politburo Regulation 11-QD/TW (2019)",
    confirmed=False,
    note_vi="Tần suất đọc từ bản sao thứ cấp, chưa xác nhận.",
    note_en="Frequency read in secondary copies; not confirmed.",
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

_ONESTOP_DEFICIENCY = _r(
    "onestop.deficiency_return",
    3,
    "working",
    area="onestop",
    one_stop_cutoff=False,
    name_vi="Trả hồ sơ chưa đủ điều kiện phát hiện khi thẩm định",
    name_en="Return a deficient dossier found during appraisal",
    start_event_vi="ngày tiếp nhận hồ sơ",
    start_event_en="receipt of the dossier",
    citation=f"{ND61}; Thông tư 01/2018/TT-VPCP",
    citation_en="Decree 61/2018/ND-CP; Circular 01/2018/TT-VPCP",
    note_vi="Khi hồ sơ được bổ sung đầy đủ, thời hạn giải quyết tính lại từ đầu.",
    note_en="Once the dossier is complete, the processing time restarts from zero.",
)
_ONESTOP_APOLOGY = _r(
    "onestop.apology",
    1,
    "working",
    area="onestop",
    kind="before",
    name_vi="Phiếu xin lỗi và hẹn lại ngày trả kết quả (chậm nhất trước hạn)",
    name_en="Apology and new return date (at the latest before the due date)",
    start_event_vi="ngày hẹn trả kết quả",
    start_event_en="the promised return date",
    citation=f"{ND61}; Thông tư 01/2018/TT-VPCP (mẫu 04)",
    citation_en="Decree 61/2018/ND-CP; Circular 01/2018/TT-VPCP (form 04)",
    note_vi="Chỉ xin lỗi, hẹn lại một lần; báo cho người nộp qua SMS, thư điện tử, điện thoại.",
    note_en="Once only; notify the applicant by SMS, email or phone.",
)


def _onestop_versions(rule: dict[str, Any]) -> list[dict[str, Any]]:
    """Decree 61/2018 until 30/06/2025, Decree 118/2025 (same rule in substance) after."""
    v61 = {**rule, "effective_from": ND61_FROM, "effective_to": ND118_FROM}
    v118 = {
        **rule,
        "effective_from": ND118_FROM,
        "citation": rule["citation"].replace(ND61, ND118),
        "citation_en": rule["citation_en"].replace("Decree 61/2018/ND-CP", "Decree 118/2025/ND-CP"),
        "note_vi": (
            rule.get("note_vi", "") + " Số điều của Nghị định 118/2025 cần đối chiếu."
        ).strip(),
        "note_en": (
            rule.get("note_en", "") + " Article numbers in Decree 118/2025 to be checked."
        ).strip(),
    }
    legacy = {
        **rule,
        "effective_from": None,
        "effective_to": ND61_FROM,
        "confirmed": False,
        "note_vi": _LEGACY_NOTE_VI,
        "note_en": _LEGACY_NOTE_EN,
    }
    return [legacy, v61, v118]


_DEMOCRACY = [
    _r(
        "democracy.disclosure.post",
        30,
        "calendar",
        area="democracy",
        kind="minimum",
        name_vi="Niêm yết công khai (ít nhất 30 ngày liên tục)",
        name_en="Public posting (at least 30 consecutive days)",
        start_event_vi="ngày niêm yết",
        start_event_en="the posting",
        citation=f"{DC}, Điều 11",
        citation_en=f"{DC_EN}, Art. 11",
    ),
    _r(
        "democracy.disclosure.loudspeaker",
        3,
        "calendar",
        area="democracy",
        kind="minimum",
        name_vi="Thông báo trên hệ thống truyền thanh (ít nhất 3 ngày)",
        name_en="Loudspeaker announcement (at least 3 days)",
        start_event_vi="ngày bắt đầu thông báo",
        start_event_en="the first announcement",
        citation=f"{DC}, Điều 11",
        citation_en=f"{DC_EN}, Art. 11",
    ),
    _r(
        "democracy.disclosure.deadline",
        5,
        "working",
        area="democracy",
        name_vi="Thời hạn công khai thông tin",
        name_en="Disclosure deadline",
        start_event_vi="ngày ban hành quyết định",
        start_event_en="the decision",
        citation=f"{DC}, Điều 11",
        citation_en=f"{DC_EN}, Art. 11",
        note_vi="Trừ khi luật chuyên ngành quy định khác.",
        note_en="Unless a sector law says otherwise.",
    ),
    _r(
        "democracy.disclosure.list_update",
        1,
        "quarter",
        area="democracy",
        kind="periodic",
        name_vi="Cập nhật danh mục thông tin công khai (hằng quý)",
        name_en="Update the disclosure list (quarterly)",
        start_event_vi="quý",
        start_event_en="the quarter",
        citation=f"{DC}, Điều 11",
        citation_en=f"{DC_EN}, Art. 11",
    ),
    _r(
        "democracy.consultation.min",
        20,
        "calendar",
        area="democracy",
        kind="minimum",
        name_vi="Thời gian lấy ý kiến Nhân dân (ít nhất 20 ngày)",
        name_en="Residents' consultation period (at least 20 days)",
        start_event_vi="ngày bắt đầu lấy ý kiến",
        start_event_en="the start of the consultation",
        citation=f"{DC}, Điều 28",
        citation_en=f"{DC_EN}, Art. 28",
    ),
    _r(
        "democracy.decision.notice",
        2,
        "calendar",
        area="democracy",
        kind="before",
        name_vi="Thông báo trước khi Nhân dân bàn, quyết định (ít nhất 2 ngày)",
        name_en="Notice before residents decide (at least 2 days)",
        start_event_vi="ngày họp hoặc phát phiếu",
        start_event_en="the meeting or ballot",
        citation=f"{DC}, Điều 15; Nghị định 59/2023/NĐ-CP",
        citation_en=f"{DC_EN}, Art. 15; Decree 59/2023/ND-CP",
    ),
    _r(
        "democracy.decision.report",
        5,
        "working",
        area="democracy",
        name_vi="Gửi kết quả bàn, quyết định đến UBND xã và Mặt trận",
        name_en="Report the residents' decision to the commune and the Front",
        start_event_vi="ngày có kết quả",
        start_event_en="the result",
        citation=f"{DC}, Điều 15",
        citation_en=f"{DC_EN}, Art. 15",
    ),
    _r(
        "democracy.decision.recognise",
        5,
        "working",
        area="democracy",
        name_vi="Công nhận hoặc từ chối (có lý do) kết quả Nhân dân quyết định",
        name_en="Recognise the residents' decision or refuse with reasons",
        start_event_vi="ngày nhận kết quả",
        start_event_en="receipt of the result",
        citation=f"{DC}, Điều 15",
        citation_en=f"{DC_EN}, Art. 15",
    ),
    _r(
        "democracy.village_meeting.notice",
        5,
        "calendar",
        area="democracy",
        kind="before",
        name_vi="Thông báo họp thôn cuối năm (ít nhất 5 ngày trước)",
        name_en="Notice of the village year-end meeting (at least 5 days before)",
        start_event_vi="ngày họp",
        start_event_en="the meeting",
        citation=f"{DC}, Điều 32",
        citation_en=f"{DC_EN}, Art. 32",
    ),
    _r(
        "democracy.dialogue.annual",
        1,
        "year",
        area="democracy",
        kind="periodic",
        name_vi="UBND xã đối thoại với Nhân dân (ít nhất mỗi năm một lần)",
        name_en="Commune dialogue with residents (at least once a year)",
        start_event_vi="năm",
        start_event_en="the year",
        citation=f"{DC}, Điều 32",
        citation_en=f"{DC_EN}, Art. 32",
    ),
    _r(
        "inspection.answer",
        15,
        "calendar",
        area="inspection",
        name_vi="Trả lời kiến nghị của Ban Thanh tra nhân dân",
        name_en="Answer the People's Inspection Board's recommendation",
        start_event_vi="ngày nhận kiến nghị",
        start_event_en="receipt of the recommendation",
        citation=f"{DC}, Điều 40",
        citation_en=f"{DC_EN}, Art. 40",
    ),
]


# Voters' petitions (engagement app). The period in which a body answers a petition voters
# raised with People's Council deputies is proposed, not read from an official copy: an
# administrator confirms (or corrects) it and its source in the admin.
_ENGAGEMENT = [
    _r(
        "engagement.voter_petition.answer",
        30,
        "calendar",
        area="democracy",
        name_vi="Trả lời kiến nghị cử tri",
        name_en="Answer a voters' petition",
        start_event_vi="ngày nhận kiến nghị",
        start_event_en="receipt of the petition",
        citation="Đề xuất, chưa xác nhận nguồn (quản trị viên xác nhận căn cứ pháp lý)",
        citation_en="Proposed; the legal source is to be confirmed by an administrator",
        confirmed=False,
        note_vi="Giá trị đề xuất 30 ngày; quản trị viên xác nhận hoặc sửa cùng căn cứ.",
        note_en="30 days proposed; an administrator confirms or corrects it with its source.",
    ),
]


def _build() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for rule in _COMPLAINT:
        if rule["id"] == "complaint.accept":
            legacy, current = _with_legacy(rule, LAW_KN)
            rows += [legacy, {**current, "effective_to": LAW_136}, _COMPLAINT_ACCEPT_136]
        else:
            rows += _with_legacy(rule, LAW_KN)
    for rule in _DENUNCIATION:
        if rule["id"] == "denunciation.resolve":
            rows += [_DENUNCIATION_RESOLVE_2011, {**rule, "effective_from": LAW_TC}]
        else:
            rows += _with_legacy(rule, LAW_TC)
    for rule in _RECEPTION:
        rows += _with_legacy(rule, LAW_TCD)
    rows.append(_PARTY_RECEPTION)
    rows += _LETTER
    rows += _onestop_versions(_ONESTOP_DEFICIENCY)
    rows += _onestop_versions(_ONESTOP_APOLOGY)
    for rule in _DEMOCRACY:
        rows += _with_legacy(rule, LAW_DC)
    rows += _ENGAGEMENT
    # version numbers follow effective_from within each id
    by_id: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_id.setdefault(row["id"], []).append(row)
    for versions in by_id.values():
        versions.sort(key=lambda r: r.get("effective_from") or date.min)
        for n, row in enumerate(versions, start=1):
            row["version"] = n
    return rows


RULES: list[dict[str, Any]] = _build()
