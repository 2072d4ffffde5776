"""Hiding a person in what officers typed on a case's timeline, after the fact.

The timeline is append-only: what happened is never rewritten. Privacy is the one exception.
A person who turns out to need protection (a case reclassified into a kind that is always
confidential) may have been named in notes typed before anyone knew, and their
identity must not stay in the database in clear. The app that owns the kind knows the person
and passes a function that hides them; the case core rewrites only the free text of the
events (``note`` and ``data["internal_note"]``), never the facts of the clock, and the audit
log says how many events changed, never what they said.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from danvan.cases.models import Case, CaseEvent
from danvan.cases.services._base import _audit, _lock

WRITE_BATCH = 200


def _redacted(event: CaseEvent, redact: Callable[[str], str]) -> bool:
    """Apply ``redact`` to the event's free text in place; True when it changed."""
    changed = False
    if event.note:
        note = redact(event.note)
        if note != event.note:
            event.note, changed = note, True
    internal = (event.data or {}).get("internal_note")
    if isinstance(internal, str) and internal:
        hidden = redact(internal)
        if hidden != internal:
            event.data = {**event.data, "internal_note": hidden}
            changed = True
    return changed


@transaction.atomic
def case_redact_events(*, case: Case, actor: Any, redact: Callable[[str], str]) -> int:
    """Rewrite the ``note`` and ``data["internal_note"]`` of the events of ``case`` that
    ``redact`` changes (e.g. a function masking a name and a phone number); the other events
    and every other field are left as they are. Open or closed, the case is locked while its
    events are read and rewritten, so no event is appended in between. One audit entry gives
    the number of events redacted. Returns that number."""
    locked = _lock(case)
    events = list(CaseEvent.objects.filter(case=locked).only("id", "note", "data").order_by("id"))
    changed = [event for event in events if _redacted(event, redact)]
    if changed:
        # A queryset update, not ``save()``: the model refuses to save an existing event, so
        # that nothing else than this service rewrites the timeline.
        CaseEvent.objects.bulk_update(changed, ["note", "data"], batch_size=WRITE_BATCH)
    _audit(locked, actor, "redact_events", events=len(changed))
    return len(changed)
