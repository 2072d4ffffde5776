"""Reads of the review reports, scoped by what the user may read."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from danvan.accounts.access import units_for_user
from danvan.evaluation.reports.models import ReviewReport
from danvan.evaluation.selectors import readable_provinces


def readable(user: Any) -> Any:
    """Reports of a commune the user reads or of a province whose overview the user reads."""
    return ReviewReport.objects.filter(
        Q(unit__in=units_for_user(user)) | Q(province__in=readable_provinces(user))
    ).select_related("unit", "province", "requested_by")


def report_for_user(user: Any, pk: int) -> ReviewReport | None:
    from danvan.core.boundary import DB_INT_MAX

    if not 1 <= pk <= DB_INT_MAX:
        return None
    return readable(user).filter(pk=pk).first()


def recent_for_user(user: Any, limit: int = 30) -> list[ReviewReport]:
    return list(readable(user).order_by("-requested_at", "-id")[:limit])


def scope_of(user: Any, unit_code: str, province_code: str) -> tuple[Any, Any]:
    """``(unit, province)`` the user may report on, or ``(None, None)``."""
    if province_code:
        province = readable_provinces(user).filter(code=province_code).first()
        return (None, province) if province else (None, None)
    unit = units_for_user(user).select_related("province").filter(code=unit_code).first()
    return (unit, None) if unit else (None, None)
