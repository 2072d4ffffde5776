"""The clock scanner: reminders when a case's due date comes near or passes.

Several scanners may run at once (on several machines): each reminder is claimed with a
conditional UPDATE (``alert_stage < stage``), which only one of them can win, the way
healthchecks' ``sendalerts`` claims checks. The row's ``alert_stage`` is reset to 0 by the
services whenever the due date moves, so a new due date gets its own reminders.

Each claimed reminder is also queued as an email to the officer the case is assigned to
(through the outbox of ``danvan.core.notifications``, in the same transaction as the claim),
with an idempotency key per case, due date and stage: a scanner that re-runs after a crash,
or a second scanner, cannot send it twice. Internal reminders never go to citizens, and never
by SMS.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.cases.kinds import kind_label
from danvan.cases.models import OPEN_STATUSES, AlertStage, Case, CaseEventKind
from danvan.cases.services import case_record_event
from danvan.cases.services.reminders import case_reminder_claim


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
    return case_reminder_claim(case_id=case_id, due=due, stage=stage)


def _note(stage: int) -> str:
    return {
        AlertStage.DUE_TOMORROW: _("Nhắc hạn: việc đến hạn vào ngày làm việc tiếp theo."),
        AlertStage.DUE_TODAY: _("Nhắc hạn: việc đến hạn hôm nay."),
        AlertStage.OVERDUE: _("Cảnh báo: việc đã quá hạn."),
    }[stage]


def reminder_key(case: Case, due: date, stage: int) -> str:
    return f"cases.reminder:{case.pk}:{due.isoformat()}:{int(stage)}"


def _case_url(case: Case) -> str:
    try:
        path = reverse("cases:detail", args=[case.code])
    except NoReverseMatch:  # the officers' pages are not mounted (an API-only deployment)
        return ""
    return f"{getattr(settings, 'SITE_ROOT', '').rstrip('/')}{path}"


def enqueue_reminder(case: Case, due: date, stage: int) -> bool:
    """Queue the email reminder to the case's assignee; False when there is nobody to tell
    (not assigned, or no email address). Called inside the claim's transaction."""
    from danvan.core.notifications import notification_enqueue

    assignee = case.assignee if case.assignee_id else None
    if assignee is None or not getattr(assignee, "is_active", True):
        return False
    email = getattr(assignee, "email", "")
    if not email:
        return False
    due_text = due.strftime("%d/%m/%Y")
    subject = _("%(note)s Mã %(code)s, hạn %(due)s") % {
        "note": _note(stage),
        "code": case.code,
        "due": due_text,
    }
    lines = [
        _note(stage),
        _("Mã việc: %(code)s (%(kind)s)") % {"code": case.code, "kind": kind_label(case.kind)},
        _("Hạn giải quyết: %(due)s") % {"due": due_text},
    ]
    url = _case_url(case)
    if url:
        lines.append(_("Xem và xử lý: %(url)s") % {"url": url})
    row = notification_enqueue(
        channel="email",
        recipient=email,
        template="cases.reminder",
        subject=subject,
        body="\n".join(lines),
        idempotency_key=reminder_key(case, due, stage),
        unit_code=case.unit.code,
        object_ref=case.code,
    )
    return row is not None


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
            case = Case.objects.select_related("unit", "assignee").get(pk=case_id)
            emailed = enqueue_reminder(case, due, stage)
            case_record_event(
                case=case,
                kind=CaseEventKind.NOTIFIED,
                actor=None,
                note=_note(stage),
                public=False,
                data={"alert_stage": int(stage), "due_date": due.isoformat(), "emailed": emailed},
            )
        sent += 1
    return sent
