"""Background tasks of the case core (django-tasks)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django_tasks import task

from danvan.cases.services import cases_recompute_due


def calendar_reason(dates: list[str]) -> str:
    shown = ", ".join(date.fromisoformat(d[:10]).strftime("%d/%m/%Y") for d in sorted(dates)[:10])
    return _("Lịch làm việc thay đổi (ngày %(dates)s)") % {"dates": shown}


@task()
def recompute_due_task(dates: list[str], reason: str = "") -> int:
    """Recompute the open cases whose clock spans ``dates`` (ISO dates) after a calendar
    change; returns how many due dates moved."""
    return cases_recompute_due(dates=dates, reason=reason or calendar_reason(dates))


@task()
def recompute_rules_task(rule_ids: list[str]) -> int:
    """Recompute the open cases under ``rule_ids`` after a rule's value was corrected."""
    reason = _("Quy định thời hạn được điều chỉnh (%(rules)s)") % {"rules": ", ".join(rule_ids)}
    return cases_recompute_due(rule_ids=rule_ids, reason=reason)
