"""A province deployment served for real (pytest-django's ``live_server``) with a national
reader's token, and a second small HTTP server that answers whatever a test needs (a 500,
garbage, another province's rows) — the gatherer only ever talks HTTP to both."""

from __future__ import annotations

import json
import socket
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from danvan.accounts.auth import api_token_create
from danvan.evaluation.models import IndicatorValue
from danvan.national.services import national_reader_set
from danvan.testing.factories import ProvinceFactory

OCT = date(2026, 10, 1)
TOKEN_ENV = "DANVAN_TEST_TOKEN_19"


def value(unit, key, num, den, period=OCT):  # type: ignore[no-untyped-def]
    return IndicatorValue.objects.create(
        unit=unit, province_code=unit.province.code, period=period, key=key, area=3,
        numerator=num, denominator=den, value=100 * num / den if den else None,
        computed_at=timezone.now(), data_version="1",
    )  # fmt: skip


@pytest.fixture
def other_province(db):
    return ProvinceFactory(code="20", name="Tỉnh Lạng Sơn", codename="lang_son")


@pytest.fixture
def province_rows(unit_a, unit_b):
    """Province 19's October: two communes, two indicators (and a September row)."""
    value(unit_a, "t.on_time", 8, 10)
    value(unit_a, "t.satisfied", 9, 10)
    value(unit_b, "t.on_time", 9, 10)
    value(unit_b, "t.satisfied", 5, 10)
    value(unit_a, "t.on_time", 1, 2, period=date(2026, 9, 1))
    return unit_a, unit_b


@pytest.fixture
def reader_token(db, monkeypatch):
    reader = national_reader_set(username="quocgia")
    token = api_token_create(user=reader, label="national")[1]
    monkeypatch.setenv(TOKEN_ENV, token)
    return token


@pytest.fixture
def sources(settings):
    """Configure the gatherer's sources: ``sources(("19", url), ...)``."""

    def configure(*pairs: tuple[str, str], token_env: str = TOKEN_ENV) -> None:
        settings.DANVAN_NATIONAL_SOURCES = json.dumps(
            [{"province": p, "url": url, "token_env": token_env} for p, url in pairs]
        )
        settings.DANVAN_NATIONAL_TIMEOUT = 5

    return configure


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 — http.server's name
        status, body = self.server.answer(self.path)  # type: ignore[attr-defined]
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        location = getattr(self.server, "location", "")
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # a client that gave up (the timeout test) is expected here


@pytest.fixture
def fake_province():
    """A real HTTP server on a free port; set ``.answer = lambda path: (status, body)``."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.answer = lambda path: (200, {})  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url():
    """An address nothing listens on: a port taken from the system, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
