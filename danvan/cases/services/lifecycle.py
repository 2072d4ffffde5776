"""Opening, moving and closing cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.cases import clockstate as cs
from danvan.cases.kinds import kind_manifest, on_time_for
from danvan.cases.models import (
    CLOSED_STATUSES,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseStatus,
)
from danvan.cases.services._base import (
    APPLICANT_FIELDS,
    CLOSING_EVENT,
    CaseError,
    _audit,
    _event,
    _lock,
    _recompute,
    _require_open,
    _sync,
    generate_secret,
)
from danvan.cases.text import fold
from danvan.territory.models import Unit


def _open_case(
    *,
    unit: Unit,
    kind: str,
    code: str,
    title: str,
    rule_id: str,
    received_at: datetime,
    actor: Any | None,
    channel: str = "",
    applicant_name: str = "",
    applicant_phone: str = "",
    applicant_email: str = "",
    applicant_address: str = "",
    confidential: bool = False,
    is_complex: bool = False,
    clock_start: datetime | None = None,
    accepted_at: datetime | None = None,
    status: str = CaseStatus.RECEIVED,
    secret: str | None = None,
    assignee: Any = None,
    department: str = "",
    event_note: str = "",
    event_data: dict[str, Any] | None = None,
    audit: bool = True,
) -> Case:
    """Open a case: the due date comes from the legal clock, with its explanation.

    Raises ``danvan.deadlines.clock.DeadlineError`` (a ``ValueError``) for an unknown rule,
    and ``CaseError("bad_kind")`` for a kind no app registered (``danvan.cases.kinds``). A
    kind whose manifest says ``always_confidential`` is confidential, whatever the caller says.
    """
    manifest = kind_manifest(kind)
    if manifest is None:
        raise CaseError("bad_kind", _("Loại việc không hợp lệ."))
    if status not in CaseStatus.values:
        raise CaseError("bad_status", _("Trạng thái không hợp lệ."))
    if timezone.is_naive(received_at) or (clock_start and timezone.is_naive(clock_start)):
        # A naive time would be read in the server's zone: the bug docs/domain.md §10 warns about.
        raise CaseError("naive_time", "received_at and clock_start must be aware datetimes")
    start = clock_start or received_at
    case = Case(
        unit=unit,
        province_code=unit.province.code,
        kind=kind,
        code=code,
        secret=secret or generate_secret(),
        title=title,
        channel=channel,
        applicant_name=applicant_name,
        applicant_phone=applicant_phone,
        applicant_email=applicant_email,
        applicant_address=applicant_address,
        search_name=fold(applicant_name)[:150],
        confidential=confidential or manifest.always_confidential,
        is_complex=is_complex,
        rule_id=rule_id,
        received_at=received_at,
        accepted_at=accepted_at,
        clock_start=start,
        status=status,
        assignee=assignee,
        department=department,
    )
    state = cs.ClockState(
        rule_id=rule_id, start=start, remote=bool(unit.is_remote), complex=is_complex
    )
    result = _recompute(case, state)
    case.save()
    data = {
        "clock": cs.CLOCK_START,
        "rule_id": rule_id,
        "start": start.isoformat(),
        **cs.explanation(result),
        **(event_data or {}),
    }
    _event(
        case, kind=CaseEventKind.RECEIVED, actor=actor, at=received_at, note=event_note, data=data
    )
    if audit:
        _audit(case, actor, "open", **case_open_detail(case))
    return case


def case_open_detail(case: Case) -> dict[str, Any]:
    """What the audit log keeps of an opening (codes and dates, never personal data)."""
    return {"kind": case.kind, "rule_id": case.rule_id, "due_date": case.due_date.isoformat()}


# The service: its own transaction, or a savepoint inside the caller's, so a caller may catch
# a refusal (an unknown rule, a naive time) and carry on with its transaction.
case_open = transaction.atomic(_open_case)


def case_open_joined(**kwargs: Any) -> Case:
    """``case_open`` for a caller already inside its own transaction that lets any error
    from here abort all of it (a reception desk's intake): no savepoint, which saves the
    SAVEPOINT/RELEASE round trips on the busiest write path (see docs/benchmarks.md).

    The caller writes the one audit entry for the whole act, with ``case_open_detail(case)``
    in it, so the log says once what happened instead of twice."""
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError("case_open_joined runs inside the caller's transaction")
    return _open_case(**kwargs, audit=False)


@transaction.atomic
def case_record_event(
    *,
    case: Case,
    kind: str,
    actor: Any,
    note: str = "",
    public: bool = True,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """Append an event that does not move the clock (a note, a notification, a rating...)."""
    if (data or {}).get("clock"):
        raise CaseError("clock_event", "Clock events are written by the clock services only")
    event = _event(case, kind=kind, actor=actor, at=at, note=note, public=public, data=data)
    _audit(case, actor, "event", event=kind)
    return event


@transaction.atomic
def case_accept(
    *,
    case: Case,
    actor: Any,
    accepted_at: datetime,
    rule_id: str | None = None,
    note: str = "",
    is_complex: bool = False,
    data: dict[str, Any] | None = None,
) -> Case:
    """Record the acceptance (thụ lý). With ``rule_id`` the clock starts again from the
    acceptance under that rule (a complaint: the acceptance deadline gives way to the
    resolution deadline); without it the running clock is kept.

    ``is_complex=True`` declares the matter complex at acceptance (a complex complaint: 45
    days instead of 30, Law on Complaints Art. 28): it is stored on the case, so every later
    recomputation (a calendar change) keeps the complex variant. ``False`` leaves an earlier
    declaration standing. ``data`` adds facts to the event (e.g. the criteria stated)."""
    locked = _lock(case)
    _require_open(locked)
    locked.accepted_at = accepted_at
    if is_complex:
        locked.is_complex = True
    if locked.status == CaseStatus.RECEIVED:
        locked.status = CaseStatus.IN_PROGRESS
    if rule_id:
        state = cs.replay(locked)
        state.rule_id, state.start = rule_id, accepted_at
        state.pauses, state.extension_days, state.override_due = [], [], None
        state.criteria = set()
        result = _recompute(locked, state)
        locked.rule_id, locked.clock_start, locked.extensions = rule_id, accepted_at, 0
        locked.paused_at = None
        payload = {
            **(data or {}),
            "clock": cs.CLOCK_START,
            "rule_id": rule_id,
            "start": accepted_at.isoformat(),
            **cs.explanation(result),
        }
    else:
        payload = {k: v for k, v in (data or {}).items() if k != "clock"}
    if is_complex:
        payload["complex"] = True
    locked.save()
    _event(
        locked, kind=CaseEventKind.ACCEPTED, actor=actor, at=accepted_at, note=note, data=payload
    )
    _audit(locked, actor, "accept", rule_id=rule_id or "", complex=bool(locked.is_complex))
    return _sync(case, locked)


@transaction.atomic
def case_assign(
    *, case: Case, actor: Any, assignee: Any, department: str = "", note: str = ""
) -> Case:
    """Give the case to an officer (and a department)."""
    locked = _lock(case)
    _require_open(locked)
    locked.assignee = assignee
    if department:
        locked.department = department
    if locked.status == CaseStatus.RECEIVED:
        locked.status = CaseStatus.IN_PROGRESS
    locked.save()
    data = {"assignee": getattr(assignee, "pk", None), "department": locked.department}
    if note:
        data["internal_note"] = note
    _event(locked, kind=CaseEventKind.ASSIGNED, actor=actor, note=locked.department, data=data)
    _audit(locked, actor, "assign", assignee=data["assignee"], department=locked.department)
    return _sync(case, locked)


@transaction.atomic
def case_hand_on(
    *, case: Case, actor: Any, to_user: Any = None, to_department: str = "", note: str = ""
) -> Case:
    """One step of the processing control sheet (form 05): the case moves to someone else."""
    if to_user is None and not to_department:
        raise CaseError("no_target", _("Chọn người hoặc bộ phận nhận hồ sơ."))
    locked = _lock(case)
    _require_open(locked)
    data: dict[str, Any] = {
        "from_user": locked.assignee_id,
        "from_department": locked.department,
        "to_user": getattr(to_user, "pk", None),
        "to_department": to_department,
    }
    if to_user is not None:
        locked.assignee = to_user
    if to_department:
        locked.department = to_department
    locked.save()
    if note:
        data["internal_note"] = note
    _event(locked, kind=CaseEventKind.HANDED_ON, actor=actor, note=to_department, data=data)
    _audit(locked, actor, "hand_on", to_user=data["to_user"], to_department=to_department)
    return _sync(case, locked)


# A browser's clock a little ahead of the server's is not "the future".
CLOCK_SKEW = timedelta(minutes=5)


def _check_past_at(case: Case, at: datetime) -> None:
    """``at`` of an event entered afterwards: aware, not in the future, not before the
    receipt nor before the start of the count it belongs to."""
    if timezone.is_naive(at):
        raise CaseError("naive_time", "at must be an aware datetime")
    if at > timezone.now() + CLOCK_SKEW:
        raise CaseError("future", _("Thời điểm ghi nhận không được ở tương lai."))
    if at < case.received_at:
        raise CaseError("before_received", _("Thời điểm ghi nhận phải sau thời điểm tiếp nhận."))
    last_start = (
        case.events.filter(data__clock=cs.CLOCK_START).order_by("-at").values_list("at", flat=True)
    ).first()
    if last_start is not None and at < last_start:
        raise CaseError(
            "before_start",
            _("Thời điểm ghi nhận phải sau lần bắt đầu tính thời hạn gần nhất (%(date)s).")
            % {"date": cs.local_date(last_start).strftime("%d/%m/%Y")},
        )


@transaction.atomic
def case_set_due(
    *,
    case: Case,
    actor: Any,
    due_date: date,
    kind: str,
    note: str,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> Case:
    """Set a due date decided by someone rather than computed (the one-stop apology's new
    return date, form 04). An apology is allowed once only (Decree 61 Art. 19) and does not
    make a late case on time: the legal due date stays the reference for ``on_time``.

    ``at`` is when the decision was taken when it is entered afterwards (a matter
    forwarded on a past date): the event is stamped with it, so the timeline reads in the
    order things happened. It may not precede the receipt or the start of the current count
    (the replay would drop it), nor lie in the future."""
    locked = _lock(case)
    _require_open(locked)
    if at is not None:
        _check_past_at(locked, at)
    if kind == CaseEventKind.APOLOGISED and (
        locked.events.filter(kind=CaseEventKind.APOLOGISED).exists()
    ):
        raise CaseError("apology_once", _("Chỉ được xin lỗi và hẹn lại ngày trả kết quả một lần."))
    if locked.due_date and due_date < locked.due_date and kind == CaseEventKind.APOLOGISED:
        raise CaseError("apology_earlier", _("Ngày hẹn mới phải sau ngày hẹn cũ."))
    old_due = locked.due_date
    locked.due_date, locked.alert_stage = due_date, 0
    locked.save()
    payload = {
        **(data or {}),
        "clock": cs.CLOCK_OVERRIDE,
        "due_date": due_date.isoformat(),
        "previous_due_date": old_due.isoformat() if old_due else None,
        "counts_as_due": kind != CaseEventKind.APOLOGISED,
    }
    _event(locked, kind=kind, actor=actor, at=at, note=note, data=payload)
    _audit(locked, actor, "set_due", due_date=due_date.isoformat(), event=kind)
    return _sync(case, locked)


def _on_time(case: Case, state: cs.ClockState, closed_on: date) -> tuple[bool, date]:
    """Closed on or before the due date, the citizen's waiting time excluded (an open pause
    ends on the closing day)."""
    if state.override_due and state.override_counts_as_due:
        reference = state.override_due
    else:
        reference = state.compute(pause_end=closed_on).due
    # A kind may be stricter than the date (its manifest's ``on_time`` policy).
    return on_time_for(case, state, closed_on <= reference), reference


@transaction.atomic
def case_close(
    *,
    case: Case,
    actor: Any,
    status: str,
    at: datetime,
    note: str = "",
    public_note: str = "",
) -> Case:
    """End the case with a closed ``status`` and decide, once, whether it was on time."""
    if status not in CLOSED_STATUSES:
        raise CaseError("bad_status", _("Trạng thái kết thúc không hợp lệ."))
    locked = _lock(case)
    _require_open(locked)
    if at < locked.received_at:
        raise CaseError("before_received", _("Thời điểm kết thúc phải sau thời điểm tiếp nhận."))
    state = cs.replay(locked)
    on_time, reference = _on_time(locked, state, cs.local_date(at))
    if not (state.override_due and not state.override_counts_as_due):
        locked.due_date = reference
    locked.status, locked.closed_at, locked.on_time, locked.paused_at = status, at, on_time, None
    locked.save()
    data: dict[str, Any] = {
        "status": status,
        "on_time": on_time,
        "due_reference": reference.isoformat(),
    }
    if note:
        data["internal_note"] = note
    _event(locked, kind=CLOSING_EVENT[status], actor=actor, at=at, note=public_note, data=data)
    _audit(locked, actor, "close", status=status, on_time=on_time)
    return _sync(case, locked)


@transaction.atomic
def case_update_applicant(*, case: Case, actor: Any, **values: str) -> Case:
    """Correct the applicant's contact details (a newer provincial export, a typo at the
    desk): only the ``applicant_*`` fields given, as given. A confidential case keeps no
    applicant in clear (its owning app protects the person): refused. One internal NOTE
    event and one audit entry name the fields changed, never their values."""
    unknown = set(values) - set(APPLICANT_FIELDS)
    if unknown:
        # A caller's mistake, not a user's: named in the message all the same.
        raise CaseError(
            "bad_field",
            _("Không phải thông tin người nộp: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
        )
    locked = _lock(case)
    if locked.confidential:
        raise CaseError(
            "confidential", _("Việc được bảo mật: không ghi thông tin người gửi vào đây.")
        )
    changed = {k: v for k, v in values.items() if v is not None and getattr(locked, k) != v}
    if not changed:
        return _sync(case, locked)
    for name, value in changed.items():
        setattr(locked, name, value)
    if "applicant_name" in changed:
        locked.search_name = fold(locked.applicant_name)[:150]
    locked.save()
    fields = sorted(changed)
    note = str(_("Cập nhật thông tin liên hệ của người nộp."))
    _event(
        locked,
        kind=CaseEventKind.NOTE,
        actor=actor,
        public=False,
        data={"applicant": fields, "internal_note": note},
    )
    _audit(locked, actor, "update_applicant", fields=fields)
    return _sync(case, locked)
