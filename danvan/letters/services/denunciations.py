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
from danvan.letters.models import DenunciationTrack, Letter, LetterKind
from danvan.letters.models.tracks import CRITERIA_KEYS
from danvan.letters.services import casework, paths
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.errors import LetterError

# Letters' names for the case core's refusals, kept for the forms and the API.
LIMIT_CODES = {"too_many_extensions": "extension_limit"}


def _locked(letter: Letter) -> tuple[Letter, DenunciationTrack]:
    """The letter and its track as they are now, locked: the state is read from them, not
    from the caller's copy."""
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("case", "unit")
        .get(pk=letter.pk)
    )
    if letter.kind != LetterKind.DENUNCIATION:
        raise LetterError("not_denunciation", _("Đơn này không phải đơn tố cáo."))
    return letter, DenunciationTrack.objects.select_for_update().get(letter=letter)


@transaction.atomic
def denunciation_extend(
    *, letter: Letter, actor: Any, criteria: list[str], days: int, reason: str
) -> DenunciationTrack:
    """One extension: complex (1 criterion) allows one, especially complex (2 or more) two,
    each of at most 30 days, 90 days in all (Art. 30(2), (3)) — limits the case core reads
    from the rule ``denunciation.resolve``."""
    require_role(actor, letter.unit, *ACTING_ROLES)
    letter, track = _locked(letter)
    paths.require(letter, track, paths.EXTEND)
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
    letter, track = _locked(letter)
    paths.require(letter, track, paths.CONCLUDE, at)
    if not summary.strip():
        raise LetterError("summary_required", _("Ghi tóm tắt nội dung kết luận."))
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
    letter, track = _locked(letter)
    paths.require(letter, track, paths.PUBLISH, at)
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
