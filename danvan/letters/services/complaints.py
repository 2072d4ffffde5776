"""After acceptance: the first-time decision, the window for a second complaint, and the
second-time path (Law on Complaints Art. 28, 33, 36, 37)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.access import require_role
from danvan.cases import services as case_services
from danvan.cases.models import CaseStatus
from danvan.core.services import audit_record
from danvan.letters.models import ComplaintTrack, Letter, LetterKind
from danvan.letters.services import casework, paths
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import identity_for_masking
from danvan.letters.services.intake import LetterInput, Sender, letter_receive


def _locked(letter: Letter) -> tuple[Letter, ComplaintTrack]:
    """The letter and its track as they are now, locked: the state is read from them, not
    from the caller's copy, so two officers deciding at once decide once."""
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("case", "unit")
        .get(pk=letter.pk)
    )
    if letter.kind != LetterKind.COMPLAINT:
        raise LetterError("not_complaint", _("Đơn này không phải đơn khiếu nại."))
    return letter, ComplaintTrack.objects.select_for_update().get(letter=letter)


@transaction.atomic
def complaint_decide(
    *, letter: Letter, actor: Any, decided_at: datetime, summary: str
) -> ComplaintTrack:
    """The resolution decision closes the case; the window for a second complaint starts."""
    require_role(actor, letter.unit, *ACTING_ROLES)
    letter, track = _locked(letter)
    paths.require(letter, track, paths.DECIDE, decided_at)
    if not summary.strip():
        raise LetterError("summary_required", _("Ghi tóm tắt nội dung quyết định."))
    case_services.case_close(
        case=letter.case,
        actor=actor,
        status=CaseStatus.RESOLVED,
        at=decided_at,
        public_note=_("Đã ban hành quyết định giải quyết khiếu nại lần %(n)d.")
        % {"n": track.round},
    )
    track.decision_at, track.decision_summary = decided_at, summary.strip()
    if track.round == 1:
        window = casework.compute_due(
            "complaint.second_window", decided_at, remote=bool(letter.unit.is_remote)
        )
        track.second_window_due = window.due
    track.save()
    audit_record(
        actor=actor,
        action="letters.complaint_decided",
        obj=letter,
        unit_code=letter.unit.code,
        object_repr=letter.code,
    )
    return track


@transaction.atomic
def complaint_second(
    *, first: Letter, actor: Any, received_at: datetime, content: str, channel: str = "desk"
) -> Letter:
    """A second complaint against the first-time decision, linked to it; received after the
    window it is flagged (a ground for not accepting, Art. 11), the officer decides."""
    require_role(actor, first.unit, *ACTING_ROLES)
    first, first_track = _locked(first)
    if first_track.round != 1:
        raise LetterError("not_first", _("Chỉ khiếu nại lần hai đối với quyết định lần đầu."))
    paths.require(first, first_track, paths.SECOND, received_at)
    if first.identity_protected:
        # The same protected person (a complaint split from a letter that held a
        # denunciation): the second complaint shares their encrypted identity, and the
        # identity is used only to mask them in what the officer typed (a logged use).
        kept = identity_for_masking(actor=actor, letter=first)
        sender = Sender.of(first, kept)
    else:
        sender = Sender.of(first)
    letter = letter_receive(
        data=LetterInput(
            unit=first.unit,
            kind=LetterKind.COMPLAINT,
            content=content,
            channel=channel,
            sender=sender,
            received_at=received_at,
            check_repeats=False,
            identity_of=first,
        ),
        actor=actor,
    )
    late = bool(
        first_track.second_window_due
        and casework.local_date(received_at) > first_track.second_window_due
    )
    ComplaintTrack.objects.filter(letter=letter).update(
        round=2, first=first_track, late_second=late
    )
    letter.refresh_from_db()
    return letter
