"""Which procedures a commune handles, answered from memory on the reception hot path.

The rule is simple (every active commune-level procedure, minus a commune's switched-off
ones, plus the ones it switched on: see ``models``), and the exceptions are a tiny table,
so the reception keeps them in an in-process copy refreshed every ``TTL`` seconds and
cleared whenever a ``UnitProcedure`` row is saved or deleted in this process.
"""

from __future__ import annotations

import threading
import time

from danvan.dossiers.models import Procedure, ProcedureLevel, UnitProcedure

TTL = 60.0
_lock = threading.Lock()
_cache: dict[tuple[int, int], bool] | None = None
_loaded_at = 0.0


def invalidate(*args: object, **kwargs: object) -> None:
    global _cache
    with _lock:
        _cache = None


def _exceptions() -> dict[tuple[int, int], bool]:
    global _cache, _loaded_at
    now = time.monotonic()
    with _lock:
        if _cache is None or now - _loaded_at > TTL:
            rows = UnitProcedure.objects.values_list("unit_id", "procedure_id", "enabled")
            _cache, _loaded_at = {(u, p): e for u, p, e in rows}, now
        return _cache


def handles(unit_id: int, procedure: Procedure) -> bool:
    """Whether the commune handles ``procedure`` (which must be active)."""
    if not procedure.active:
        return False
    exception = _exceptions().get((unit_id, procedure.pk))
    if exception is not None:
        return exception
    return procedure.level == ProcedureLevel.COMMUNE
