"""The clock of commitments and petitions.

A petition runs on ``engagement.voter_petition.answer`` (shipped in ``rule_data`` to the rule
table; proposed 30 days, unconfirmed until an administrator checks its source). A commitment has no legal period: its
due date is the date the leader committed to. The case core still needs a rule to open a
case with, so this app contributes ``engagement.commitment`` (zero days: due the day it is
made) and the commitment service sets the committed date on the case at once
(``case_set_due``), which the on-time check then uses as the reference.
"""

from __future__ import annotations

from collections.abc import Iterator

from danvan.deadlines.rulespec import RuleSpec

PETITION_RULE = "engagement.voter_petition.answer"
COMMITMENT_RULE = "engagement.commitment"
PREFIX = COMMITMENT_RULE

COMMITMENT_SPEC = RuleSpec(
    id=COMMITMENT_RULE,
    amount=0,
    unit="calendar",
    area="engagement",
    name_vi="Thực hiện cam kết tại đối thoại (hạn theo ngày lãnh đạo cam kết)",
    name_en="Carry out a commitment made at a dialogue (due on the date committed to)",
    start_event_vi="ngày cam kết",
    start_event_en="the commitment",
    citation="Luật Thực hiện dân chủ ở cơ sở 2022, Điều 32 (hạn do người chủ trì cam kết)",
    citation_en="Law on Grassroots Democracy 2022, Art. 32 (date set by the leader)",
)


def resolve(rule_id: str) -> RuleSpec | None:
    return COMMITMENT_SPEC if rule_id == COMMITMENT_RULE else None


def rules() -> Iterator[RuleSpec]:
    return iter([COMMITMENT_SPEC])
