"""The clock scanner's one write of its own: claiming a reminder on the case row.

Not audited: a claim records no decision of anybody; the reminder itself goes on the case's
timeline (``case_record_event``) in the same transaction, by the scanner.
"""

from __future__ import annotations

from datetime import date

from danvan.cases.models import OPEN_STATUSES, Case


def case_reminder_claim(*, case_id: int, due: date, stage: int) -> bool:
    """Take the reminder ``stage`` of a case; True for exactly one of concurrent claimers.

    A conditional UPDATE (``alert_stage < stage``) only one scanner can win; a due date that
    moved meanwhile (``due_date`` differs) makes the claim fail, so a stale reminder is never
    sent."""
    return (
        Case.objects.filter(
            pk=case_id, due_date=due, alert_stage__lt=stage, status__in=OPEN_STATUSES
        ).update(alert_stage=stage)
        == 1
    )
