"""The rule table as shipped by the deadlines app, one dict per version, and the helpers
other apps use to ship theirs.

The rules of a kind of case live in that kind's app (complaints, denunciations and letters in
``danvan.letters.rule_data``, the one-stop shop in ``danvan.dossiers.rule_data``) and reach
the same table through ``registries.deadline_rule_sources`` (``shipped``). What stays here
has no kind of case of its own yet: the periodic reception duties, grassroots democracy and
the People's Inspection Board.

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

TCD = "Luật Tiếp công dân 2013"
TCD_EN = "Law on Citizen Reception 2013"
DC = "Luật Thực hiện dân chủ ở cơ sở 2022"
DC_EN = "Law on Grassroots Democracy 2022"

LAW_TCD = date(2014, 7, 1)
LAW_DC = date(2023, 7, 1)

AREAS = {
    "reception": ("Tiếp công dân", "Citizen reception"),
    "democracy": ("Dân chủ ở cơ sở", "Grassroots democracy"),
    "inspection": ("Ban Thanh tra nhân dân", "People's Inspection Board"),
}

LEGACY_NOTE_VI = (
    "Áp dụng cho sự việc phát sinh trước khi luật hiện hành có hiệu lực; quy định cũ chưa được "
    "đối chiếu, tạm dùng giá trị của luật hiện hành."
)
LEGACY_NOTE_EN = (
    "Applies to matters before the current law took effect; the former rule has not been "
    "checked, the current value is used meanwhile."
)


def rule(rule_id: str, amount: int, unit: str, **kw: Any) -> dict[str, Any]:
    """One rule version as a row of the table (see ``RuleSpec`` for the keys)."""
    return {"id": rule_id, "amount": amount, "unit": unit, **kw}


_r = rule


def with_legacy(rule: dict[str, Any], law_from: date) -> list[dict[str, Any]]:
    """The rule from ``law_from`` plus an unconfirmed copy for earlier dates."""
    legacy = {
        **rule,
        "effective_from": None,
        "effective_to": law_from,
        "confirmed": False,
        "note_vi": LEGACY_NOTE_VI,
        "note_en": LEGACY_NOTE_EN,
    }
    return [legacy, {**rule, "effective_from": law_from}]


_with_legacy = with_legacy


def number_versions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Number the versions of each id in the order of ``effective_from`` (1, 2, ...): the
    (id, version) pair is what the table keys a row by, so it must never change for a row
    already shipped."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_id.setdefault(row["id"], []).append(row)
    for versions in by_id.values():
        versions.sort(key=lambda r: r.get("effective_from") or date.min)
        for n, row in enumerate(versions, start=1):
            row["version"] = n
    return rows


_RECEPTION = [
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

# Conclusion 215-KL/TW (23/11/2025) amends Regulation 11-QĐi/TW: the head of a commune Party
# committee receives citizens at least 2 days a month (DOMAIN §7). The earlier version keeps
# computing history before that date.
KL215_FROM = date(2025, 11, 23)
KL215 = "Quy định 11-QĐi/TW năm 2019, sửa đổi bởi Kết luận 215-KL/TW ngày 23/11/2025"
KL215_EN = "Regulation 11-QDi/TW (2019) as amended by Conclusion 215-KL/TW of 23/11/2025"
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
    effective_to=KL215_FROM,
)
_PARTY_RECEPTION_215 = {
    **_PARTY_RECEPTION,
    "amount": 2,
    "name_vi": "Bí thư cấp ủy cấp xã tiếp dân định kỳ (ít nhất 2 ngày mỗi tháng)",
    "name_en": "Commune Party secretary's reception (at least 2 days a month)",
    "citation": KL215,
    "citation_en": KL215_EN,
    "confirmed": True,
    "note_vi": (
        "Cấp xã ít nhất 2 ngày mỗi tháng (cấp tỉnh 1 ngày), thêm tiếp dân đột xuất khi vụ việc "
        "phức tạp, kéo dài, đông người; trả lời bằng văn bản trong 10 ngày làm việc."
    ),
    "note_en": (
        "Communes at least 2 days a month (provinces 1 day), plus ad-hoc reception for complex, "
        "long-running or crowded cases; written answer within 10 working days."
    ),
    "effective_from": KL215_FROM,
    "effective_to": None,
}

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


# Thresholds of the residents' decisions (DOMAIN §6): fractions, not periods, so they are kept
# beside the democracy rules rather than in the day-counting table. Each is a ratio over a
# base ("households": every household row of the village; "villages": the commune's villages
# whose own vote passed), ``strict`` meaning "more than" (> 50 %) rather than "at least"
# (≥ 2/3). Versions are chosen by the date the decision opens, like the rules above.
_DEMOCRACY_THRESHOLDS = [
    {
        "id": "democracy.threshold.contribution",
        "numerator": 2,
        "denominator": 3,
        "strict": False,
        "base": "households",
        "name_vi": "Đóng góp xây dựng công trình: ít nhất 2/3 tổng số hộ đồng ý",
        "name_en": "Infrastructure contributions: at least 2/3 of all households agree",
        "citation": f"{DC}, Điều 15 khoản 1; Điều 23",
        "citation_en": f"{DC_EN}, Art. 15(1); Art. 23",
        "effective_from": LAW_DC,
        "confirmed": False,
        "note_vi": "Số điều về tỷ lệ cần đối chiếu với văn bản chính thức.",
        "note_en": "The article of the ratio is to be checked against the official text.",
    },
    {
        "id": "democracy.threshold.community_fund",
        "numerator": 2,
        "denominator": 3,
        "strict": False,
        "base": "households",
        "name_vi": "Thành lập, mức đóng góp quỹ cộng đồng: ít nhất 2/3 tổng số hộ đồng ý",
        "name_en": "Community funds: at least 2/3 of all households agree",
        "citation": f"{DC}, Điều 15 khoản 2; Điều 23",
        "citation_en": f"{DC_EN}, Art. 15(2); Art. 23",
        "effective_from": LAW_DC,
        "confirmed": False,
        "note_vi": "Số điều về tỷ lệ cần đối chiếu với văn bản chính thức.",
        "note_en": "The article of the ratio is to be checked against the official text.",
    },
    {
        "id": "democracy.threshold.majority",
        "numerator": 1,
        "denominator": 2,
        "strict": True,
        "base": "households",
        "name_vi": "Các nội dung khác Nhân dân quyết định: trên 50% tổng số hộ đồng ý",
        "name_en": "Other matters residents decide: more than 50% of all households agree",
        "citation": f"{DC}, Điều 15 khoản 3–6; Điều 23",
        "citation_en": f"{DC_EN}, Art. 15(3)–(6); Art. 23",
        "effective_from": LAW_DC,
        "confirmed": False,
        "note_vi": "Số điều về tỷ lệ cần đối chiếu với văn bản chính thức.",
        "note_en": "The article of the ratio is to be checked against the official text.",
    },
    {
        "id": "democracy.threshold.online_consent",
        "numerator": 1,
        "denominator": 2,
        "strict": True,
        "base": "households",
        "name_vi": "Đồng ý biểu quyết trực tuyến: trên 50% tổng số hộ",
        "name_en": "Agreement to vote online: more than 50% of all households",
        "citation": f"{DC}, Điều 22",
        "citation_en": f"{DC_EN}, Art. 22",
        "effective_from": LAW_DC,
        "confirmed": False,
        "note_vi": "Số điều cần đối chiếu với văn bản chính thức.",
        "note_en": "The article is to be checked against the official text.",
    },
    {
        "id": "democracy.threshold.initiative",
        "numerator": 1,
        "denominator": 10,
        "strict": False,
        "base": "households",
        "name_vi": "Sáng kiến của Nhân dân: ít nhất 10% tổng số hộ đề nghị",
        "name_en": "Residents' initiative: at least 10% of all households",
        "citation": f"{DC}, Điều 20",
        "citation_en": f"{DC_EN}, Art. 20",
        "effective_from": LAW_DC,
        "confirmed": False,
        "note_vi": "Số điều cần đối chiếu với văn bản chính thức.",
        "note_en": "The article is to be checked against the official text.",
    },
    {
        "id": "democracy.threshold.commune_villages",
        "numerator": 2,
        "denominator": 3,
        "strict": False,
        "base": "villages",
        "name_vi": "Nội dung phạm vi cấp xã: ít nhất 2/3 số thôn, tổ dân phố tán thành",
        "name_en": "Commune-wide matters: at least 2/3 of the villages agree",
        "citation": f"{DC}, Điều 23",
        "citation_en": f"{DC_EN}, Art. 23",
        "effective_from": LAW_DC,
        "confirmed": False,
        "note_vi": "Số điều cần đối chiếu với văn bản chính thức.",
        "note_en": "The article is to be checked against the official text.",
    },
]

DEMOCRACY_THRESHOLDS: list[dict[str, Any]] = [
    {**t, "version": 1, "effective_to": None} for t in _DEMOCRACY_THRESHOLDS
]


def _build() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for rule in _RECEPTION:
        rows += _with_legacy(rule, LAW_TCD)
    rows += [_PARTY_RECEPTION, _PARTY_RECEPTION_215]
    for rule in _DEMOCRACY:
        rows += _with_legacy(rule, LAW_DC)
    return number_versions(rows)


RULES: list[dict[str, Any]] = _build()
