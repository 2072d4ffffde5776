"""Incremental updates: a case that changes (received, closed, its due date moved) or an
event that lands marks its commune's months as stale; once the transaction commits, the marks
are stored and a deferred task recomputes every stale month at once (``stale``; the marks of
one transaction are merged, so a service that saves a case and two events costs one mark).

Connected to ``post_save`` of the case core's ``Case`` and ``CaseEvent`` from this app, so the
case core knows nothing of the evaluation. Bulk writes (imports, demo data) send no signal:
the nightly task and ``compute_indicators`` cover them.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.evaluation.periods import month_of

_local = threading.local()


def _months(case: Any, extra: Any = None) -> set[date]:
    out = set()
    for moment in (case.received_at, case.closed_at, extra):
        if moment is not None:
            out.add(month_of(timezone.localtime(moment).date()))
    if case.due_date is not None:
        out.add(month_of(case.due_date))
    return out


def _enqueue(items: set[tuple[int, date]]) -> None:
    if not items:
        return
    from danvan.evaluation.stale import schedule_refresh, stale_mark

    stale_mark(items)
    schedule_refresh()


def _new_flush() -> Any:
    def flush() -> None:
        if getattr(_local, "flush", None) is flush:
            _local.flush = None
        items, _local.pending = getattr(_local, "pending", set()), set()
        _enqueue(items)

    return flush


def mark(unit_id: int, months: set[date]) -> None:
    items = {(unit_id, m) for m in months}
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _enqueue(items)
        return
    flush = getattr(_local, "flush", None)
    if flush is None or not any(entry[1] is flush for entry in connection.run_on_commit):
        # A new batch; marks left by a transaction that rolled back are dropped with it.
        _local.pending = set()
        _local.flush = flush = _new_flush()
        transaction.on_commit(flush)
    _local.pending = _local.pending | items


def on_case_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.unit_id is None:
        return
    mark(instance.unit_id, _months(instance))


def on_event_saved(
    sender: Any, instance: Any, created: bool = False, raw: bool = False, **kw: Any
) -> None:
    if raw or not created:
        return
    case = instance.case
    mark(case.unit_id, _months(case, instance.at))


def on_indicator_inputs_changed(sender: Any, items: Any = (), **kwargs: Any) -> None:
    """Another app's indicator inputs changed (``danvan.core.signals``): recompute those
    commune-months."""
    for unit_id, month in items:
        mark(int(unit_id), {month_of(month)})
