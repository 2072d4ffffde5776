"""Correcting a letter's kind after intake, before any decision on it.

Officers misclassify at the desk; Circular 05/2021/TT-TTCP has a letter classified before it
is decided. Until the processing decision (accept, guide, forward, not eligible...) the
commune leader or the letter's assignee may correct the kind, giving a reason. The legal
clock follows: the intake rule of the new kind, counted again from the original receipt.

The denouncer stays protected both ways (Law on Denunciation Art. 9, 47): a letter corrected
into a denunciation (or a mixed letter, which may hold one) has its sender encrypted and
masked at once — in the letter, in the notes typed on its case before the correction and in
its attachments' names — and its case made confidential; a letter corrected away from those
keeps the protection it had — the identity is never put back in clear.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.access import require_role
from danvan.cases.models import Case
from danvan.cases.services import CaseError, case_reclassify
from danvan.core.notifications import notifications_redact
from danvan.core.services import audit_record
from danvan.letters.models import (
    ComplaintTrack,
    Decision,
    DenunciationTrack,
    Letter,
    LetterKind,
    ProtectedIdentity,
)
from danvan.letters.models.letters import PROTECTED_KINDS, protected_q
from danvan.letters.services import casework, crypto
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.entitled import leader_or_assignee
from danvan.letters.services.errors import LetterError
from danvan.letters.services.history import hide_sender
from danvan.letters.services.identity import (
    Identity,
    identity_for_masking,
    identity_store,
    mask,
)

REASON_MAX = 500


def may_correct_kind(user: Any, letter: Letter) -> bool:
    """Those who may read the sender's identity (``may_read_identity``), except that the
    assignee must also act on letters in the letter's commune: a correction is an act on the
    letter, and ``letter_correct_kind`` requires that role of everyone."""
    return leader_or_assignee(user, letter, assignee_roles=ACTING_ROLES)


def require_may_correct_kind(user: Any, letter: Letter) -> None:
    if not may_correct_kind(user, letter):
        raise PermissionDenied(
            _("Chỉ lãnh đạo UBND xã hoặc người được giao xử lý đơn được sửa loại đơn.")
        )


def correctable(letter: Letter) -> bool:
    """No processing decision yet, the case still open."""
    return letter.decision == Decision.PENDING and letter.case.is_open


def _label(kind: str) -> str:
    return str(LetterKind(kind).label)


def _check(letter: Letter, kind: str, expected_kind: str | None) -> None:
    if expected_kind and letter.kind != expected_kind:
        raise LetterError(
            "changed_meanwhile",
            _("Loại đơn vừa được người khác sửa thành “%(kind)s”; xem lại trước khi sửa.")
            % {"kind": _label(letter.kind)},
        )
    if letter.decision != Decision.PENDING:
        raise LetterError(
            "already_decided",
            _("Đơn đã có kết quả xử lý (%(what)s): chỉ sửa được loại đơn trước khi xử lý đơn.")
            % {"what": letter.get_decision_display()},
        )
    if not letter.case.is_open:
        raise LetterError("closed", _("Đơn đã kết thúc, không sửa được loại đơn."))
    if kind == letter.kind:
        raise LetterError(
            "same_kind",
            _("Đơn đang là “%(kind)s”; chọn loại đơn khác để sửa.") % {"kind": _label(kind)},
        )
    if letter.kind == LetterKind.COMPLAINT and (
        ComplaintTrack.objects.filter(letter=letter, round=2).exists()
    ):
        raise LetterError(
            "second_complaint",
            _(
                "Khiếu nại lần hai gắn với quyết định giải quyết lần đầu, không đổi sang loại "
                "đơn khác được."
            ),
        )
    if kind == LetterKind.MIXED and letter.split_from_id:
        raise LetterError(
            "split_part",
            _(
                "Đơn này được tách từ đơn có nhiều nội dung; mỗi phần chỉ có một nội dung, "
                "không sửa thành đơn có nhiều nội dung được."
            ),
        )


def _protect(letter: Letter, actor: Any) -> Identity:
    """Encrypt the sender now, mask them in the letter's text and clear them in clear text
    (the case's copy is cleared by the case core), and hide them in what was written before
    anyone knew they needed protection."""
    identity = Identity(
        name=letter.sender_name,
        phone=letter.sender_phone,
        email=letter.sender_email,
        address=letter.sender_address,
        original_content=letter.content,
    )
    has_someone = any(
        v.strip() for v in (identity.name, identity.phone, identity.email, identity.address)
    )
    if has_someone and not ProtectedIdentity.objects.filter(letter=letter).exists():
        identity_store(identity=identity, letter=letter)
    letter.content = mask(letter.content, identity)
    letter.title = mask(letter.title, identity)
    letter.content_key = crypto.content_key(letter.content)
    letter.sender_name = letter.sender_phone = letter.sender_email = letter.sender_address = ""
    letter.sender_protected = True
    # Repeat links to and from ordinary letters would tie the name on their pages to this
    # letter (``intake.find_previous`` never makes them across the protection): dropped.
    if letter.duplicate_of_id and not letter.duplicate_of.identity_protected:
        letter.duplicate_of, letter.is_repeat = None, False
    Letter.objects.filter(duplicate_of=letter).exclude(protected_q()).update(
        duplicate_of=None, is_repeat=False
    )
    # A message queued or sent before the correction holds the phone or e-mail in clear.
    notifications_redact(
        object_ref=letter.case.code, reason="sender protected after correction", actor=actor
    )
    # Notes typed on the case before anyone knew (an assignment naming the caller) and the
    # attachments' names, often the sender's own.
    hide_sender(letter=letter, actor=actor, identity=identity)
    return identity


def _tracks(letter: Letter, old: str, new: str, checks_several_places: bool) -> None:
    """The stage rows follow the kind; before a decision they hold nothing yet."""
    if old == LetterKind.COMPLAINT:
        ComplaintTrack.objects.filter(letter=letter, accepted_at__isnull=True).delete()
    if old == LetterKind.DENUNCIATION:
        DenunciationTrack.objects.filter(letter=letter, accepted_at__isnull=True).delete()
    if new == LetterKind.DENUNCIATION:
        DenunciationTrack.objects.create(letter=letter, checks_several_places=checks_several_places)
    elif new == LetterKind.COMPLAINT:
        ComplaintTrack.objects.create(letter=letter, remote=bool(letter.unit.is_remote))


# The case core's refusals when the clock already moved (a pause, an extension or a decided
# date recorded on the case page): said in letters' words.
CLOCK_MOVED = frozenset({"accepted", "already_paused", "clock_moved"})


def _reclassify_case(
    letter: Letter,
    old: str,
    kind: str,
    protection: str,
    reason: str,
    checks_several_places: bool,
    actor: Any,
) -> Case:
    """Put the case on the new kind's intake rule, counted from the receipt."""
    try:
        return case_reclassify(
            case=letter.case,
            actor=actor,
            kind=casework.CASE_KIND[kind],
            rule_id=casework.INTAKE_RULE[kind],
            start=letter.received_at,
            is_complex=kind == LetterKind.DENUNCIATION and checks_several_places,
            confidential=letter.sender_protected,
            title=letter.title if protection == "protected" else None,
            note=_(
                "Đơn được phân loại lại từ “%(old)s” thành “%(new)s”; thời hạn xử lý đơn tính "
                "lại từ ngày nhận đơn."
            )
            % {"old": _label(old), "new": _label(kind)},
            internal_note=reason,
            data={"letter_kind": kind, "previous_letter_kind": old, "identity": protection},
        )
    except CaseError as exc:
        if exc.code not in CLOCK_MOVED:
            raise
        # The caller's transaction rolls back with this refusal: the identity stays as it was.
        raise LetterError(
            "clock_moved",
            _(
                "Thời hạn xử lý đơn đã được tạm dừng, gia hạn hoặc ấn định lại trên trang "
                "việc; không sửa được loại đơn."
            ),
        ) from exc


@transaction.atomic
def letter_correct_kind(
    *,
    letter: Letter,
    actor: Any,
    kind: str,
    reason: str,
    checks_several_places: bool = False,
    expected_kind: str | None = None,
) -> Letter:
    """Correct the kind of a letter not yet decided. ``expected_kind`` is the kind the
    officer saw: if someone corrected it meanwhile, the correction is refused rather than
    applied on top of one the officer never saw. ``checks_several_places`` is the
    denunciation's 10-working-day check (Law on Denunciation Art. 24(1))."""
    require_role(actor, letter.unit, *ACTING_ROLES)
    reason = (reason or "").strip()
    if kind not in LetterKind.values:
        raise LetterError("bad_kind", _("Loại đơn không hợp lệ."))
    if not reason:
        raise LetterError("reason_required", _("Phải nêu lý do sửa loại đơn."))
    if len(reason) > REASON_MAX:
        raise LetterError("reason_long", _("Lý do không quá 500 ký tự."))
    # The letter's row only: two officers correcting at once queue here, and the second
    # reads what the first wrote.
    locked = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("case", "unit")
        .get(pk=letter.pk)
    )
    require_may_correct_kind(actor, locked)
    _check(locked, kind, expected_kind)
    old, was_protected = locked.kind, locked.identity_protected
    if kind in PROTECTED_KINDS and not was_protected:
        identity = _protect(locked, actor)
        protection = "protected"
    elif was_protected:
        # The officer may have named the denouncer in the reason: masked before it is kept.
        identity = identity_for_masking(actor=actor, letter=locked)
        protection = "kept"
    else:
        identity, protection = Identity(), "none"
    masked_reason = mask(reason, identity)
    _tracks(locked, old, kind, checks_several_places)
    case = _reclassify_case(
        locked, old, kind, protection, masked_reason, checks_several_places, actor
    )
    locked.kind = kind
    locked.decision_due = case.due_date
    locked.save()
    audit_record(
        actor=actor,
        action="letters.correct_kind",
        obj=locked,
        unit_code=locked.unit.code,
        object_repr=case.code,
        detail={
            "from": old,
            "to": kind,
            "rule_id": case.rule_id,
            "due_date": case.due_date.isoformat() if case.due_date else None,
            "identity": protection,
        },
    )
    letter.refresh_from_db()
    return locked
