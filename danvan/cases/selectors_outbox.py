"""Reads of the outbox as officers see it: a commune's messages to citizens (queued, sent,
failed, with their retries) and, on a case's page, what was sent about that case and when.

The rows are the core's ``Notification``; a commune's officers in a working role read those
of their commune. A message about a confidential case (a protected sender) shows its
recipient masked, as the sender's phone is everywhere else; ``notifications_redact`` has
normally emptied it already, the mask holds for the rows written before.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import acting_units
from danvan.accounts.roles import Role
from danvan.cases.models import Case
from danvan.core.models import Notification, NotificationStatus

OUTBOX_ROLES = (Role.ONE_STOP, Role.SPECIALIST, Role.LEADER, Role.ADMIN)
# Shown in the page's language where a protected person's phone or address would be.
PROTECTED = gettext_lazy("[bảo mật]")
# Messages to officers (deadline reminders) are not "what the citizen was told".
OFFICER_TEMPLATES = ("cases.reminder",)


def outbox_units(user: Any) -> QuerySet[Any]:
    return acting_units(user, *OUTBOX_ROLES).order_by("name")


def outbox_rows(unit_code: str, *, status: str = "") -> QuerySet[Notification]:
    rows = Notification.objects.filter(unit_code=unit_code)
    if status in NotificationStatus.values:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-id")


def outbox_counts(unit_code: str) -> dict[str, int]:
    """How many messages are queued, sent, failed, and queued after a failed try."""
    return Notification.objects.filter(unit_code=unit_code).aggregate(
        queued=Count("id", filter=Q(status=NotificationStatus.QUEUED)),
        sent=Count("id", filter=Q(status=NotificationStatus.SENT)),
        failed=Count("id", filter=Q(status=NotificationStatus.FAILED)),
        retrying=Count("id", filter=Q(status=NotificationStatus.QUEUED, attempts__gt=0)),
    )


def _template_labels() -> dict[str, str]:
    # By what the message says, whichever app sent it ("letters.received", "dossier.received").
    return {
        "received": _("Báo đã tiếp nhận"),
        "accepted": _("Báo đã thụ lý"),
        "guided": _("Hướng dẫn gửi cơ quan có thẩm quyền"),
        "forwarded": _("Báo đã chuyển đơn"),
        "not_eligible": _("Báo không đủ điều kiện xử lý"),
        "answered": _("Báo đã trả lời"),
        "result_ready": _("Báo có kết quả"),
        "supplement": _("Yêu cầu bổ sung hồ sơ"),
        "apology": _("Xin lỗi, hẹn lại ngày trả"),
        "reminder": _("Nhắc hạn cho cán bộ"),
    }


def template_label(template: str) -> str:
    suffix = (template or "").rsplit(".", 1)[-1]
    return _template_labels().get(suffix, _("Tin nhắn khác"))


def describe(rows: list[Notification]) -> list[Notification]:
    """Labels and masks for a page of rows: one query for the whole page (which of the
    cases they are about are confidential)."""
    refs = {r.object_ref for r in rows if r.object_ref}
    confidential = set(
        Case.objects.filter(code__in=refs, confidential=True).values_list("code", flat=True)
    )
    status_labels = dict(NotificationStatus.choices)
    for row in rows:
        row.template_label = template_label(row.template)
        row.status_label = str(status_labels.get(row.status, row.status))
        row.channel_label = _("SMS") if row.channel == "sms" else _("Thư điện tử")
        protected = row.object_ref in confidential
        row.shown_recipient = PROTECTED if protected or not row.recipient else row.recipient
        # A delivery error quotes the recipient (an SMTP refusal names the address).
        row.shown_error = "" if protected else row.last_error
        row.protected = protected
    return rows


def sent_about(case: Case) -> list[Notification]:
    """What the citizen was sent (or is about to be) about ``case``, oldest first."""
    rows = list(
        Notification.objects.filter(object_ref=case.code)
        .exclude(template__in=OFFICER_TEMPLATES)
        .order_by("created_at", "id")
    )
    for row in describe(rows):
        if case.confidential:
            row.shown_recipient = PROTECTED
    return rows
