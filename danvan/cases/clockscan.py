"""The clock scanner: reminders when a case's due date comes near or passes.

Several scanners may run at once (on several machines): each reminder is claimed with a
conditional UPDATE (``alert_stage < stage``), which only one of them can win, the way
healthchecks' ``sendalerts`` claims checks. The row's ``alert_stage`` is reset to 0 by the
services whenever the due date moves, so a new due date gets its own reminders.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.cases.models import OPEN_STATUSES, AlertStage, Case, CaseEventKind
from danvan.cases.services import case_record_event


def next_working_day(today: date) -> date:
    from danvan.deadlines.clock import add_working_days

    return add_working_days(today, 1)


def stage_for(due: date, today: date, tomorrow: date) -> int:
    if due < today:
        return AlertStage.OVERDUE
    if due == today:
        return AlertStage.DUE_TODAY
    if due <= tomorrow:
        return AlertStage.DUE_TOMORROW
    return AlertStage.NONE


def due_candidates(today: date, *, limit: int = 500) -> list[tuple[int, date]]:
    """(id, due date) of running cases that have a reminder to send, most urgent first."""
    tomorrow = next_working_day(today)
    wanted = (
        Q(due_date__lt=today, alert_stage__lt=AlertStage.OVERDUE)
        | Q(due_date=today, alert_stage__lt=AlertStage.DUE_TODAY)
        | Q(due_date__gt=today, due_date__lte=tomorrow, alert_stage__lt=AlertStage.DUE_TOMORROW)
    )
    qs = Case.objects.filter(status__in=OPEN_STATUSES, paused_at__isnull=True).filter(wanted)
    return list(qs.order_by("due_date", "id").values_list("id", "due_date")[:limit])


def claim(case_id: int, due: date, stage: int) -> bool:
    """Take the reminder ``stage`` of a case; True for exactly one of concurrent claimers."""
    return (
        Case.objects.filter(
            pk=case_id, due_date=due, alert_stage__lt=stage, status__in=OPEN_STATUSES
        ).update(alert_stage=stage)
        == 1
    )


def _note(stage: int) -> str:
    return {
        AlertStage.DUE_TOMORROW: _("Nhắc hạn: việc đến hạn vào ngày làm việc tiếp theo."),
        AlertStage.DUE_TODAY: _("Nhắc hạn: việc đến hạn hôm nay."),
        AlertStage.OVERDUE: _("Cảnh báo: việc đã quá hạn."),
    }[stage]


def scan_once(*, today: date | None = None, limit: int = 500) -> int:
    """Send the reminders due now; returns how many were claimed by this scanner."""
    today = today or timezone.localdate()
    tomorrow = next_working_day(today)
    sent = 0
    for case_id, due in due_candidates(today, limit=limit):
        stage = stage_for(due, today, tomorrow)
        with transaction.atomic():
            if not claim(case_id, due, stage):
                continue  # another scanner took it, or the due date moved meanwhile
            case = Case.objects.select_related("unit").get(pk=case_id)
            case_record_event(
                case=case,
                kind=CaseEventKind.NOTIFIED,
                actor=None,
                note=_note(stage),
                public=False,
                data={"alert_stage": int(stage), "due_date": due.isoformat()},
            )
        sent += 1
    return sent
