"""Small helpers shared by the democracy services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.democracy.services.errors import DemocracyError
from danvan.territory.models import Unit

# Who organises disclosures, consultations and decisions in a commune.
ORGANISER_ROLES = (Role.LEADER, Role.SPECIALIST, Role.FRONT)
# Who records paper ballots and meeting minutes, and confirms postings in a village.
VILLAGE_ROLES = (Role.LEADER, Role.SPECIALIST, Role.FRONT, Role.VILLAGE_HEAD)
# Who manages the supervision boards and answers their recommendations.
SUPERVISION_ROLES = (Role.LEADER, Role.FRONT, Role.INSPECTION_BOARD)


def require(actor: Any, unit: Unit, roles: tuple[str, ...]) -> None:
    if not has_role(actor, unit, *roles):
        raise DemocracyError(
            "forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."), status=403
        )


def aware(value: datetime, field: str) -> datetime:
    if not isinstance(value, datetime) or timezone.is_naive(value):
        raise DemocracyError(
            "naive_time", _("Thời điểm phải có múi giờ (ví dụ +07:00)."), field=field
        )
    return value


def one_line(text: str, limit: int) -> str:
    return " ".join((text or "").split())[:limit]
