"""The processing time of each procedure as a rule of the legal clock.

``case_open(rule_id="onestop.procedure.<CODE>")`` asks the registered rule source, which
answers from an in-process copy of the catalogue (the clock runs for every reception, so it
must not query the database each time). Saving a procedure clears the copy; other processes
see a change within ``TTL`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

from danvan.deadlines.rulespec import RuleSpec

PREFIX = "onestop.procedure."
TTL = 60.0
_lock = threading.Lock()
_cache: dict[str, RuleSpec] | None = None
_loaded_at = 0.0


def spec_for(code: str, processing_days: int, legal_basis: str, name: str) -> RuleSpec:
    return RuleSpec(
        id=f"{PREFIX}{code}",
        amount=processing_days,
        unit="working",
        citation=legal_basis or "Bộ thủ tục hành chính đã công bố",
        citation_en=legal_basis or "Published administrative procedure",
        name_vi=f"Giải quyết thủ tục {name}",
        name_en=f"Processing of procedure {code}",
        area="onestop",
        start_event_vi="ngày tiếp nhận hồ sơ đầy đủ",
        start_event_en="receipt of the complete dossier",
        one_stop_cutoff=True,
    )


def _load() -> dict[str, RuleSpec]:
    from danvan.dossiers.models import Procedure

    rows = Procedure.objects.filter(active=True).values_list(
        "code", "processing_days", "legal_basis", "name"
    )
    return {code: spec_for(code, days, basis, name) for code, days, basis, name in rows}


def _table() -> dict[str, RuleSpec]:
    global _cache, _loaded_at
    now = time.monotonic()
    with _lock:
        if _cache is None or now - _loaded_at > TTL:
            _cache, _loaded_at = _load(), now
        return _cache


def invalidate(*args: object, **kwargs: object) -> None:
    global _cache
    with _lock:
        _cache = None


def resolve(rule_id: str) -> RuleSpec | None:
    code = rule_id.removeprefix(PREFIX)
    spec = _table().get(code)
    if spec is None:
        # Created by another process since the copy was taken: ask the database once.
        invalidate()
        spec = _table().get(code)
    return spec


def rules() -> Iterator[RuleSpec]:
    return iter(list(_table().values()))
