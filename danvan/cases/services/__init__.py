"""Writes of the case core: the only way to create cases and append to their timeline.

Every service takes keyword-only arguments, runs in one transaction, locks the case row
(``select_for_update``) before reading its clock, so two officers acting at once queue
instead of overwriting each other, appends a ``CaseEvent`` and writes an audit entry.

Conventions of the timeline (read by ``clockstate.replay`` and the templates):
- ``event.note`` is shown to the citizen when ``event.public``: never personal data in it;
- ``event.data["internal_note"]`` is an officer's note, shown on the officers' page only;
- ``event.data["clock"]`` records what the event did to the legal clock, with its dates, so
  the due date can be recomputed from the timeline after a calendar change;
- past events are never rewritten, except by ``case_redact_events``, which hides a person who
  turned out to need protection in the two free texts above (``note``, ``internal_note``).
"""

from danvan.cases.services._base import CaseError, generate_secret
from danvan.cases.services.clock import (
    case_extend,
    case_pause,
    case_resume,
    cases_recompute_due,
)
from danvan.cases.services.lifecycle import (
    case_accept,
    case_assign,
    case_close,
    case_hand_on,
    case_open,
    case_open_detail,
    case_open_joined,
    case_record_event,
    case_set_due,
    case_update_applicant,
)
from danvan.cases.services.reclassify import case_reclassify
from danvan.cases.services.redact import case_redact_events

__all__ = [
    "CaseError",
    "case_accept",
    "case_assign",
    "case_close",
    "case_extend",
    "case_hand_on",
    "case_open",
    "case_open_detail",
    "case_open_joined",
    "case_pause",
    "case_reclassify",
    "case_redact_events",
    "case_record_event",
    "case_resume",
    "case_set_due",
    "case_update_applicant",
    "cases_recompute_due",
    "generate_secret",
]
