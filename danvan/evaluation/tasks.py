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


# Kept for tasks queued before the stale marks (a queue that outlives an upgrade): their
# commune-months become marks and go the same way as every other change.
@task()
def refresh_unit_months_task(items: list[list]) -> int:
    """``items``: ``[[unit_id, "YYYY-MM-01"], ...]``; marks them stale and recomputes every
    stale commune-month."""
    from danvan.evaluation.stale import stale_mark, stale_refresh

    stale_mark({(int(unit_id), date.fromisoformat(month)) for unit_id, month in items})
    return stale_refresh()["marks"]
