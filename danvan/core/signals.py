"""Signals of the core that any app may send.

``indicator_inputs_changed(sender, items=[(unit_id, month_start), ...])``: an app whose
registered indicators read something other than cases (a survey's stored estimates) says
which commune-months changed; the evaluation recomputes them, as it does after a case
changes. Send it after the transaction commits."""

from django.dispatch import Signal

indicator_inputs_changed = Signal()
