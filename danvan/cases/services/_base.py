"""Shared helpers of the case services (see ``danvan.cases.services``)."""

from __future__ import annotations

import secrets as _secrets
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.cases import clockstate as cs
from danvan.cases.kinds import is_event_kind
from danvan.cases.models import OPEN_STATUSES, Case, CaseEvent, CaseEventKind, CaseStatus
from danvan.core.services import audit_record

# No 0/O, 1/I/L: the secret is read off a printed slip and typed on a phone.
SECRET_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SECRET_LENGTH = 8

CLOSING_EVENT = {
    CaseStatus.RESOLVED: CaseEventKind.RESOLVED,
    CaseStatus.RETURNED: CaseEventKind.RETURNED,
    CaseStatus.REFUSED: CaseEventKind.REFUSED,
    CaseStatus.TRANSFERRED: CaseEventKind.TRANSFERRED,
    CaseStatus.WITHDRAWN: CaseEventKind.NOTE,
}


class CaseError(ValueError):
    """A refused case operation; ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: Any) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message


def generate_secret() -> str:
    return "".join(_secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


# The applicant's contact details on a case: cleared when a case becomes confidential.
APPLICANT_FIELDS = ("applicant_name", "applicant_phone", "applicant_email", "applicant_address")


def _lock(case: Case) -> Case:
    """The row of ``case`` locked for this transaction, with its unit."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    locked.unit = case.unit if case.unit_id == locked.unit_id else locked.unit
    return locked


def _sync(target: Case, source: Case) -> Case:
    """Copy the fresh field values back onto the caller's instance (no extra query)."""
    if target is not source:
        for f in Case._meta.concrete_fields:
            setattr(target, f.attname, getattr(source, f.attname))
    return source


def _require_open(case: Case) -> None:
    if case.status not in OPEN_STATUSES:
        raise CaseError("closed", _("Việc đã kết thúc, không thể thao tác thêm."))


def _event(
    case: Case,
    *,
    kind: str,
    actor: Any,
    at: datetime | None = None,
    note: str = "",
    public: bool = True,
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    if not is_event_kind(kind):
        # The field has no choices: the core's steps and the manifests' are the list.
        raise CaseError("bad_event_kind", f"Unknown case event kind {kind!r}")
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        public=public,
        data=data or {},
    )


def _audit(case: Case, actor: Any, action: str, **detail: Any) -> None:
    # The code, never the applicant's name: the log must not spread personal data.
    audit_record(
        actor=actor,
        action=f"cases.{action}",
        obj=case,
        unit_code=case.unit.code,
        detail=detail,
        object_repr=case.code,
    )


def _recompute(case: Case, state: cs.ClockState) -> Any:
    """Compute the due date from ``state`` and store it on the row (not saved)."""
    result = state.compute()
    new_due = state.override_due or result.due
    if new_due != case.due_date:
        case.due_date = new_due
        case.alert_stage = 0  # a new due date deserves its own reminders
    return result
