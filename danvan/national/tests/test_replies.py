"""Replies a province should never send, served over real HTTP by a small server: each one is
a failed run with its reason, and no row of it is stored."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from danvan.national import client
from danvan.national.models import GatheredValue, GatheringRun

from .conftest import TOKEN_ENV

pytestmark = pytest.mark.django_db

ROW = {"unit": "99001", "unit_name": "Xã Thử A", "period": "2026-10", "key": "t.on_time",
       "numerator": 8, "denominator": 10, "value": 80.0, "ci_low": None, "ci_high": None}  # fmt: skip


def _page(results, count=None, **top):  # type: ignore[no-untyped-def]
    body = {"province": "19", "period": "2026-10", "data_version": "1", "method_version": "x",
            "generated_at": "2026-11-01T00:00:00+00:00", "count": len(results) if count is None
            else count, "page": 1, "page_size": 1000, "results": results}  # fmt: skip
    body.update(top)
    return body


@pytest.fixture
def fake_source(unit_a, unit_b, fake_province, sources, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, "dv_token-of-the-test")
    sources(("19", fake_province.url))
    return fake_province


def _fails(code: str) -> GatheringRun:
    with pytest.raises(CommandError):
        call_command("gather_national_indicators", "--period", "2026-10")
    run = GatheringRun.objects.get()
    assert (run.status, run.error_code) == ("failed", code), run.error
    assert not GatheredValue.objects.exists()
    return run


def test_a_good_reply_is_stored(fake_source):
    seen = []

    def answer(path):  # type: ignore[no-untyped-def]
        seen.append(path)
        return 200, _page([ROW, {**ROW, "unit": "99002", "unit_name": ""}])

    fake_source.answer = answer
    call_command("gather_national_indicators", "--period", "2026-10")
    assert seen == ["/api/v1/evaluation/monthly?province=19&period=2026-10&page=1&page_size=1000"]
    names = dict(GatheredValue.objects.values_list("unit_code", "unit_name"))
    # A blank name is taken from the territory tables.
    assert names == {"99001": "Xã Thử A", "99002": "Xã Thử B"}
    assert GatheringRun.objects.get().method_version == "x"


@pytest.mark.parametrize(
    ("body", "code", "detail"),
    [
        (b'{"province": "19", "period": "2026-10", "count": 1, "results": [{"unit": "99001", '
         b'"period": "2026-10", "key": "k", "numerator": NaN, "denominator": 1}]}',
         "bad_row", "numerator is not a finite number"),
        (_page([{**ROW, "denominator": "10"}]), "bad_row", "denominator is not a finite number"),
        (_page([{**ROW, "numerator": True}]), "bad_row", "numerator is not a finite number"),
        (_page([{**ROW, "period": "2026-09"}]), "bad_row", "period '2026-09'"),
        (_page([{**ROW, "key": ""}]), "bad_row", "bad indicator key"),
        (_page([{**ROW, "key": "=HYPERLINK(1)"}]), "bad_row", "bad indicator key"),
        (_page([ROW, ROW]), "bad_row", "99001 t.on_time twice"),
        (_page([ROW, "x"]), "bad_row", "row 2: not an object"),
        (_page([ROW], period="2026-09"), "bad_reply", "period '2026-09'"),
        (_page([ROW], count="1"), "bad_reply", "no count"),
    ],
)  # fmt: skip
def test_bad_replies(fake_source, body, code, detail):
    fake_source.answer = lambda path: (200, body)
    assert detail in _fails(code).error


def test_fewer_rows_than_announced(fake_source):
    # The first page announces three rows, the next one is empty: a partial month is no month.
    fake_source.answer = lambda path: (200, _page([ROW] if "page=1&" in path else [], count=3))
    assert "1 rows received, count said 3" in _fails("bad_reply").error


def test_the_token_does_not_follow_a_redirect(fake_source, sources):

    received = []

    class Elsewhere(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            received.append(self.headers.get("Authorization"))
            self.send_response(401)
            self.end_headers()

        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    other = ThreadingHTTPServer(("127.0.0.1", 0), Elsewhere)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        where = f"http://127.0.0.1:{other.server_address[1]}/steal"
        fake_source.answer = lambda path: (302, b"")
        fake_source.location = where
        _fails("http")
    finally:
        other.shutdown()
        other.server_close()
    assert received == [None]


def test_a_slow_source_times_out(fake_source, settings):
    settings.DANVAN_NATIONAL_TIMEOUT = 1

    def slow(path):  # type: ignore[no-untyped-def]
        time.sleep(2)
        return 200, _page([ROW])

    fake_source.answer = slow
    assert "timed out" in _fails("unreachable").error


def test_a_runaway_paging_is_cut(fake_source, monkeypatch):
    monkeypatch.setattr(client, "MAX_PAGES", 3)
    # Every page says there are more rows than it ever delivers.
    fake_source.answer = lambda path: (200, _page([ROW], count=10))
    assert "more than 3 pages" in _fails("bad_reply").error
