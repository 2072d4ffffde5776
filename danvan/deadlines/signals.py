"""Signals of the legal clock.

``calendar_changed`` is sent (sender: ``CalendarOverride``) with ``dates=[...]`` — the dates
whose working/non-working status changed — whenever an administrator override is created,
changed, deleted or imported. The case core listens to it to recompute the due dates of open
cases. It is sent after the transaction commits, once the new calendar is in place.

``rules_changed`` is sent with ``rule_ids=[...]`` when a rule's value is corrected.
"""

from django.dispatch import Signal

calendar_changed = Signal()
rules_changed = Signal()
