"""Services that move the legal clock of a case: pause, resume, extend, recompute."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.cases import clockstate as cs
from danvan.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseEvent,
    CaseEventKind,
    CaseStatus,
)
from danvan.cases.services._base import (
    CaseError,
    _audit,
    _event,
    _lock,
    _recompute,
    _require_open,
    _sync,
)
from danvan.cases.signals import due_recomputed
from danvan.core.services import audit_record


@transaction.atomic
def case_pause(
    *,
    case: Case,
    actor: Any,
    at: datetime,
    reason: str,
    event_kind: str = CaseEventKind.CLOCK_PAUSED,
) -> Case:
    """Stop the clock while the case waits for the citizen. ``reason`` is shown publicly
    (say what is missing, never who)."""
    locked = _lock(case)
    _require_open(locked)
    if locked.paused_at is not None:
        raise CaseError("already_paused", _("Thời hạn đang được tạm dừng."))
    locked.status = CaseStatus.WAITING_CITIZEN
    locked.paused_at = at
    locked.save()
    data = {"clock": cs.CLOCK_PAUSE, "start": cs.local_date(at).isoformat()}
    _event(locked, kind=event_kind, actor=actor, at=at, note=reason, data=data)
    _audit(locked, actor, "pause", event=event_kind)
    return _sync(case, locked)


@transaction.atomic
def case_resume(
    *, case: Case, actor: Any, at: datetime, restart: bool = False, note: str = ""
) -> Case:
    """Start the clock again. ``restart=True`` counts again from zero from ``at`` (one-stop:
    a deficiency found during appraisal, Decree 61 Art. 16); otherwise the paused working days
    are added to the due date."""
    locked = _lock(case)
    _require_open(locked)
    if locked.paused_at is None:
        raise CaseError("not_paused", _("Thời hạn không ở trạng thái tạm dừng."))
    if locked.paused_at is not None and at < locked.paused_at:
        raise CaseError("before_pause", _("Thời điểm tiếp tục phải sau thời điểm tạm dừng."))
    state = cs.replay(locked)
    end = cs.local_date(at)
    state.resume(end, restart=restart)
    data: dict[str, Any] = {"clock": cs.CLOCK_RESUME, "end": end.isoformat(), "restart": restart}
    kind = CaseEventKind.CLOCK_RESTARTED if restart else CaseEventKind.CLOCK_RESUMED
    if restart:
        # Shown as "counted from"; the replay keeps the original start and lets the legal
        # clock restart the count from the pause's end.
        locked.clock_start = at
    old_due = locked.due_date
    result = _recompute(locked, state)
    data.update(cs.explanation(result), previous_due_date=old_due.isoformat() if old_due else None)
    locked.paused_at = None
    locked.status = CaseStatus.IN_PROGRESS
    locked.save()
    _event(locked, kind=kind, actor=actor, at=at, note=note, data=data)
    _audit(locked, actor, "restart" if restart else "resume", due_date=locked.due_date.isoformat())
    return _sync(case, locked)


def _extension_refusal(state: cs.ClockState) -> CaseError | None:
    """Why one more extension is not allowed under the case's rule, or None. Checked before
    the legal clock so the officer reads the law's reason, not a computation error."""
    rule = state.rule()
    allowed = state.extensions_allowed()
    if state.extensions < allowed:
        return None
    citation = rule.citation
    if allowed == 0 and (rule.max_extensions_complex or rule.max_extensions_especially_complex):
        return CaseError(
            "too_many_extensions",
            _(
                "Chỉ vụ việc phức tạp mới được gia hạn: nêu tiêu chí phức tạp "
                "(Nghị định 31/2019/NĐ-CP, Điều 3) — %(citation)s."
            )
            % {"citation": citation},
        )
    if allowed == 0:
        return CaseError(
            "too_many_extensions",
            _("Thời hạn này không được gia hạn (%(citation)s).") % {"citation": citation},
        )
    more = rule.extensions_allowed(complex=True, especially_complex=True)
    if not state.especially_complex and more > allowed:
        return CaseError(
            "too_many_extensions",
            _(
                "Đã gia hạn %(n)d lần, tối đa cho vụ việc phức tạp (%(citation)s). Vụ việc đặc "
                "biệt phức tạp (từ 2 tiêu chí) được gia hạn %(more)d lần."
            )
            % {"n": state.extensions, "citation": citation, "more": more},
        )
    return CaseError(
        "too_many_extensions",
        _("Đã gia hạn %(n)d lần, là số lần tối đa được phép (%(citation)s).")
        % {"n": state.extensions, "citation": citation},
    )


@transaction.atomic
def case_extend(
    *,
    case: Case,
    actor: Any,
    reason: str,
    criteria: list[str] | None = None,
    days: int | None = None,
) -> Case:
    """One more extension allowed by the case's rule.

    ``criteria`` are the complexity criteria the extension decision states (Decree 31/2019
    Art. 3): with one the matter counts as complex, with two or more (over all the case's
    extensions) as especially complex, and the rule says how many extensions each allows and
    how long each may be (``max_extensions_*``, ``extension_amount``). An extension beyond what the rule
    allows is refused with the law's reason (``too_many_extensions``); an invalid length
    comes back from the legal clock as a ``CaseError`` too."""
    if not reason.strip():
        raise CaseError("reason_required", _("Phải nêu lý do gia hạn."))
    if days is not None and days <= 0:
        raise CaseError("bad_days", _("Số ngày gia hạn phải lớn hơn 0."))
    chosen = sorted({str(c).strip() for c in criteria or [] if str(c).strip()})
    locked = _lock(case)
    _require_open(locked)
    state = cs.replay(locked)
    state.criteria.update(chosen)
    refusal = _extension_refusal(state)
    if refusal is not None:
        raise refusal
    if days is not None and days > state.rule().extension_amount:
        raise CaseError(
            "bad_days",
            _("Mỗi lần gia hạn không quá %(n)d ngày.") % {"n": state.rule().extension_amount},
        )
    state.extension_days.append(days)
    old_due = locked.due_date
    try:
        result = _recompute(locked, state)
    except ValueError as exc:  # DeadlineError: e.g. the due date falls outside the calendar
        raise CaseError(getattr(exc, "code", "extension_refused"), exc) from exc
    locked.extensions += 1
    locked.save()
    data = {
        "clock": cs.CLOCK_EXTEND,
        "days": days,
        "criteria": chosen,
        "especially_complex": state.especially_complex,
        "previous_due_date": old_due.isoformat() if old_due else None,
        **cs.explanation(result),
    }
    _event(locked, kind=CaseEventKind.EXTENDED, actor=actor, note=reason.strip(), data=data)
    _audit(locked, actor, "extend", due_date=locked.due_date.isoformat(), criteria=chosen)
    return _sync(case, locked)


def _spanning(dates: Iterable[date]) -> Any:
    """Open cases whose clock may span one of ``dates``: started before the last of them and
    due on or after the first (or paused, whose due date is still moving)."""
    from django.db.models import Q

    dates = sorted(dates)
    first, last = dates[0], dates[-1]
    end = timezone.make_aware(datetime.combine(last, datetime.max.time()))
    return Case.objects.filter(status__in=OPEN_STATUSES, clock_start__lte=end).filter(
        Q(due_date__gte=first) | Q(due_date__isnull=True) | Q(paused_at__isnull=False)
    )


RECOMPUTE_BATCH = 500


def _new_due(case: Case, events: list[CaseEvent] | None = None) -> Any:
    """The recomputed clock result of ``case``, or None when its due date stands (closed,
    a decided date, or unchanged)."""
    if case.status not in OPEN_STATUSES:
        return None
    state = cs.replay(case, events)
    if state.override_due:
        return None
    result = state.compute()
    return None if result.due == case.due_date else result


WRITE_BATCH = 200


def _events_by_case(ids: list[int]) -> dict[int, list[CaseEvent]]:
    grouped: dict[int, list[CaseEvent]] = {pk: [] for pk in ids}
    for event in CaseEvent.objects.filter(case_id__in=ids).order_by("case_id", "at", "id"):
        grouped[event.case_id].append(event)
    return grouped


def _apply_recomputed(ids: list[int], parsed: list[date], reason: str) -> int:
    """Lock a batch of cases (their rows only, not their units), check again that each due
    date moved, then write the new dates, their events and one audit entry in bulk."""
    now = timezone.now()
    with transaction.atomic():
        cases = list(
            Case.objects.select_for_update(of=("self",)).select_related("unit").filter(pk__in=ids)
        )
        events = _events_by_case([c.pk for c in cases])
        changed, new_events = [], []
        for case in cases:
            result = _new_due(case, events[case.pk])
            if result is None:
                continue  # changed meanwhile by an officer: nothing left to do
            data = {
                "previous_due_date": case.due_date.isoformat() if case.due_date else None,
                "dates": [d.isoformat() for d in parsed],
                "reason": reason,
                **cs.explanation(result),
            }
            case.due_date, case.alert_stage, case.updated_at = result.due, 0, now
            changed.append(case)
            new_events.append(
                CaseEvent(
                    case=case, kind=CaseEventKind.DUE_RECOMPUTED, at=now, note=reason, data=data
                )
            )
        if changed:
            Case.objects.bulk_update(changed, ["due_date", "alert_stage", "updated_at"])
            CaseEvent.objects.bulk_create(new_events)
            due_recomputed.send(sender=Case, cases=changed)
            audit_record(
                actor=None,
                action="cases.recompute_due",
                detail={
                    "reason": reason,
                    "cases": {c.code: c.due_date.isoformat() for c in changed},
                },
                object_repr=f"{len(changed)} cases",
            )
    return len(changed)


def cases_recompute_due(
    *,
    case_ids: Iterable[int] | None = None,
    dates: Iterable[date | str] | None = None,
    reason: str = "",
    rule_ids: Iterable[str] | None = None,
) -> int:
    """Recompute the due date of open cases (all of ``case_ids``, those spanning ``dates``
    or those under ``rule_ids``); each changed case gets a public DUE_RECOMPUTED event
    saying why. Cases with a decided date (an apology) keep it. Returns how many changed.

    Cases are read in batches with their timelines (two queries per batch, no lock); only
    those whose due date actually moves are then locked, checked again and written in
    short transactions of at most ``WRITE_BATCH`` cases, so a province-wide recomputation
    never holds locks for long. The audit log gets one entry per written batch (listing the
    codes and new dates): the actor is the system, not an officer."""
    qs = Case.objects.filter(status__in=OPEN_STATUSES)
    parsed = [date.fromisoformat(str(d)[:10]) for d in dates] if dates else []
    if parsed:
        qs = _spanning(parsed)
    if case_ids is not None:
        qs = qs.filter(pk__in=list(case_ids))
    if rule_ids is not None:
        qs = qs.filter(rule_id__in=list(rule_ids))
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), RECOMPUTE_BATCH):
        batch = Case.objects.filter(pk__in=ids[start : start + RECOMPUTE_BATCH])
        batch = batch.select_related("unit").prefetch_related("events")
        moved = [c.pk for c in batch if _new_due(c, sorted(c.events.all(), key=_order)) is not None]
        for first in range(0, len(moved), WRITE_BATCH):
            changed += _apply_recomputed(moved[first : first + WRITE_BATCH], parsed, reason)
    return changed


def _order(event: CaseEvent) -> tuple[Any, int]:
    return (event.at, event.pk)
