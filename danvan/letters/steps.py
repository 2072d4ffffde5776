"""Where a letter or a reception entry stands on its legal path (the kind manifests'
``path``, drawn at the top of the letter page and the case page).

The paths: every letter is received, then processed (Circular 05/2021/TT-TTCP: accepted,
guided, forwarded, not eligible…); once accepted, a complaint is decided (Law on Complaints
Art. 27–31), a denunciation concluded and its conclusion made public (Law on Denunciation
Art. 35, 40), a petition or a reflection answered (Law on Reception of Citizens Art. 28).
A letter closed without acceptance stops at its processing decision.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.cases.kinds import PathStep
from danvan.cases.models import CLOSED_STATUSES
from danvan.letters.models import Decision, Letter, LetterKind


def _mark(stages: list[tuple[Any, bool, str]]) -> list[PathStep]:
    """(label, done, note) in order -> steps; the first step not done is the current one, or
    the last when all are (the case has reached its end)."""
    steps: list[PathStep] = []
    current_given = False
    for label, done, note in stages:
        if done:
            steps.append(PathStep(label, "done", note))
        elif not current_given:
            steps.append(PathStep(label, "current", note))
            current_given = True
        else:
            steps.append(PathStep(label, "todo", note))
    if not current_given and steps:
        last = steps[-1]
        steps[-1] = PathStep(last.label, "current", last.note)
    return steps


def resolution_stages(letter: Letter) -> list[tuple[Any, bool, str]]:
    """The steps after acceptance, by the letter's own law."""
    closed = letter.case.status in CLOSED_STATUSES
    if letter.kind == LetterKind.COMPLAINT:
        track = getattr(letter, "complaint", None)
        decided = bool(track and track.decision_at)
        return [(_("Quyết định giải quyết khiếu nại"), decided, "")]
    if letter.kind == LetterKind.DENUNCIATION:
        track = getattr(letter, "denunciation", None)
        return [
            (_("Kết luận nội dung tố cáo"), bool(track and track.concluded_at), ""),
            (_("Công khai kết luận"), bool(track and track.published_at), ""),
        ]
    return [(_("Trả lời người gửi, kết thúc"), closed, "")]


def letter_stages(letter: Letter) -> list[tuple[Any, bool, str]]:
    case = letter.case
    stages: list[tuple[Any, bool, str]] = [(_("Tiếp nhận"), True, "")]
    if letter.decision == Decision.PENDING:
        stages.append((_("Phân loại, xử lý đơn"), False, ""))
        if letter.kind == LetterKind.MIXED:
            stages.append((_("Tách đơn theo từng nội dung"), False, ""))
            return stages
        return [*stages, (_("Thụ lý"), False, ""), *resolution_stages(letter)]
    if letter.decision != Decision.ACCEPTED:
        stages.append((_("Xử lý đơn"), True, str(letter.get_decision_display())))
        closed = case.status in CLOSED_STATUSES
        stages.append(
            (
                case.get_status_display() if closed else pgettext("case event", "Kết thúc"),
                closed,
                "",
            )
        )
        return stages
    stages.append((_("Thụ lý"), True, ""))
    return [*stages, *resolution_stages(letter)]


def letter_path(case: Any) -> list[PathStep]:
    letter = (
        Letter.objects.filter(case=case).select_related("case", "complaint", "denunciation").first()
    )
    if letter is None:
        from danvan.cases.kinds import generic_path

        return generic_path(case)
    return _mark(letter_stages(letter))


def entry_path(case: Any) -> list[PathStep]:
    """A request made at a reception session: recorded, then answered in writing within
    the time the law gives (Law on Reception of Citizens Art. 28), which closes it."""
    closed = case.status in CLOSED_STATUSES
    return _mark(
        [
            (pgettext("case event", "Vào sổ tiếp công dân"), True, ""),
            (_("Trả lời, hướng dẫn người dân"), closed, ""),
            (
                case.get_status_display() if closed else pgettext("case event", "Kết thúc"),
                closed,
                "",
            ),
        ]
    )
