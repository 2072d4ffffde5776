"""Stale commune-months: marked when a change commits, recomputed together by one deferred run.

Recomputing a commune-month also recomputes its province's index (every commune, with the
Monte Carlo intervals) and the commune's findings: a few hundred milliseconds at a million
cases. Done once per change, a busy reception desk (several letters and dossiers a second at
the province's peak) would keep the task worker on a core of its own and starve the web
pages. So a change only marks its months (one upsert), and the first mark schedules a run
``DANVAN_EVALUATION_REFRESH_DELAY_SECONDS`` later; that run takes every mark made until it
starts and recomputes each month once for all the communes marked in it. Public figures are
that much older — the evaluation is monthly, so a minute does not matter.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from danvan.evaluation.models import StaleMonth
from danvan.evaluation.services import stale_mark, stale_marks_remove

__all__ = ["schedule_refresh", "stale_mark", "stale_refresh"]

SCHEDULED_KEY = "evaluation:stale-run-scheduled"


def schedule_refresh() -> None:
    """Have the stale months recomputed: after the delay when the task backend can defer (one
    run per delay, whatever the number of changes), at once otherwise (tests, ``immediate``)."""
    from danvan.evaluation.tasks import refresh_stale_task

    delay = int(getattr(settings, "DANVAN_EVALUATION_REFRESH_DELAY_SECONDS", 0))
    if delay <= 0 or not refresh_stale_task.get_backend().supports_defer:
        refresh_stale_task.enqueue()
        return
    # One scheduled run per delay: the run is due when the key expires and takes every mark
    # made before it starts. Without the cache (Redis restarted), runs are merely more often.
    if not cache.add(SCHEDULED_KEY, 1, timeout=delay):
        return
    refresh_stale_task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue()


def stale_refresh(limit: int = 5000) -> dict[str, int]:
    """Recompute every stale commune-month (at most ``limit`` marks a run; the rest stay for
    the next) and remove the marks made before this run began. Returns the counts."""
    from danvan.evaluation.services import refresh
    from danvan.territory.models import Unit

    # Marks made from now on schedule the next run themselves.
    cache.delete(SCHEDULED_KEY)
    started = timezone.now()
    marks = list(
        StaleMonth.objects.filter(marked_at__lte=started)
        .order_by("period", "unit_id")
        .values_list("pk", "unit_id", "period")[:limit]
    )
    if not marks:
        return {"marks": 0, "months": 0, "values": 0, "index": 0, "findings": 0}
    by_month: dict[date, set[int]] = defaultdict(set)
    for _pk, unit_id, period in marks:
        by_month[period].add(unit_id)
    units = Unit.objects.select_related("province").in_bulk(
        {uid for ids in by_month.values() for uid in ids}
    )
    totals: dict[str, Any] = {"marks": len(marks), "months": len(by_month)}
    for month, unit_ids in sorted(by_month.items()):
        counts = refresh(periods=[month], units=[units[u] for u in sorted(unit_ids) if u in units])
        for key in ("values", "index", "findings"):
            totals[key] = totals.get(key, 0) + counts[key]
    # A mark made again after the run began has a later time: it stays for the next run.
    stale_marks_remove([pk for pk, *_rest in marks], made_before=started)
    if StaleMonth.objects.exists():  # over the limit, or marked while this run worked
        schedule_refresh()
    return totals
