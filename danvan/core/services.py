"""Writes owned by core: the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

from danvan.core.middleware import current_ip
from danvan.core.models import AuditEntry
from danvan.core.types import Actor, account_of


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    unit_code: str = "",
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    """Append one entry to the audit log.

    Services call this inside their own transaction, so the entry commits or rolls back with
    the change it describes. ``object_repr`` lets a caller keep personal data out of the log
    (a confidential case is logged by its code, never by the protected person's name).
    """
    account = account_of(actor)
    return AuditEntry.objects.create(
        actor=account,
        actor_name=(account.get_username() if account is not None else "")[:150],
        unit_code=unit_code,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr if object_repr is not None else (str(obj) if obj else ""))[:200],
        ip=ip if ip is not None else current_ip(),
        detail=detail or {},
    )


# ---------------------------------------------------------------------------- the outbox
# The rows of ``danvan.core.notifications``' outbox are written here and only here; that
# module decides when (enqueue, claim, record an outcome, redact), these functions write.


def outbox_insert(row: Any) -> bool:
    """INSERT the new outbox ``row`` unless its idempotency key exists (one INSERT … ON
    CONFLICT DO NOTHING, so a repeated key never fails the caller's transaction); True when
    this call inserted it."""
    from danvan.core.db import insert_unless_exists

    return insert_unless_exists(row, unique_field="idempotency_key")


def outbox_claim(notification_id: int, due: Any, until: Any) -> bool:
    """Take the lease on row ``notification_id`` if it is ``due``: one conditional UPDATE
    whose WHERE holds the whole condition (of two senders racing, exactly one gets it)."""
    from danvan.core.models import Notification

    return bool(Notification.objects.filter(due, pk=notification_id).update(next_attempt_at=until))


def outbox_record(notification_id: int, until: Any, **fields: Any) -> int:
    """Record an outcome on row ``notification_id`` only while the sender still holds the
    lease ``until`` on it; returns 1 when recorded, 0 when the lease was lost."""
    from danvan.core.models import Notification, NotificationStatus

    held = Notification.objects.filter(
        pk=notification_id, status=NotificationStatus.QUEUED, next_attempt_at=until
    )
    return held.update(**fields)


def outbox_redact(object_ref: str, reason: str) -> tuple[int, int, str]:
    """Stop the queued messages about ``object_ref`` and empty the recipient of all of them;
    returns (stopped, redacted, unit code of the rows)."""
    from danvan.core.models import Notification, NotificationStatus

    rows = Notification.objects.filter(object_ref=object_ref).exclude(recipient="")
    unit_code = rows.values_list("unit_code", flat=True).first() or ""
    stopped = rows.filter(status=NotificationStatus.QUEUED).update(
        status=NotificationStatus.FAILED, last_error=reason[:500]
    )
    done = rows.update(recipient="")
    return stopped, done, unit_code
