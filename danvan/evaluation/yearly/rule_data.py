"""The clocks of the yearly scoring. No law sets them: each province's decision does (Bắc
Kạn's Decision 1878-QĐ/TU; Quảng Nam's Decision 1094 self-assesses each November), and the
province types its dates when it opens the cycle; each case's due date is that date. The
rules only bound a step opened without one (30 days), marked unconfirmed."""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.deadlines.data.rules import number_versions, rule
from danvan.evaluation.yearly.kinds import APPRAISAL_RULE, SELF_RULE

CITATION = "Quyết định của tỉnh về đánh giá công tác dân vận chính quyền (vd. 1878-QĐ/TU, Bắc Kạn)"
CITATION_EN = "The province's decision on scoring dân vận chính quyền (e.g. 1878-QĐ/TU, Bắc Kạn)"
RULES: list[dict[str, Any]] = number_versions(
    [
        rule(
            SELF_RULE,
            30,
            "calendar",
            area="evaluation",
            name_vi="Xã tự đánh giá công tác dân vận chính quyền (hạn do tỉnh quy định)",
            name_en="Commune's self-assessment of dân vận chính quyền (date set by the province)",
            start_event_vi="ngày tỉnh mở kỳ đánh giá",
            start_event_en="the day the province opens the cycle",
            citation=CITATION,
            citation_en=CITATION_EN,
            effective_from=date(2017, 10, 30),
            confirmed=False,
        ),
        rule(
            APPRAISAL_RULE,
            30,
            "calendar",
            area="evaluation",
            name_vi="Thẩm định kết quả tự đánh giá của xã (hạn do tỉnh quy định)",
            name_en="Appraisal of a commune's self-assessment (date set by the province)",
            start_event_vi="ngày xã gửi kết quả tự đánh giá",
            start_event_en="the day the commune submits its self-assessment",
            citation=CITATION,
            citation_en=CITATION_EN,
            effective_from=date(2017, 10, 30),
            confirmed=False,
        ),
    ]
)
AREAS = {"evaluation": ("Đánh giá dân vận chính quyền", "Scoring of dân vận chính quyền")}


def shipped() -> list[dict[str, Any]]:
    return RULES
