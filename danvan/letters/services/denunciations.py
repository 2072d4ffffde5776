"""After acceptance: extensions by the Decree 31/2019 criteria, conclusion and publication
(Law on Denunciation Art. 30, 35, 40)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.access import require_role
from danvan.cases import services as case_services
from danvan.cases.models import CaseStatus
from danvan.core.services import audit_record
from danvan.letters.models import Decision, DenunciationTrack, Letter, LetterKind
from danvan.letters.models.tracks import CRITERIA_KEYS
from danvan.letters.services import casework
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.errors import LetterError

# Letters' names for the case core's refusals, kept for the forms and the API.
LIMIT_CODES = {"too_many_extensions": "extension_limit"}


def _track(letter: Letter) -> DenunciationTrack:
    if letter.kind != LetterKind.DENUNCIATION:
        raise LetterError("not_denunciation", _("Đơn này không phải đơn tố cáo."))
    return DenunciationTrack.objects.select_for_update().get(letter=letter)


def _require_accepted(letter: Letter, track: DenunciationTrack) -> None:
    if letter.decision != Decision.ACCEPTED or track.accepted_at is None:
        raise LetterError("not_accepted", _("Tố cáo chưa được thụ lý."))
    if track.concluded_at is not None:
        raise LetterError("concluded", _("Tố cáo đã có kết luận."))


@transaction.atomic
def denunciation_extend(
    *, letter: Letter, actor: Any, criteria: list[str], days: int, reason: str
) -> DenunciationTrack:
    """One extension: complex (1 criterion) allows one, especially complex (2 or more) two,
    each of at most 30 days, 90 days in all (Art. 30(2), (3)) — limits the case core reads
    from the rule ``denunciation.resolve``."""
    require_role(actor, letter.unit, *ACTING_ROLES)
    track = _track(letter)
    _require_accepted(letter, track)
    chosen = sorted(set(criteria))
    if not chosen or not set(chosen) <= CRITERIA_KEYS:
        raise LetterError(
            "criterion_required",
            _("Gia hạn phải nêu tiêu chí phức tạp (Nghị định 31/2019, Điều 3)."),
        )
    used = [*track.extension_days, days]
    # The case core counts the extension on the legal clock: the criteria it records make
    # the matter complex (one) or especially complex (two or more, a second extension).
    try:
        case_services.case_extend(
            case=letter.case, actor=actor, reason=reason.strip(), criteria=chosen, days=days
        )
    except case_services.CaseError as exc:
        # The number and length of extensions are the rule's (denunciation.resolve in the
        # deadlines table, Law on Denunciation 2018 Art. 30), checked by the case core.
        code = LIMIT_CODES.get(exc.code, exc.code)
        raise LetterError(code, exc.message) from exc
    track.extensions_used = len(used)
    track.extension_days = used
    track.criteria = chosen
    track.save()
    audit_record(
        actor=actor,
        action="letters.denunciation_extended",
        obj=letter,
        unit_code=letter.unit.code,
        object_repr=letter.code,
        detail={"days": days},
    )
    return track


@transaction.atomic
def denunciation_conclude(
    *, letter: Letter, actor: Any, at: datetime, summary: str
) -> DenunciationTrack:
    require_role(actor, letter.unit, *ACTING_ROLES)
    track = _track(letter)
    _require_accepted(letter, track)
    if not summary.strip():
        raise LetterError("summary_required", _("Ghi tóm tắt nội dung kết luận."))
    if at < track.accepted_at:
        raise LetterError("before_accepted", _("Ngày kết luận phải sau ngày thụ lý."))
    case_services.case_close(
        case=letter.case,
        actor=actor,
        status=CaseStatus.RESOLVED,
        at=at,
        public_note=_("Đã ban hành kết luận nội dung tố cáo."),
    )
    track.concluded_at, track.conclusion_summary = at, summary.strip()
    track.publication_due = casework.compute_due("denunciation.conclusion.publish", at).due
    track.save()
    audit_record(
        actor=actor,
        action="letters.denunciation_concluded",
        obj=letter,
        unit_code=letter.unit.code,
        object_repr=letter.code,
    )
    return track


@transaction.atomic
def denunciation_publish(
    *, letter: Letter, actor: Any, at: datetime, where: str
) -> DenunciationTrack:
    require_role(actor, letter.unit, *ACTING_ROLES)
    track = _track(letter)
    if track.concluded_at is None:
        raise LetterError("not_concluded", _("Chưa có kết luận để công khai."))
    if track.published_at is not None:
        raise LetterError("published", _("Kết luận đã được công khai."))
    if not where.strip():
        raise LetterError("where_required", _("Ghi rõ hình thức công khai."))
    track.published_at, track.published_where = at, where.strip()[:200]
    track.save()
    audit_record(
        actor=actor,
        action="letters.denunciation_published",
        obj=letter,
        unit_code=letter.unit.code,
        object_repr=letter.code,
    )
    return track
