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
