"""The kind of case of a joint-programme task: its clock, the work queue, reminders."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.cases.kinds import CaseKindManifest

JOINT_TASK_KIND = "joint_task"
SUPERVISION_KIND = "supervision_answer"
SUPERVISION_RULE = "outreach.supervision.answer"
JOINT_TASK_RULE = "outreach.joint_task"
DEADLINE_AGREED = "deadline_agreed"


def hidden(case):  # type: ignore[no-untyped-def]
    # The deadline is the programme's: no extension under the complaint rules.
    return ("extend", "pause", "resume")


MANIFEST = CaseKindManifest(
    key=JOINT_TASK_KIND,
    app="outreach",
    label=_("Nhiệm vụ chương trình phối hợp"),
    rules=(JOINT_TASK_RULE,),
    code_prefix="PH",
    hidden_actions=hidden,
    event_kinds={DEADLINE_AGREED: _("Hạn theo chương trình phối hợp")},
)


SUPERVISION_MANIFEST = CaseKindManifest(
    key=SUPERVISION_KIND,
    app="outreach",
    label=_("Trả lời kiến nghị sau giám sát"),
    rules=(SUPERVISION_RULE,),
    code_prefix="GS",
    hidden_actions=hidden,
)
