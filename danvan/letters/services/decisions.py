"""The processing decision on a letter (Circular 05/2021/TT-TTCP): accept, guide once,
forward with a notice, not eligible with reasons, split a mixed letter, keep an anonymous
denunciation as information. Two officers deciding at once: the second one is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import require_role
from danvan.accounts.roles import Role
from danvan.cases import services as case_services
from danvan.cases.clockstate import replay
from danvan.cases.models import CaseEventKind, CaseStatus
from danvan.core.services import audit_record
from danvan.letters.models import (
    ComplaintTrack,
    Decision,
    DenunciationTrack,
    Letter,
    LetterKind,
    NotEligibleGround,
)
from danvan.letters.models.tracks import CRITERIA_KEYS
from danvan.letters.services import casework, paths
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import identity_for_masking, identity_for_split, mask
from danvan.letters.services.intake import LetterInput, Sender, letter_receive
from danvan.letters.services.notify import notify_sender

ACTING_ROLES = (Role.ONE_STOP, Role.SPECIALIST, Role.LEADER)


@dataclass
class Part:
    kind: str
    content: str


@dataclass
class DecisionInput:
    decision: str
    at: datetime | None = None
    reasons: str = ""
    ground: str = ""
    receiving_body: str = ""
    complex: bool = False
    criteria: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


def _lock(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().select_related("case", "unit").get(pk=letter.pk)


def _check(letter: Letter, data: DecisionInput) -> None:
    if letter.decision != Decision.PENDING:
        raise LetterError(
            "already_decided",
            _("Đơn này đã được xử lý (%(what)s).") % {"what": letter.get_decision_display()},
        )
    d = data.decision
    if d not in Decision.values or d in (Decision.PENDING, Decision.DUPLICATE):
        raise LetterError("bad_decision", _("Hướng xử lý không hợp lệ."))
    if d == Decision.ACCEPTED and letter.kind == LetterKind.MIXED:
        raise LetterError("split_first", _("Đơn có nhiều nội dung phải được tách trước."))
    if d == Decision.ACCEPTED and letter.kind == LetterKind.DENUNCIATION and letter.anonymous:
        raise LetterError(
            "anonymous",
            _("Tố cáo nặc danh không được thụ lý giải quyết (Luật Tố cáo, Điều 25)."),
        )
    if d == Decision.INFORMATION and not (
        letter.kind == LetterKind.DENUNCIATION and letter.anonymous
    ):
        raise LetterError("not_anonymous", _("Chỉ tố cáo nặc danh mới lưu làm thông tin."))
    if d == Decision.GUIDED and letter.kind == LetterKind.DENUNCIATION:
        raise LetterError(
            "forward_denunciation",
            _("Tố cáo không thuộc thẩm quyền phải được chuyển đi (Luật Tố cáo, Điều 24)."),
        )
    if d in (Decision.GUIDED, Decision.FORWARDED) and not data.receiving_body.strip():
        raise LetterError("body_required", _("Ghi rõ cơ quan có thẩm quyền giải quyết."))
    if d == Decision.NOT_ELIGIBLE:
        if not data.reasons.strip():
            raise LetterError("reasons_required", _("Phải nêu lý do không xử lý."))
        if letter.kind == LetterKind.COMPLAINT and data.ground not in NotEligibleGround.values:
            raise LetterError(
                "ground_required",
                _("Chọn căn cứ không thụ lý khiếu nại (Luật Khiếu nại, Điều 11)."),
            )
    if data.complex and not (set(data.criteria) & CRITERIA_KEYS):
        raise LetterError(
            "criterion_required",
            _("Vụ việc phức tạp phải nêu ít nhất một tiêu chí (Nghị định 31/2019, Điều 3)."),
        )
    if d == Decision.SPLIT:
        if letter.kind != LetterKind.MIXED:
            raise LetterError("not_mixed", _("Chỉ tách đơn có nhiều nội dung."))
        valid = [p for p in data.parts if p.kind in LetterKind.values and p.kind != "mixed"]
        if len(valid) < 2 or len(valid) != len(data.parts):
            raise LetterError("parts_required", _("Tách đơn thành ít nhất hai nội dung hợp lệ."))


@transaction.atomic
def letter_decide(*, letter: Letter, actor: Any, data: DecisionInput) -> Letter:
    require_role(actor, letter.unit, *ACTING_ROLES)
    locked = _lock(letter)
    _check(locked, data)
    at = data.at or timezone.now()
    if at < locked.received_at:
        raise LetterError("before_received", _("Ngày xử lý phải sau ngày nhận đơn."))
    if data.decision in paths.DECISION_ACTIONS:
        # A complaint's or a denunciation's path (``paths``): the same refusal as above for
        # the other kinds, from the table every transition of these paths is checked against.
        paths.require(locked, None, paths.DECISION_ACTIONS[data.decision], at)
    at = _after_correction(locked, at)
    # Before the handler moves the case's clock on (to the resolution, or to its end).
    locked.decision_due = _decision_due(locked, at)
    handler = _HANDLERS[data.decision]
    handler(locked, actor, data, at)
    locked.decision = data.decision
    locked.decided_at = at
    locked.decided_by = actor
    locked.reasons = data.reasons.strip()
    locked.ineligible_ground = data.ground if data.decision == Decision.NOT_ELIGIBLE else ""
    locked.receiving_body = data.receiving_body.strip()[:200]
    if data.decision == Decision.ACCEPTED:
        locked.eligible, locked.competent = True, True
    elif data.decision in (Decision.GUIDED, Decision.FORWARDED):
        locked.competent = False
    elif data.decision == Decision.NOT_ELIGIBLE:
        locked.eligible = False
    locked.save()
    audit_record(
        actor=actor,
        action=f"letters.decide.{data.decision}",
        obj=locked,
        unit_code=locked.unit.code,
        object_repr=locked.case.code,
        detail={"decision": data.decision, "ground": locked.ineligible_ground},
    )
    notify_sender(letter=locked, event=data.decision)
    letter.refresh_from_db()
    return locked


def _decision_due(letter: Letter, at: datetime) -> date | None:
    """The processing decision's deadline as it stands when the decision is taken: the
    case's due date, which follows every pause and resumption recorded on the case page; a
    pause still open counts up to the decision's day, as when the case closes. Fixed on the
    letter from then on: the case's clock moves on to the resolution."""
    case = letter.case
    if case.paused_at is None:
        return case.due_date
    state = replay(case)
    if state.override_due:
        return case.due_date
    return state.compute(pause_end=casework.local_date(at)).due


def _after_correction(letter: Letter, at: datetime) -> datetime:
    """A decision comes after the letter's classification: not on a day before its kind was
    corrected; on that same day, no earlier than the correction (a date picked in a form
    means 9:00), so the timeline and the clock's replay keep the order things happened."""
    corrected = casework.corrected_at(letter.case)
    if corrected is None or at >= corrected:
        return at
    if casework.local_date(at) < casework.local_date(corrected):
        raise LetterError(
            "before_correction",
            _("Ngày xử lý không được trước ngày sửa loại đơn (%(date)s).")
            % {"date": casework.local_date(corrected).strftime("%d/%m/%Y")},
        )
    return corrected


def _accept(letter: Letter, actor: Any, data: DecisionInput, at: datetime) -> None:
    if letter.kind == LetterKind.COMPLAINT:
        track, _created = ComplaintTrack.objects.get_or_create(letter=letter)
        rule = "complaint.resolve.second" if track.round == 2 else "complaint.resolve.first"
        casework.accept(
            case=letter.case,
            actor=actor,
            accepted_at=at,
            rule_id=rule,
            complex=data.complex,
            criteria=data.criteria,
            note=_("Đã thụ lý giải quyết khiếu nại."),
        )
        track.accepted_at, track.complex = at, data.complex
        track.criteria, track.remote = list(data.criteria), bool(letter.unit.is_remote)
        track.save()
    elif letter.kind == LetterKind.DENUNCIATION:
        track, _created = DenunciationTrack.objects.get_or_create(letter=letter)
        casework.accept(
            case=letter.case,
            actor=actor,
            accepted_at=at,
            rule_id="denunciation.resolve",
            note=_("Đã thụ lý tố cáo."),
        )
        track.accepted_at = at
        track.save()
    else:
        case_services.case_accept(
            case=letter.case, actor=actor, accepted_at=at, note=_("Đơn đang được xử lý.")
        )


def _guide(letter: Letter, actor: Any, data: DecisionInput, at: datetime) -> None:
    case_services.case_record_event(
        case=letter.case,
        kind=CaseEventKind.GUIDED,
        actor=actor,
        at=at,
        note=_("Đã hướng dẫn gửi đơn đến: %(body)s") % {"body": data.receiving_body.strip()},
    )
    case_services.case_close(
        case=letter.case, actor=actor, status=CaseStatus.RETURNED, at=at, note=data.reasons
    )


def _forward(letter: Letter, actor: Any, data: DecisionInput, at: datetime) -> None:
    if letter.kind == LetterKind.DENUNCIATION:
        # Outside competence a denunciation is forwarded within 5 working days of receipt
        # (Art. 24(2)), not the 7/10 of the check: that is the due date this closing meets.
        result = casework.compute_due("denunciation.forward", letter.received_at)
        case_services.case_set_due(
            case=letter.case,
            actor=actor,
            due_date=result.due,
            kind=CaseEventKind.NOTE,
            note=casework.explain(result),
            data={"rule": "denunciation.forward"},
            at=at,
        )
    case_services.case_close(
        case=letter.case,
        actor=actor,
        status=CaseStatus.TRANSFERRED,
        at=at,
        note=data.reasons,
        public_note=_("Đã chuyển đơn đến: %(body)s") % {"body": data.receiving_body.strip()},
    )


def _refuse(letter: Letter, actor: Any, data: DecisionInput, at: datetime) -> None:
    case_services.case_close(
        case=letter.case,
        actor=actor,
        status=CaseStatus.REFUSED,
        at=at,
        note=data.reasons,
        public_note=_("Đơn không đủ điều kiện xử lý; đã thông báo lý do."),
    )


def _information(letter: Letter, actor: Any, data: DecisionInput, at: datetime) -> None:
    case_services.case_close(
        case=letter.case,
        actor=actor,
        status=CaseStatus.REFUSED,
        at=at,
        note=data.reasons or _("Tố cáo nặc danh: lưu làm thông tin (Luật Tố cáo, Điều 25)."),
    )


def _split(letter: Letter, actor: Any, data: DecisionInput, at: datetime) -> None:
    if letter.identity_protected:
        sender = Sender.of(letter, identity_for_split(actor=actor, letter=letter))
    else:
        sender = Sender.of(letter)
    codes = []
    for part in data.parts:
        child = letter_receive(
            data=LetterInput(
                unit=letter.unit,
                kind=part.kind,
                content=part.content,
                channel=letter.channel,
                sender=sender,
                received_at=letter.received_at,
                forwarded_by=letter.forwarded_by,
                signers_count=letter.signers_count,
                has_originals=letter.has_originals,
                category=letter.category,
                is_over_level=letter.is_over_level,
                split_from=letter,
                check_repeats=False,
            ),
            actor=actor,
        )
        codes.append(child.code)
    case_services.case_close(
        case=letter.case,
        actor=actor,
        status=CaseStatus.RESOLVED,
        at=at,
        note=", ".join(codes),
        public_note=_("Đơn đã được tách thành %(n)d việc theo từng nội dung.") % {"n": len(codes)},
    )


_HANDLERS = {
    Decision.ACCEPTED: _accept,
    Decision.GUIDED: _guide,
    Decision.FORWARDED: _forward,
    Decision.NOT_ELIGIBLE: _refuse,
    Decision.INFORMATION: _information,
    Decision.SPLIT: _split,
}


@transaction.atomic
def letter_classify(
    *,
    letter: Letter,
    actor: Any,
    signers_count: int,
    has_originals: bool,
    is_over_level: bool,
    eligible: bool | None,
    competent: bool | None,
    category: str = "",
) -> Letter:
    """Record the classification (signers, originals, eligibility, competence, over-level)."""
    require_role(actor, letter.unit, *ACTING_ROLES)
    if signers_count < 1:
        raise LetterError("bad_signers", _("Số người ký phải từ 1 trở lên."))
    locked = _lock(letter)
    locked.signers_count, locked.has_originals = signers_count, has_originals
    locked.is_over_level, locked.eligible, locked.competent = is_over_level, eligible, competent
    if category:
        locked.category = category
    locked.save()
    case_services.case_record_event(
        case=locked.case,
        kind=CaseEventKind.CLASSIFIED,
        actor=actor,
        public=False,
        data={"signers": signers_count, "over_level": is_over_level},
    )
    audit_record(
        actor=actor,
        action="letters.classify",
        obj=locked,
        unit_code=locked.unit.code,
        object_repr=locked.case.code,
    )
    return locked


# Kinds whose accepted letter is ended by its answer; a complaint ends with its decision,
# a denunciation with its conclusion (their own paths, ``paths``).
ANSWERED_KINDS = (LetterKind.PETITION, LetterKind.REFLECTION)


def may_answer(letter: Letter) -> bool:
    return (
        letter.kind in ANSWERED_KINDS
        and letter.decision == Decision.ACCEPTED
        and letter.case.closed_at is None
    )


@transaction.atomic
def letter_answer(
    *, letter: Letter, actor: Any, at: datetime, answer: str, note: str = ""
) -> Letter:
    """The answer to an accepted petition or reflection closes it (Law on Reception of
    Citizens Art. 28; Decree 61/2018 for the reflections on administrative procedures):
    the answer is what the sender reads on the tracking page and is told by SMS."""
    require_role(actor, letter.unit, *ACTING_ROLES)
    locked = _lock(letter)
    if not may_answer(locked):
        raise LetterError(
            "not_answerable",
            _("Chỉ trả lời kiến nghị, phản ánh đã thụ lý và chưa kết thúc."),
        )
    answer = answer.strip()
    if not answer:
        raise LetterError("answer_required", _("Ghi nội dung trả lời người gửi."))
    accepted = locked.case.accepted_at
    if accepted and at < accepted:
        raise LetterError("before_accepted", _("Ngày trả lời không được trước ngày thụ lý."))
    note = note.strip()
    if locked.identity_protected:
        # A part of a split mixed letter keeps its protection: the officer may name the
        # sender in the answer or the note, masked first like every text on such a letter.
        identity = identity_for_masking(actor=actor, letter=locked)
        answer, note = mask(answer, identity), mask(note, identity)
    case_services.case_close(
        case=locked.case,
        actor=actor,
        status=CaseStatus.RESOLVED,
        at=at,
        note=note,
        public_note=answer[:1000],
    )
    audit_record(
        actor=actor,
        action="letters.answer",
        obj=locked,
        unit_code=locked.unit.code,
        object_repr=locked.case.code,
    )
    notify_sender(letter=locked, event="answered")
    letter.refresh_from_db()
    return locked
