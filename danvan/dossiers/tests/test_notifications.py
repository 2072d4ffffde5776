"""The outbox: one row per message, sent after commit, retried with back-off, backends."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.utils import timezone

from danvan.core import notifications as n
from danvan.core.models import Notification


def enqueue(**kwargs):
    values = {
        "channel": "sms",
        "recipient": "0912345678",
        "template": "dossier.received",
        "body": "Da tiep nhan ho so",
        "idempotency_key": "k1",
    }
    values.update(kwargs)
    return n.notification_enqueue(**values)


def test_sent_only_after_commit_and_once_per_key(db, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue()
        assert enqueue().pk == row.pk  # same key: same row
        assert Notification.objects.get().status == "queued"
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 1 and row.sent_at is not None
    assert "[SMS to 0912345678] Da tiep nhan ho so" in capsys.readouterr().out
    assert Notification.objects.count() == 1


def test_rollback_sends_nothing(db, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                enqueue()
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert not callbacks and not Notification.objects.exists()


def test_no_recipient_no_row(db):
    assert enqueue(recipient="  ") is None
    assert not Notification.objects.exists()


def test_retry_with_backoff_then_terminal_failure(db, settings, monkeypatch):
    settings.DANVAN_SMS_BACKEND = "http"
    settings.DANVAN_SMS_GATEWAY_URL = ""  # misconfigured: every attempt fails
    row = enqueue()
    assert n.notification_send(notification_id=row.pk) == "queued"
    row.refresh_from_db()
    assert row.attempts == 1 and "not set" in row.last_error
    assert row.next_attempt_at - timezone.now() > timedelta(seconds=50)
    # Not due yet: the retry scan leaves it alone.
    assert n.notifications_send_due() == 0
    for attempt in range(2, n.MAX_ATTEMPTS + 1):
        Notification.objects.filter(pk=row.pk).update(
            next_attempt_at=timezone.now() - timedelta(seconds=1)
        )
        assert n.notifications_send_due() == 1
        row.refresh_from_db()
        assert row.attempts == attempt
    assert row.status == "failed" and row.next_attempt_at is None
    assert n.notification_send(notification_id=row.pk) == "failed"  # terminal
    assert n.backoff(1) == timedelta(minutes=1) and n.backoff(3) == timedelta(minutes=16)


def test_a_sent_message_is_not_sent_again(db, capsys):
    row = enqueue()
    assert n.notification_send(notification_id=row.pk) == "sent"
    assert n.notification_send(notification_id=row.pk) == "sent"
    assert capsys.readouterr().out.count("[SMS to") == 1


def test_file_backend(db, settings, tmp_path):
    settings.DANVAN_SMS_BACKEND = "file"
    settings.DANVAN_OUTBOX_DIR = str(tmp_path / "outbox")
    row = enqueue(body="Hồ sơ đã có kết quả")
    assert n.notification_send(notification_id=row.pk) == "sent"
    files = list((tmp_path / "outbox").iterdir())
    assert len(files) == 1
    payload = json.loads(files[0].read_text("utf-8"))
    assert payload["to"] == "0912345678" and payload["message"] == "Hồ sơ đã có kết quả"


def test_email_backend(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    row = enqueue(channel="email", recipient="dan@example.vn", subject="Hồ sơ", body="Nội dung")
    assert n.notification_send(notification_id=row.pk) == "sent"
    assert mail.outbox[0].to == ["dan@example.vn"] and mail.outbox[0].body == "Nội dung"


class _Gateway(BaseHTTPRequestHandler):
    received: list = []
    fail_first = 0

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Gateway.received.append((self.headers.get("Authorization"), json.loads(body)))
        if _Gateway.fail_first > 0:
            _Gateway.fail_first -= 1
            self.send_response(503)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": "gw-42"}')

    def log_message(self, *args):
        return None


@pytest.fixture
def gateway():
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.received = []
    yield server
    server.shutdown()
    server.server_close()


def test_http_gateway(db, settings, gateway):
    settings.DANVAN_SMS_BACKEND = "http"
    settings.DANVAN_SMS_GATEWAY_URL = f"http://127.0.0.1:{gateway.server_port}/sms"
    settings.DANVAN_SMS_GATEWAY_TOKEN = "tok"
    _Gateway.fail_first = 1
    row = enqueue(body="Hồ sơ 99001-261005-0001")
    assert n.notification_send(notification_id=row.pk) == "queued"  # 503: retried later
    row.refresh_from_db()
    assert "503" in row.last_error
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert n.notification_send(notification_id=row.pk) == "sent"
    row.refresh_from_db()
    assert row.provider_id == "gw-42" and row.attempts == 2
    auth, payload = _Gateway.received[-1]
    assert auth == "Bearer tok"
    assert payload == {"to": "0912345678", "message": "Hồ sơ 99001-261005-0001", "reference": "k1"}


def test_retry_command(db, capsys):
    from io import StringIO

    from django.core.management import call_command

    row = enqueue()
    Notification.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=1)
    )
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert out.getvalue().strip() == "1"
    row.refresh_from_db()
    assert row.status == "sent"


def test_redaction_removes_the_recipient_and_stops_what_is_queued(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = enqueue(idempotency_key="r1", object_ref="PA-1")
    queued = enqueue(idempotency_key="r2", object_ref="PA-1")  # never committed-and-sent
    other = enqueue(idempotency_key="r3", object_ref="PA-2")
    assert n.notifications_redact(object_ref="PA-1", reason="sender protected") == 2
    sent.refresh_from_db(), queued.refresh_from_db(), other.refresh_from_db()
    assert sent.recipient == "" and sent.status == "sent"
    assert queued.recipient == "" and queued.status == "failed"
    assert queued.last_error == "sender protected"
    assert other.recipient == "0912345678" and other.status == "queued"
    assert n.notification_send(notification_id=queued.pk) == "failed"  # nothing goes out
    from danvan.core.models import AuditEntry

    entry = AuditEntry.objects.get(action="core.notifications.redact")
    assert entry.object_repr == "PA-1" and entry.detail["redacted"] == 2
    assert "0912345678" not in str(entry.detail)


# Moved from core's Zalo tests: core must not need dossiers to test itself.
def test_a_dossier_queues_the_values_a_zalo_template_needs(db, unit_a, officer_a, settings):
    from datetime import datetime

    from danvan.core.localtime import LOCAL_TZ as VN
    from danvan.dossiers.models import Procedure
    from danvan.dossiers.services import dossier_receive

    procedure = Procedure.objects.create(
        code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch", processing_days=3
    )
    dossier = dossier_receive(
        unit=unit_a,
        procedure=procedure,
        actor=officer_a,
        applicant_name="Nguyễn Văn Đức",
        applicant_phone="0912345678",
        received_at=datetime(2026, 10, 5, 9, tzinfo=VN),
    )
    row = Notification.objects.get(template="dossier.received", channel="sms")
    assert row.data["code"] == dossier.case.code and row.data["due"] == "08/10/2026"
    assert row.data["unit"] == unit_a.name and "Nguyễn" not in json.dumps(row.data)
