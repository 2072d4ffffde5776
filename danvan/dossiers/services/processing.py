"""Processing of a received dossier: hand-offs (form 05), a deficiency found in appraisal,
the result, its return, the apology when late (form 04) and the citizen's rating."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.roles import Role
from danvan.cases.models import CaseEventKind, CaseStatus
from danvan.cases.services import (
    CaseError,
    case_close,
    case_hand_on,
    case_pause,
    case_record_event,
    case_set_due,
)
from danvan.core.localtime import local_date
from danvan.dossiers.errors import DossierError
from danvan.dossiers.models import (
    RATING_INDICATORS,
    RATING_NOT_APPLICABLE,
    RATING_SKIPPABLE,
    Dossier,
    DossierPaper,
    DossierStage,
    Rating,
    RatingChannel,
    ReturnMethod,
)
from danvan.dossiers.services.notify import notify_applicant
from danvan.dossiers.services.reception import (
    _audit,
    _lock,
    _require_local,
    _require_role,
)

DEFICIENCY_RULE = "onestop.deficiency_return"


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _require_processing(dossier: Dossier) -> None:
    if dossier.stage != DossierStage.PROCESSING:
        raise DossierError("not_processing", _("Hồ sơ không ở bước đang giải quyết."))


def _case_error(exc: CaseError) -> DossierError:
    return DossierError(exc.code, exc.message)


def deficiency_due(dossier: Dossier) -> date:
    """The last day to return a deficient dossier found in appraisal (3 working days)."""
    from danvan.deadlines.clock import compute_due

    return compute_due(DEFICIENCY_RULE, dossier.case.clock_start).due


@transaction.atomic
def dossier_request_supplement(
    *, dossier: Dossier, actor: Any, missing: list[str], note: str = "", at: datetime | None = None
) -> Dossier:
    """A deficiency found during appraisal: the clock stops until the citizen completes the
    dossier, then starts again from zero. Every request after the first counts the dossier
    as late (Decision 766/QĐ-TTg)."""
    missing = [m.strip() for m in missing if m and m.strip()]
    if not missing:
        raise DossierError(
            "missing_required", _("Ghi rõ giấy tờ, nội dung cần bổ sung."), field="missing"
        )
    dossier = _lock(dossier)
    _require_role(actor, dossier)
    _require_local(dossier)
    _require_processing(dossier)
    at = _now(at)
    due = deficiency_due(dossier)
    late_return = local_date(at) > due
    try:
        case_pause(
            case=dossier.case,
            actor=actor,
            at=at,
            reason=_("Cần bổ sung hồ sơ: %(docs)s.") % {"docs": "; ".join(missing)},
            event_kind=CaseEventKind.SUPPLEMENT_REQUESTED,
        )
    except CaseError as exc:
        raise _case_error(exc) from exc
    dossier.supplement_requests += 1
    dossier.documents_missing = missing
    dossier.deficiency_due = due
    dossier.stage = DossierStage.WAITING_SUPPLEMENT
    dossier.save()
    DossierPaper.objects.create(
        dossier=dossier,
        form="02",
        issued_at=at,
        data={
            "missing": missing,
            "note": note,
            "late_return": late_return,
            "deficiency_due": due.isoformat(),
        },
    )
    notify_applicant(
        dossier, "dossier.supplement", seq=dossier.supplement_requests, missing="; ".join(missing)
    )
    _audit(
        actor,
        dossier,
        "request_supplement",
        count=dossier.supplement_requests,
        late_return=late_return,
    )
    return dossier


@transaction.atomic
def dossier_hand_on(
    *, dossier: Dossier, actor: Any, to_user: Any = None, to_department: str = "", note: str = ""
) -> Dossier:
    """One step of the processing control sheet (form 05)."""
    dossier = _lock(dossier)
    _require_role(actor, dossier)
    _require_processing(dossier)
    if to_user is not None and not _member(to_user, dossier):
        raise DossierError("bad_target", _("Người nhận không thuộc đơn vị này."), field="to_user")
    try:
        case_hand_on(
            case=dossier.case,
            actor=actor,
            to_user=to_user,
            to_department=to_department.strip()[:120],
            note=note,
        )
    except CaseError as exc:
        raise _case_error(exc) from exc
    _audit(
        actor, dossier, "hand_on", to_user=getattr(to_user, "pk", None), to_department=to_department
    )
    return dossier


def _member(user: Any, dossier: Dossier) -> bool:
    from danvan.accounts.access import has_role
    from danvan.cases.selectors import CASE_WORK_ROLES

    return has_role(user, dossier.unit, *CASE_WORK_ROLES)


@transaction.atomic
def dossier_result_ready(
    *, dossier: Dossier, actor: Any, at: datetime | None = None, note: str = ""
) -> Dossier:
    """The result is ready: the legal clock stops and on-time is decided (Decision 766:
    finished by the appointment, the citizen's waiting excluded)."""
    dossier = _lock(dossier)
    _require_role(actor, dossier, Role.ONE_STOP, Role.SPECIALIST, Role.LEADER)
    _require_local(dossier)
    _require_processing(dossier)
    at = _now(at)
    try:
        case_close(
            case=dossier.case,
            actor=actor,
            status=CaseStatus.RESOLVED,
            at=at,
            note=note,
            public_note=_("Hồ sơ đã có kết quả, mời người dân đến nhận."),
        )
    except CaseError as exc:
        raise _case_error(exc) from exc
    dossier.stage = DossierStage.RESULT_READY
    dossier.result_ready_at = at
    dossier.save()
    notify_applicant(dossier, "dossier.result_ready")
    _audit(actor, dossier, "result_ready", on_time=dossier.case.on_time)
    return dossier


@transaction.atomic
def dossier_return(
    *,
    dossier: Dossier,
    actor: Any,
    at: datetime | None = None,
    method: str = ReturnMethod.IN_PERSON,
    receiver: str = "",
    note: str = "",
) -> Dossier:
    """The result was handed over: to whom (the applicant or the person they authorised)
    and how (in person, by post, online) are recorded on the dossier and its timeline."""
    if method not in ReturnMethod.values:
        raise DossierError("bad_method", _("Hình thức trả kết quả không hợp lệ."), field="method")
    receiver = " ".join((receiver or "").split())[:150]
    dossier = _lock(dossier)
    _require_role(actor, dossier, Role.ONE_STOP)
    _require_local(dossier)
    if dossier.stage != DossierStage.RESULT_READY:
        raise DossierError("not_ready", _("Hồ sơ chưa có kết quả để trả."))
    at = _now(at)
    if dossier.result_ready_at and at < dossier.result_ready_at:
        raise DossierError("bad_time", _("Thời điểm trả phải sau thời điểm có kết quả."))
    case_record_event(
        case=dossier.case,
        kind=CaseEventKind.RETURNED,
        actor=actor,
        at=at,
        note=_("Đã trả kết quả cho người dân."),
        # Internal: the receiver's name is personal data, not for the public tracking page.
        data={
            "method": method,
            "internal_note": "\n".join(
                filter(
                    None,
                    [
                        f"{ReturnMethod(method).label}"
                        + (f" — {_('người nhận')}: {receiver}" if receiver else ""),
                        note.strip()[:1000],
                    ],
                )
            ),
        },
    )
    dossier.stage = DossierStage.RETURNED
    dossier.returned_at = at
    dossier.returned_to = receiver
    dossier.return_method = method
    dossier.save()
    _audit(actor, dossier, "return", method=method)
    return dossier


@transaction.atomic
def dossier_withdraw(
    *, dossier: Dossier, actor: Any, reason: str, at: datetime | None = None
) -> Dossier:
    """The applicant takes the dossier back before its result (a written request at the
    desk). The case ends as withdrawn: not counted in the on-time rate, since nothing was
    due any more; the dossier is cancelled, as the national portal's status 7 says."""
    dossier = _lock(dossier)
    _require_role(actor, dossier, Role.ONE_STOP, Role.LEADER)
    _require_local(dossier)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DossierError(
            "reason_required", _("Cần ghi lý do hoặc đơn đề nghị rút hồ sơ."), field="reason"
        )
    if dossier.stage not in (
        DossierStage.PROCESSING,
        DossierStage.INCOMPLETE,
        DossierStage.WAITING_SUPPLEMENT,
    ):
        raise DossierError("not_open", _("Hồ sơ đã có kết quả hoặc đã kết thúc, không rút được."))
    at = _now(at)
    try:
        case_close(
            case=dossier.case,
            actor=actor,
            status=CaseStatus.WITHDRAWN,
            at=at,
            note=reason[:1000],
            public_note=_("Người nộp đã rút hồ sơ."),
        )
    except CaseError as exc:
        raise _case_error(exc) from exc
    dossier.stage = DossierStage.CANCELLED
    dossier.save()
    _audit(actor, dossier, "withdraw")
    return dossier


def latest_apology_day(due: date) -> date:
    """The last day an apology may be issued, from the cited rule ``onestop.apology`` (one
    working day before the due date; Decree 61/2018, Circular 01/2018 form 04)."""
    from danvan.deadlines.clock import compute_due

    return compute_due("onestop.apology", due).due


@transaction.atomic
def dossier_apologise(
    *, dossier: Dossier, actor: Any, new_date: date, reason: str, at: datetime | None = None
) -> Dossier:
    """Form 04: apologise and set a new return date — once only, at the latest the working
    day before the due date, the new date after the old one (Decree 61; Circular 01/2018)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise DossierError("reason_required", _("Phải nêu lý do chậm trả kết quả."), field="reason")
    dossier = _lock(dossier)
    _require_role(actor, dossier)
    _require_local(dossier)
    if dossier.stage not in (DossierStage.PROCESSING, DossierStage.WAITING_SUPPLEMENT):
        raise DossierError("not_open", _("Chỉ xin lỗi, hẹn lại với hồ sơ đang giải quyết."))
    if dossier.apology_used:
        raise DossierError(
            "apology_once", _("Chỉ được xin lỗi và hẹn lại ngày trả kết quả một lần.")
        )
    case = dossier.case
    at = _now(at)
    today = local_date(at)
    if case.due_date is None or today > latest_apology_day(case.due_date):
        raise DossierError(
            "apology_too_late",
            _("Phải xin lỗi, hẹn lại chậm nhất 01 ngày làm việc trước ngày hẹn (%(due)s).")
            % {"due": case.due_date.strftime("%d/%m/%Y") if case.due_date else "-"},
            field="new_date",
        )
    if new_date <= case.due_date:
        raise DossierError(
            "apology_date",
            _("Ngày hẹn mới phải sau ngày hẹn cũ (%(due)s).")
            % {"due": case.due_date.strftime("%d/%m/%Y")},
            field="new_date",
        )
    from danvan.deadlines.clock import is_working_day

    if not is_working_day(new_date):
        raise DossierError(
            "apology_holiday", _("Ngày hẹn mới phải là ngày làm việc."), field="new_date"
        )
    old_due = case.due_date
    try:
        case_set_due(
            case=case,
            actor=actor,
            due_date=new_date,
            kind=CaseEventKind.APOLOGISED,
            note=_("Xin lỗi vì chậm trả kết quả; hẹn lại ngày %(date)s.")
            % {"date": new_date.strftime("%d/%m/%Y")},
            data={"reason": reason},
        )
    except CaseError as exc:
        raise _case_error(exc) from exc
    dossier.apology_used = True
    dossier.apology_reason = reason
    dossier.save()
    DossierPaper.objects.create(
        dossier=dossier,
        form="04",
        issued_at=at,
        data={
            "reason": reason,
            "old_due": old_due.isoformat(),
            "new_due": new_date.isoformat(),
            # The chairman in office when the apology is issued signs it: a reprint after a
            # change of leader must not show the successor's name.
            "signer_name": _signer_name(dossier),
        },
    )
    notify_applicant(dossier, "dossier.apology", reason=reason)
    _audit(actor, dossier, "apologise", new_date=new_date.isoformat())
    return dossier


def _signer_name(dossier: Dossier) -> str:
    from danvan.dossiers.selectors import desk_settings_of

    current = desk_settings_of(dossier.unit)
    return current.signer_name if current else ""


def clean_scores(scores: dict[str, Any]) -> dict[str, int]:
    """0, 1 or 2 for every criterion; a criterion that may not apply (``RATING_SKIPPABLE``)
    left out or marked "na" is not stored, so it neither lowers the total nor counts."""
    out = {}
    for key, _label in RATING_INDICATORS:
        raw = str(scores.get(key, "")).strip()
        if key in RATING_SKIPPABLE and raw in ("", RATING_NOT_APPLICABLE):
            continue
        try:
            value = int(str(scores.get(key, "")).strip())
        except ValueError:
            value = -1
        if value not in (0, 1, 2):
            raise DossierError(
                "bad_score", _("Mỗi tiêu chí được chấm 0, 1 hoặc 2 điểm."), field=key
            )
        out[key] = value
    return out


def dossier_rate(
    *,
    dossier: Dossier,
    scores: dict[str, Any],
    channel: str,
    actor: Any = None,
    comment: str = "",
    at: datetime | None = None,
) -> Rating:
    """The citizen's evaluation per Circular 01/2018 Art. 13, once per dossier; a second
    submission (a double click, the desk and the QR code) is refused."""
    if channel not in RatingChannel.values:
        raise DossierError("bad_channel", _("Kênh đánh giá không hợp lệ."))
    values = clean_scores(scores)
    try:
        with transaction.atomic():
            return _rate(dossier, values, channel, actor, comment, _now(at))
    except IntegrityError as exc:
        raise DossierError("already_rated", _("Hồ sơ này đã được đánh giá.")) from exc


def _rate(
    dossier: Dossier, values: dict[str, int], channel: str, actor: Any, comment: str, at: datetime
) -> Rating:
    dossier = _lock(dossier)
    if channel == RatingChannel.DESK:
        _require_role(actor, dossier, Role.ONE_STOP)
    if dossier.stage not in (DossierStage.RESULT_READY, DossierStage.RETURNED):
        raise DossierError("not_finished", _("Chỉ đánh giá được hồ sơ đã có kết quả."))
    if Rating.objects.filter(dossier=dossier).exists():
        raise DossierError("already_rated", _("Hồ sơ này đã được đánh giá."))
    rating = Rating.objects.create(
        dossier=dossier,
        unit=dossier.unit,
        channel=channel,
        scores=values,
        total=sum(values.values()),
        satisfied=all(v > 0 for v in values.values()),
        comment=(comment or "").strip()[:2000],
        at=at,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    case_record_event(
        case=dossier.case,
        kind=CaseEventKind.RATED,
        actor=actor if channel == RatingChannel.DESK else None,
        at=at,
        note=_("Người dân đã đánh giá việc giải quyết hồ sơ."),
        data={"total": rating.total, "channel": channel},
    )
    _audit(actor, dossier, "rate", total=rating.total, channel=channel)
    return rating
