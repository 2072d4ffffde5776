"""The kind's rule of law, shipped as data: seeded into the rules table after ``migrate``."""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.deadlines.data.rules import number_versions, rule

RULE_ID = "kindapp.street_light.repair"

RULES: list[dict[str, Any]] = number_versions(
    [
        rule(
            RULE_ID,
            5,
            "working",
            area="kindapp",
            name_vi="Sửa đèn đường hỏng",
            name_en="Repair a broken street light",
            start_event_vi="ngày nhận tin báo",
            start_event_en="receipt of the report",
            citation="Quy chế thử nghiệm 1/2026",
            citation_en="Test regulation 1/2026",
            effective_from=date(2020, 1, 1),
        )
    ]
)
AREAS = {"kindapp": ("Chiếu sáng công cộng", "Street lighting")}


def shipped() -> list[dict[str, Any]]:
    return RULES
