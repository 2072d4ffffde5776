"""The outbox row alone is the truth: the sweep sends what a dead worker left behind."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.core import notifications as n
from danvan.core.models import Notification


def _row(key: str, **fields) -> Notification:  # type: ignore[no-untyped-def]
    values = {
        "channel": "sms",
        "recipient": "0912345678",
        "template": "t",
        "body": "b",
        "idempotency_key": key,
    }
    return Notification.objects.create(**{**values, **fields})


@pytest.mark.django_db
def test_the_sweep_sends_a_message_whose_task_was_never_queued(settings, tmp_path):
    settings.DANVAN_SMS_BACKEND = "file"
    settings.DANVAN_OUTBOX_DIR = str(tmp_path)
    never_tried = _row("k-null", next_attempt_at=None)  # a web worker died before enqueueing
    assert n.notifications_send_due() == 1
    never_tried.refresh_from_db()
    assert never_tried.status == "sent"


@pytest.mark.django_db
def test_a_live_lease_is_respected_and_a_stale_one_taken_over(settings, tmp_path):
    settings.DANVAN_SMS_BACKEND = "file"
    settings.DANVAN_OUTBOX_DIR = str(tmp_path)
    leased = _row("k-leased", next_attempt_at=timezone.now() + timedelta(minutes=1))
    assert n.notifications_send_due() == 0  # its sender is alive: left alone
    Notification.objects.filter(pk=leased.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert n.notifications_send_due() == 1  # the lease ran out: the sweep takes it over
    leased.refresh_from_db()
    assert leased.status == "sent"


@pytest.mark.django_db
def test_the_file_backend_delivers_one_file_per_key(settings, tmp_path):
    settings.DANVAN_OUTBOX_DIR = str(tmp_path)
    row = _row("k-once")
    first = n._file(row)
    (tmp_path / first).write_text('{"reference": "k-once", "marker": 1}', "utf-8")
    assert n._file(row) == first  # a second delivery of the same key writes nothing
    assert (tmp_path / first).read_text("utf-8").endswith('"marker": 1}')
    assert [p.name for p in tmp_path.iterdir()] == [first]


@pytest.mark.django_db
def test_an_outcome_is_recorded_only_under_the_senders_lease(settings, tmp_path, monkeypatch):
    settings.DANVAN_SMS_BACKEND = "file"
    settings.DANVAN_OUTBOX_DIR = str(tmp_path)
    row = _row("k-race", next_attempt_at=timezone.now())

    def stalled(r):  # type: ignore[no-untyped-def]
        # While this sender stalls, its lease runs out and another sender takes the row.
        Notification.objects.filter(pk=r.pk).update(
            next_attempt_at=timezone.now() + timedelta(minutes=5)
        )
        return "late"

    monkeypatch.setattr(n, "deliver", stalled)
    n.notification_send(notification_id=row.pk)
    row.refresh_from_db()
    assert row.status == "queued" and row.provider_id == ""  # not overwritten by the late one


@pytest.mark.django_db
def test_an_email_sent_again_after_a_crash_carries_the_same_message_id(settings, mailoutbox):
    # The sender died after the mail server took the message and before recording it: the
    # sweep sends it again, under the Message-ID of the first delivery, so it is one message.
    row = _row("letters:KN-1:received", channel="email", recipient="dan@example.org")
    settings.DEFAULT_FROM_EMAIL = "UBND xã <ubnd@xa.gov.vn>"
    n.deliver(row)
    Notification.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert n.notifications_send_due() == 1
    first, again = mailoutbox
    assert first.extra_headers["Message-ID"] == again.extra_headers["Message-ID"]
    assert first.extra_headers["Message-ID"].endswith("@xa.gov.vn>")
    assert "dan@" not in first.extra_headers["Message-ID"]
    other = _row("letters:KN-2:received", channel="email", recipient="dan@example.org")
    n.deliver(other)
    assert mailoutbox[2].extra_headers["Message-ID"] != first.extra_headers["Message-ID"]
    # The header reaches the wire as written.
    assert first.message()["Message-ID"] == first.extra_headers["Message-ID"]
