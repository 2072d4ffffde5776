"""The deadline rule of law engagement ships: the period in which a voters' petition is
answered, one dict per version.

It reaches the ``DeadlineRule`` table through ``registries.deadline_rule_sources``
(``shipped``, see ``contributions.register``): seeded after ``migrate`` and by
``seed_deadline_rules``; administrators then correct it in the admin, with history. The
period is proposed, not read from an official copy: it ships unconfirmed, for an
administrator to confirm (or correct) with its source. Ids and version numbers are data:
never renumber a shipped version.
"""

from __future__ import annotations

from typing import Any

from danvan.deadlines.data.rules import number_versions
from danvan.deadlines.data.rules import rule as _r

AREAS = {"engagement": ("Đối thoại, kiến nghị cử tri", "Dialogues and voters' petitions")}

_PETITION_ANSWER = _r(
    "engagement.voter_petition.answer",
    30,
    "calendar",
    area="engagement",
    name_vi="Trả lời kiến nghị cử tri",
    name_en="Answer a voters' petition",
    start_event_vi="ngày nhận kiến nghị",
    start_event_en="receipt of the petition",
    citation="Đề xuất, chưa xác nhận nguồn (quản trị viên xác nhận căn cứ pháp lý)",
    citation_en="Proposed; the legal source is to be confirmed by an administrator",
    confirmed=False,
    note_vi="Giá trị đề xuất 30 ngày; quản trị viên xác nhận hoặc sửa cùng căn cứ.",
    note_en="30 days proposed; an administrator confirms or corrects it with its source.",
)

RULES: list[dict[str, Any]] = number_versions([_PETITION_ANSWER])


def shipped() -> list[dict[str, Any]]:
    return RULES
