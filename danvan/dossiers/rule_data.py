"""The one-stop shop's rules of law (Decree 61/2018, then Decree 118/2025), one dict per
version; each procedure's own processing time is a computed rule (``dossiers.rules``).

They reach the ``DeadlineRule`` table through ``registries.deadline_rule_sources``
(``shipped``, see ``contributions.register``): the missing (id, version) pairs are seeded after
``migrate`` and by ``seed_deadline_rules``; administrators then correct them in the admin,
with history. Ids and version numbers are data: never renumber a shipped version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.deadlines.data.rules import LEGACY_NOTE_EN, LEGACY_NOTE_VI, number_versions
from danvan.deadlines.data.rules import rule as _r

ND61 = "Nghị định 61/2018/NĐ-CP"
ND118 = "Nghị định 118/2025/NĐ-CP"
ND61_FROM = date(2018, 6, 21)
ND118_FROM = date(2025, 7, 1)

AREAS = {"onestop": ("Một cửa", "One-stop shop")}

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
        "note_vi": LEGACY_NOTE_VI,
        "note_en": LEGACY_NOTE_EN,
    }
    return [legacy, v61, v118]


RULES: list[dict[str, Any]] = number_versions(
    _onestop_versions(_ONESTOP_DEFICIENCY) + _onestop_versions(_ONESTOP_APOLOGY)
)


def shipped() -> list[dict[str, Any]]:
    return RULES
