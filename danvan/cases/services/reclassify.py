"""Correcting the kind of a case before it is accepted, and with it the rule of its clock.

A case misclassified at the desk (registered under a kind whose rule is not its own) runs on
the wrong legal clock: the intake rule depends on the kind. The correction puts the case on the
new kind's rule, counted again from the start of the current count (the receipt), as if it
had been classified right from the start; the timeline keeps the previous kind, rule and
due date, so the replay after a calendar change computes on the new rule.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.cases import clockstate as cs
from danvan.cases.kinds import always_confidential, is_kind
from danvan.cases.models import Case, CaseEventKind
from danvan.cases.services._base import (
    APPLICANT_FIELDS,
    CaseError,
    _audit,
    _event,
    _lock,
    _recompute,
    _require_open,
    _sync,
)


def _check_clock(case: Case, state: cs.ClockState) -> None:
    """Only a case still on its first, untouched count: a pause, an extension or a decided
    date belongs to the old rule and would be lost by counting again."""
    if case.accepted_at is not None:
        # The callers check this first, in their own words; here it guards the contract.
        raise CaseError(
            "accepted", _("Việc đã thụ lý: không phân loại lại, giữ nguyên loại việc và thời hạn.")
        )
    if state.paused:
        raise CaseError("already_paused", _("Thời hạn đang được tạm dừng."))
    if state.pauses or state.extension_days or state.override_due:
        raise CaseError(
            "clock_moved",
            _(
                "Thời hạn đã được tạm dừng, gia hạn hoặc ấn định lại: không phân loại lại "
                "việc được."
            ),
        )


@transaction.atomic
def case_reclassify(
    *,
    case: Case,
    actor: Any,
    kind: str,
    rule_id: str,
    start: datetime | None = None,
    is_complex: bool = False,
    confidential: bool = False,
    title: str | None = None,
    note: str = "",
    internal_note: str = "",
    data: dict[str, Any] | None = None,
) -> Case:
    """Give an open, not yet accepted case the kind ``kind`` and the clock of ``rule_id``
    (variant ``is_complex``), counted from ``start`` (default: the start of the current
    count). One CLASSIFIED event: ``note`` is public (no personal data), ``internal_note``
    for officers only.

    Confidentiality only ever goes up: ``confidential`` (or a kind that is always confidential, as at opening)
    makes the case confidential, and a case that becomes so drops its applicant's contact
    details, which the owning app keeps protected; a confidential case never goes back.
    ``title`` replaces the summary (e.g. with a name masked). Raises ``CaseError`` for a
    closed, accepted, paused or extended case, and the legal clock's ``DeadlineError`` for
    an unknown rule."""
    if not is_kind(kind):
        raise CaseError("bad_kind", _("Loại việc không hợp lệ."))
    if start is not None and timezone.is_naive(start):
        raise CaseError("naive_time", "start must be an aware datetime")
    locked = _lock(case)
    _require_open(locked)
    _check_clock(locked, cs.replay(locked))
    previous = {
        "previous_kind": locked.kind,
        "previous_rule_id": locked.rule_id,
        "previous_due_date": locked.due_date.isoformat() if locked.due_date else None,
    }
    start = start or locked.clock_start
    state = cs.ClockState(
        rule_id=rule_id, start=start, remote=bool(locked.unit.is_remote), complex=is_complex
    )
    result = _recompute(locked, state)
    protect = (confidential or always_confidential(kind)) and not locked.confidential
    if protect:
        locked.confidential = True
        for name in APPLICANT_FIELDS:
            setattr(locked, name, "")
        locked.search_name = ""
    if title is not None:
        locked.title = title[:300]
    locked.kind, locked.rule_id, locked.clock_start = kind, rule_id, start
    locked.is_complex = is_complex
    locked.save()
    payload: dict[str, Any] = {
        **(data or {}),
        **previous,
        "kind": kind,
        "clock": cs.CLOCK_START,
        "rule_id": rule_id,
        "start": start.isoformat(),
        **cs.explanation(result),
    }
    if internal_note:
        payload["internal_note"] = internal_note
    _event(locked, kind=CaseEventKind.CLASSIFIED, actor=actor, note=note, data=payload)
    _audit(
        locked,
        actor,
        "reclassify",
        kind=kind,
        previous_kind=previous["previous_kind"],
        rule_id=rule_id,
        due_date=locked.due_date.isoformat(),
        confidential=locked.confidential,
    )
    return _sync(case, locked)
