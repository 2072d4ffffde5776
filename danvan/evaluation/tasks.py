"""Background work of the evaluation: the incremental update of a commune's months after a
case changed (a django-tasks task), and which months are still open (on-time rates depend on
today's date; ``compute_indicators --open`` recomputes them daily from ``run_periodic``)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task

from danvan.evaluation.periods import month_of, previous_month


def open_months(today: date | None = None) -> list[date]:
    """This month and the last: cases still move in them."""
    this = month_of(today or timezone.localdate())
    return [previous_month(this), this]


@task()
def refresh_stale_task() -> int:
    """Recompute every stale commune-month (``danvan.evaluation.stale``); returns how many
    marks it covered."""
    from danvan.evaluation.stale import stale_refresh

    return stale_refresh()["marks"]


# Kept for tasks queued before the stale marks (a queue that outlives an upgrade).
@task()
def refresh_unit_months_task(items: list[list]) -> int:
    """``items``: ``[[unit_id, "YYYY-MM-01"], ...]``; recomputes each commune-month, then its
    province's index and the commune's findings for it."""
    from danvan.evaluation.services import refresh
    from danvan.territory.models import Unit

    by_unit: dict[int, set[date]] = {}
    for unit_id, month in items:
        by_unit.setdefault(int(unit_id), set()).add(date.fromisoformat(month))
    units = {u.pk: u for u in Unit.objects.select_related("province").filter(pk__in=by_unit)}
    done = 0
    for uid, months in by_unit.items():
        if uid in units:
            refresh(periods=sorted(months), units=[units[uid]])
            done += len(months)
    return done
