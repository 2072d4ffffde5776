"""The clock of a joint-programme task. No law sets it: the programme does, and the service
sets each task's agreed deadline on its case. The rule only bounds a task opened without one
(90 days), marked unconfirmed."""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.deadlines.data.rules import number_versions, rule
from danvan.outreach.kinds import JOINT_TASK_RULE, SUPERVISION_RULE

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
        ),
        # The supervised body answers the Front's recommendations in writing. The period is
        # read in secondary copies of the joint resolution; an administrator confirms it.
        rule(
            SUPERVISION_RULE,
            30,
            "calendar",
            area="outreach",
            name_vi="Trả lời bằng văn bản kiến nghị sau giám sát của Mặt trận, đoàn thể",
            name_en="Written answer to the Front's recommendations after a supervision",
            start_event_vi="ngày nhận văn bản kiến nghị",
            start_event_en="receipt of the recommendations",
            citation=(
                "Luật Mặt trận Tổ quốc Việt Nam 2015, Chương V; Nghị quyết liên tịch "
                "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN"
            ),
            citation_en=(
                "Law on the Vietnam Fatherland Front 2015, Chapter V; Joint Resolution "
                "403/2017/NQLT-UBTVQH14-CP-DCTUBTWMTTQVN"
            ),
            confirmed=False,
            note_vi="Thời hạn đọc từ bản sao thứ cấp, chưa đối chiếu văn bản gốc.",
            note_en="Period read in secondary copies; not checked against the official text.",
        ),
    ]
)
AREAS = {"outreach": ("Phối hợp với Mặt trận, đoàn thể", "Coordination with the Front")}


def shipped() -> list[dict[str, Any]]:
    return RULES
