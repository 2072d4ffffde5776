"""The complaint and denunciation paths as state tables: from each state, the actions that
may follow, and the moment each one may not precede.

Every service that moves a complaint or a denunciation on asks ``require`` first, so a
complaint is decided once, a conclusion is not dated before the acceptance it concludes, a
publication not before its conclusion, a second complaint not before the first decision
(Law on Complaints Art. 28, 33, 37; Law on Denunciation Art. 29, 35, 40). The tables are
the contract the tests walk exhaustively: every action from every state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.letters.models import (
    ComplaintTrack,
    Decision,
    DenunciationTrack,
    Letter,
    LetterKind,
)
from danvan.letters.services.errors import LetterError

# States.
RECEIVED = "received"  # no processing decision yet
ACCEPTED = "accepted"  # accepted for resolution (thụ lý)
DECIDED = "decided"  # complaint: the resolution decision issued
CONCLUDED = "concluded"  # denunciation: the conclusion issued
PUBLISHED = "published"  # denunciation: the conclusion made public
CLOSED = "closed"  # answered without acceptance (guided, forwarded, not eligible...)

# Actions: the processing decisions (``letter_decide``), then each path's own.
ACCEPT, GUIDE, FORWARD, REFUSE, INFORMATION = (
    "accept",
    "guide",
    "forward",
    "refuse",
    "information",
)
DECIDE, SECOND = "decide", "second"
EXTEND, CONCLUDE, PUBLISH = "extend", "conclude", "publish"

DECISION_ACTIONS = {
    Decision.ACCEPTED: ACCEPT,
    Decision.GUIDED: GUIDE,
    Decision.FORWARDED: FORWARD,
    Decision.NOT_ELIGIBLE: REFUSE,
    Decision.INFORMATION: INFORMATION,
}

# (state, action) -> the state it leads to. Anything not listed is refused. Which of the
# decisions suit a given letter (an anonymous denunciation is not accepted, a denunciation
# is forwarded, not guided) is the decision's own check (``decisions._check``).
COMPLAINT: dict[tuple[str, str], str] = {
    (RECEIVED, ACCEPT): ACCEPTED,
    (RECEIVED, GUIDE): CLOSED,
    (RECEIVED, FORWARD): CLOSED,
    (RECEIVED, REFUSE): CLOSED,
    (ACCEPTED, DECIDE): DECIDED,
    # A second complaint is a letter of its own; the first stays decided.
    (DECIDED, SECOND): DECIDED,
}
DENUNCIATION: dict[tuple[str, str], str] = {
    (RECEIVED, ACCEPT): ACCEPTED,
    (RECEIVED, FORWARD): CLOSED,
    (RECEIVED, REFUSE): CLOSED,
    (RECEIVED, INFORMATION): CLOSED,
    (ACCEPTED, EXTEND): ACCEPTED,
    (ACCEPTED, CONCLUDE): CONCLUDED,
    (CONCLUDED, PUBLISH): PUBLISHED,
}
TABLES = {LetterKind.COMPLAINT: COMPLAINT, LetterKind.DENUNCIATION: DENUNCIATION}
STATES = {
    LetterKind.COMPLAINT: (RECEIVED, ACCEPTED, DECIDED, CLOSED),
    LetterKind.DENUNCIATION: (RECEIVED, ACCEPTED, CONCLUDED, PUBLISHED, CLOSED),
}
ACTIONS = {
    LetterKind.COMPLAINT: (ACCEPT, GUIDE, FORWARD, REFUSE, INFORMATION, DECIDE, SECOND),
    LetterKind.DENUNCIATION: (
        ACCEPT,
        GUIDE,
        FORWARD,
        REFUSE,
        INFORMATION,
        EXTEND,
        CONCLUDE,
        PUBLISH,
    ),
}


def state_of(letter: Letter, track: ComplaintTrack | DenunciationTrack | None) -> str:
    """Where the letter stands on its path, from what is recorded (nothing else to drift)."""
    if letter.decision == Decision.PENDING:
        return RECEIVED
    if letter.decision != Decision.ACCEPTED or track is None or track.accepted_at is None:
        return CLOSED
    if isinstance(track, ComplaintTrack):
        return DECIDED if track.decision_at is not None else ACCEPTED
    if track.published_at is not None:
        return PUBLISHED
    return CONCLUDED if track.concluded_at is not None else ACCEPTED


def since(letter: Letter, track: ComplaintTrack | DenunciationTrack | None, state: str) -> Any:
    """The moment the letter entered ``state``: no action from it may be dated earlier."""
    if state == RECEIVED:
        return letter.received_at
    if state == ACCEPTED:
        return track.accepted_at if track is not None else None
    if state == DECIDED:
        return getattr(track, "decision_at", None)
    if state == CONCLUDED:
        return getattr(track, "concluded_at", None)
    if state == PUBLISHED:
        return getattr(track, "published_at", None)
    return letter.decided_at


def _refusal(state: str, action: str) -> LetterError:
    """The refusal in the words the officers know (and the codes forms and API return)."""
    if action in DECISION_ACTIONS.values():
        if state == RECEIVED:
            return LetterError("bad_decision", _("Hướng xử lý không hợp lệ."))
        return LetterError("already_decided", _("Đơn này đã được xử lý."))
    if action == DECIDE:
        if state == DECIDED:
            return LetterError("already_decided", _("Khiếu nại đã có quyết định giải quyết."))
        return LetterError("not_accepted", _("Khiếu nại chưa được thụ lý."))
    if action == SECOND:
        return LetterError(
            "not_decided",
            _("Chỉ khiếu nại lần hai sau khi có quyết định giải quyết lần đầu."),
        )
    if action in (EXTEND, CONCLUDE):
        if state in (CONCLUDED, PUBLISHED):
            return LetterError("concluded", _("Tố cáo đã có kết luận."))
        return LetterError("not_accepted", _("Tố cáo chưa được thụ lý."))
    if action == PUBLISH:
        if state == PUBLISHED:
            return LetterError("published", _("Kết luận đã được công khai."))
        return LetterError("not_concluded", _("Chưa có kết luận để công khai."))
    return LetterError("bad_transition", _("Thao tác không hợp lệ ở bước này."))


def _too_early(action: str, entered: datetime) -> LetterError:
    day = timezone.localtime(entered).strftime("%d/%m/%Y")
    messages = {
        DECIDE: _("Ngày quyết định phải sau ngày thụ lý (%(date)s)."),
        CONCLUDE: _("Ngày kết luận phải sau ngày thụ lý (%(date)s)."),
        PUBLISH: _("Ngày công khai phải sau ngày kết luận (%(date)s)."),
        SECOND: _("Khiếu nại lần hai phải sau ngày quyết định lần đầu (%(date)s)."),
    }
    text = messages.get(action, _("Ngày xử lý phải sau ngày nhận đơn (%(date)s)."))
    code = {PUBLISH: "before_concluded", SECOND: "before_decision"}.get(
        action, "before_received" if action in DECISION_ACTIONS.values() else "before_accepted"
    )
    return LetterError(code, text % {"date": day})


def require(
    letter: Letter,
    track: ComplaintTrack | DenunciationTrack | None,
    action: str,
    at: datetime | None = None,
) -> str:
    """Refuse ``action`` unless the table has it from the letter's state, and ``at`` (when
    the action is dated) before the moment that state began. Returns the next state."""
    table = TABLES.get(letter.kind)
    if table is None:
        return ""
    state = state_of(letter, track)
    following = table.get((state, action))
    if following is None:
        raise _refusal(state, action)
    entered = since(letter, track, state)
    if at is not None and entered is not None and at < entered:
        raise _too_early(action, entered)
    return following
