"""The clock of a joint-programme task. No law sets it: the programme does, and the service
sets each task's agreed deadline on its case. The rule only bounds a task opened without one
(90 days), marked unconfirmed."""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.deadlines.data.rules import number_versions, rule
from danvan.outreach.kinds import JOINT_TASK_RULE

RULES: list[dict[str, Any]] = number_versions(
    [
        rule(
            JOINT_TASK_RULE,
            90,
            "calendar",
            area="outreach",
            name_vi="Nhiệm vụ chương trình phối hợp (thời hạn theo chương trình)",
            name_en="Joint-programme task (deadline set by the programme)",
            start_event_vi="ngày giao nhiệm vụ",
            start_event_en="the day the task is assigned",
            citation="Chương trình phối hợp giữa UBND xã và Mặt trận Tổ quốc, các đoàn thể",
            citation_en="Joint programme of the commune People's Committee and the Front",
            effective_from=date(2020, 1, 1),
            confirmed=False,
        )
    ]
)
AREAS = {"outreach": ("Phối hợp với Mặt trận, đoàn thể", "Coordination with the Front")}


def shipped() -> list[dict[str, Any]]:
    return RULES
