"""Signals of the case core, for apps that keep a copy of a case's dates.

``due_recomputed(sender=Case, cases=[...])``: sent inside the transaction that wrote new due
dates after a calendar or rule change (``cases_recompute_due``), with the changed cases
(``due_date`` already the new one). A receiver's writes commit or roll back with them.
"""

from django.dispatch import Signal

due_recomputed = Signal()
