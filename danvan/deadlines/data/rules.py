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


def _build() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for rule in _RECEPTION:
        rows += _with_legacy(rule, LAW_TCD)
    rows.append(_PARTY_RECEPTION)
    for rule in _DEMOCRACY:
        rows += _with_legacy(rule, LAW_DC)
    return number_versions(rows)


RULES: list[dict[str, Any]] = _build()
