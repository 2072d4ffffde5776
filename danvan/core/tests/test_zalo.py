"""Zalo ZNS first, SMS when Zalo cannot deliver; a real local HTTP peer plays Zalo."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from danvan.core import notifications as n
from danvan.core import zalo
from danvan.core.models import Notification


class _Zalo(BaseHTTPRequestHandler):
    received: list = []
    answer: dict = {"error": 0, "message": "Success", "data": {"msg_id": "zmsg-7"}}
    status = 200

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Zalo.received.append((self.headers.get("access_token"), json.loads(body)))
        self.send_response(_Zalo.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(_Zalo.answer).encode())

    def log_message(self, *args):
        return None


@pytest.fixture
def zns(settings):
    server = HTTPServer(("127.0.0.1", 0), _Zalo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Zalo.received, _Zalo.status = [], 200
    _Zalo.answer = {"error": 0, "message": "Success", "data": {"msg_id": "zmsg-7"}}
    settings.DANVAN_ZNS_URL = f"http://127.0.0.1:{server.server_port}/message/template"
    settings.DANVAN_ZNS_ACCESS_TOKEN = "oa-token"
    settings.DANVAN_ZNS_TEMPLATES = {"dossier.received": "231451"}
    settings.DANVAN_SMS_BACKEND = "console"
    yield _Zalo
    server.shutdown()
    server.server_close()


def queue(template: str = "dossier.received", key: str = "z1") -> Notification:
    return n.notification_enqueue(
        channel="sms",
        recipient="0912345678",
        template=template,
        body="UBND Xa Cho Don: da tiep nhan ho so 02020-261005-0001",
        idempotency_key=key,
        data={"unit": "UBND xã Chợ Đồn", "code": "02020-261005-0001", "due": "08/10/2026"},
    )


def test_a_mapped_template_goes_by_zalo(db, zns, capsys):
    row = queue()
    assert n.notification_send(notification_id=row.pk) == "sent"
    row.refresh_from_db()
    assert row.provider_id == "zns:zmsg-7"
    token, payload = zns.received[-1]
    assert token == "oa-token"
    assert payload == {
        "phone": "84912345678",
        "template_id": "231451",
        "template_data": {
            "unit": "UBND xã Chợ Đồn",
            "code": "02020-261005-0001",
            "due": "08/10/2026",
        },
        "tracking_id": f"danvan-{row.pk}",
    }
    assert "[SMS to" not in capsys.readouterr().out  # no second message


@pytest.mark.parametrize(
    ("status", "answer"),
    [
        (200, {"error": -108, "message": "Phone number not on Zalo"}),
        (500, {"error": -1}),
        (200, "not json"),
    ],
)
def test_when_zalo_cannot_deliver_the_sms_goes(db, zns, capsys, status, answer):
    zns.status, zns.answer = status, answer
    row = queue()
    assert n.notification_send(notification_id=row.pk) == "sent"
    row.refresh_from_db()
    assert not row.provider_id.startswith("zns:")
    assert "[SMS to 0912345678] UBND Xa Cho Don" in capsys.readouterr().out


def test_an_unmapped_template_goes_by_sms_only(db, zns, capsys):
    row = queue(template="dossier.result_ready", key="z2")
    assert n.notification_send(notification_id=row.pk) == "sent"
    assert zns.received == []
    assert "[SMS to 0912345678]" in capsys.readouterr().out


def test_both_failing_is_retried_with_both_reasons(db, zns, settings):
    zns.answer = {"error": -124, "message": "Access token invalid"}
    settings.DANVAN_SMS_BACKEND = "http"
    settings.DANVAN_SMS_GATEWAY_URL = ""  # the SMS gateway is not set up either
    row = queue(key="z3")
    assert n.notification_send(notification_id=row.pk) == "queued"
    row.refresh_from_db()
    assert "ZNS error -124" in row.last_error and "DANVAN_SMS_GATEWAY_URL" in row.last_error


def test_zalo_is_off_without_a_token(settings):
    settings.DANVAN_ZNS_ACCESS_TOKEN = ""
    settings.DANVAN_ZNS_TEMPLATES = {"dossier.received": "231451"}
    assert zalo.template_id_for("dossier.received") == ""


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("0912345678", "84912345678"),
        ("+84 912 345 678", "84912345678"),
        ("84912345678", "84912345678"),
    ],
)
def test_phone_numbers_in_the_international_form(phone, expected):
    assert zalo.international(phone) == expected
