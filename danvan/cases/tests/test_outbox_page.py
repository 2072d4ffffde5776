"""The commune's outbox page and, on each case, what was sent to the citizen and when."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.core.models import Notification, NotificationStatus
from danvan.core.notifications import notification_enqueue

from .conftest import open_case

pytestmark = pytest.mark.django_db


def _message(case, key, **fields):  # type: ignore[no-untyped-def]
    row = notification_enqueue(
        channel="sms",
        recipient=case.applicant_phone or "0912000111",
        template=f"letters.{key}",
        body=f"UBND xã: đơn {case.code} ({key}).",
        idempotency_key=f"t:{case.code}:{key}",
        unit_code=case.unit.code,
        object_ref=case.code,
    )
    Notification.objects.filter(pk=row.pk).update(**fields)
    return row


def test_outbox_lists_queued_sent_failed_with_retries(
    client_a, client_b, unit_a, officer_a, django_assert_max_num_queries
):
    cases = [open_case(unit_a, applicant_phone=f"09120001{i:02d}") for i in range(6)]
    now = timezone.now()
    _message(cases[0], "received", status=NotificationStatus.SENT, sent_at=now, attempts=1)
    _message(
        cases[1],
        "received",
        attempts=2,
        last_error="gateway 503",
        next_attempt_at=now + timedelta(minutes=16),
    )
    _message(cases[2], "received", status=NotificationStatus.FAILED, attempts=5)
    for case in cases[3:]:
        _message(case, "accepted")
    with django_assert_max_num_queries(12):
        page = client_a.get(reverse("cases:outbox"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-testid="outbox-row"') == 6
    assert "gateway 503" in html and "Gửi lại lúc" in html
    counts = html.split('data-testid="outbox-counts">')[1].split("</p>")[0]
    assert "4 chờ gửi" in counts and "1 đang gửi lại" in counts
    assert "1 đã gửi" in counts and "1 gửi thất bại" in counts
    failed = client_a.get(reverse("cases:outbox"), {"status": "failed"}).content.decode()
    assert failed.count('data-testid="outbox-row"') == 1
    assert "letters.received" not in html  # the template's label, not its code
    # another commune's officer sees none of A's messages
    other = client_b.get(reverse("cases:outbox")).content.decode()
    assert cases[0].code not in other and "0912000100" not in other


def test_case_page_shows_what_was_sent_and_masks_a_protected_recipient(client_a, unit_a):
    case = open_case(unit_a, applicant_phone="0912555666")
    _message(case, "received", status=NotificationStatus.SENT, sent_at=timezone.now())
    html = client_a.get(reverse("cases:detail", args=[case.code])).content.decode()
    sent = html.split('data-testid="sent-to-citizen"')[1].split("</section>")[0]
    assert "Báo đã tiếp nhận" in sent and "0912555666" in sent and "Đã gửi" in sent
    secret = open_case(unit_a, applicant_phone="0912777888", confidential=True)
    _message(secret, "received")
    html = client_a.get(reverse("cases:detail", args=[secret.code])).content.decode()
    sent = html.split('data-testid="sent-to-citizen"')[1].split("</section>")[0]
    assert "0912777888" not in sent and "[bảo mật]" in sent
    outbox = client_a.get(reverse("cases:outbox")).content.decode()
    assert "0912777888" not in outbox and "0912555666" in outbox


def test_a_protected_recipient_is_marked_in_the_page_language(client_a, unit_a):
    from danvan.testing.language import english

    secret = open_case(unit_a, applicant_phone="0912777888", confidential=True)
    _message(secret, "received")
    english(client_a)
    html = client_a.get(reverse("cases:detail", args=[secret.code])).content.decode()
    sent = html.split('data-testid="sent-to-citizen"')[1].split("</section>")[0]
    assert "[confidential]" in sent and "[bảo mật]" not in sent and "0912777888" not in sent
    outbox = client_a.get(reverse("cases:outbox")).content.decode()
    assert "[confidential]" in outbox and "[bảo mật]" not in outbox
    assert "0912777888" not in outbox
