"""Messages to the sender about their letter (SMS/e-mail through the core outbox).

A denouncer is never messaged this way: their phone and e-mail stay encrypted and the law's
notices to them go on paper through the audited path. No message carries a name: the code
and the outcome are enough, and the tracking page tells the rest.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from danvan.core.notifications import notification_enqueue
from danvan.letters.models import Letter

TEXTS = {
    "received": "UBND {unit} đã nhận đơn {code}, hạn xử lý {due}. Tra cứu: {url}",
    "accepted": "UBND {unit}: đơn {code} đã được thụ lý/xử lý. Tra cứu: {url}",
    "guided": "UBND {unit}: đơn {code} không thuộc thẩm quyền; đã hướng dẫn gửi đến {body}.",
    "forwarded": "UBND {unit}: đơn {code} đã được chuyển đến {body}.",
    "not_eligible": "UBND {unit}: đơn {code} không đủ điều kiện xử lý; xem thông báo gửi kèm.",
    "answered": "UBND {unit}: đơn {code} đã được trả lời. Xem nội dung trả lời: {url}",
}


def notify_sender(*, letter: Letter, event: str) -> Any:
    """Queue one SMS (or e-mail when there is no phone) inside the caller's transaction."""
    if letter.identity_protected or event not in TEXTS:
        return None
    channel, recipient = (
        ("sms", letter.sender_phone) if letter.sender_phone else ("email", letter.sender_email)
    )
    if not recipient:
        return None
    case = letter.case
    values = {
        "unit": letter.unit.name,
        "code": case.code,
        "due": case.due_date.strftime("%d/%m/%Y") if case.due_date else "—",
        "body": letter.receiving_body,
    }
    body = TEXTS[event].format(
        url=f"{getattr(settings, 'SITE_ROOT', '')}/tra-cuu/{case.code}/", **values
    )
    return notification_enqueue(
        channel=channel,
        recipient=recipient,
        template=f"letters.{event}",
        subject=f"Đơn {case.code}",
        body=body,
        idempotency_key=f"letters:{case.code}:{event}",
        unit_code=letter.unit.code,
        object_ref=case.code,
        data={k: v for k, v in values.items() if v},
    )
