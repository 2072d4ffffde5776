"""A retried creation makes nothing twice: ``POST /api/v1/letters`` with an
``Idempotency-Key`` and Open311 ``POST requests`` (the same report from the same sender or
device within a few minutes, or with the client's own key) give one letter, one deadline,
one SMS (issue #11, item 11)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.cases.models import Case
from danvan.core.models import Notification
from danvan.letters.models import Letter
from danvan.testing.concurrency import run_together
from danvan.testing.factories import make_officer

from .test_api import BODY

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 10, 6, 2, 0, tzinfo=UTC)  # Tuesday 06/10/2026, 9:00 in Vietnam


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


def _api(headers: dict, body: dict = BODY, key: str | None = None):
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return Client().post(
        "/api/v1/letters", body, content_type="application/json", **headers, **extra
    )


def _sms(letter: Letter) -> int:
    return Notification.objects.filter(object_ref=letter.code, channel="sms").count()


def test_api_same_key_gives_the_same_letter_one_deadline_one_sms(officer_a, unit_a):
    headers = _bearer(officer_a)
    first = _api(headers, key="retry-7f3a")
    again = _api(headers, key="retry-7f3a")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    letter = Letter.objects.get()
    assert Case.objects.count() == 1 and _sms(letter) == 1
    # Without a key, or with another key, a second POST is a second letter.
    assert _api(headers).status_code == 201
    assert _api(headers, key="retry-other").status_code == 201
    assert Letter.objects.count() == 3


def test_api_key_is_the_callers_own(officer_a, unit_a):
    colleague = make_officer("colleague", unit=unit_a, roles=["one_stop"])
    mine = _api(_bearer(officer_a), key="k-1").json()
    theirs = _api(_bearer(colleague), key="k-1").json()
    # Two clients picking the same key are two requests: nobody gets another's letter.
    assert mine["code"] != theirs["code"] and Letter.objects.count() == 2


def test_api_key_reused_for_another_request_is_refused(officer_a, unit_a):
    headers = _bearer(officer_a)
    assert _api(headers, key="k-2").status_code == 201
    other = _api(headers, {**BODY, "kind": "petition"}, key="k-2")
    assert other.status_code == 422 and other.json()["code"] == "key_reused"
    too_long = _api(headers, key="x" * 256)
    assert too_long.status_code == 422 and too_long.json()["code"] == "bad_idempotency_key"
    assert Letter.objects.count() == 1


def test_api_key_of_another_commune_is_refused_before_anything(officer_b, unit_a, unit_b):
    refused = _api(_bearer(officer_b), key="k-3")
    assert refused.status_code == 403 and not Letter.objects.exists()


def _report(key: str, **extra) -> dict:
    return {
        "api_key": key,
        "jurisdiction_id": "99001",
        "service_code": "lighting",
        "description": "Đèn đường trước nhà văn hóa thôn Nà Pán hỏng đã hai tuần.",
        "lat": "22.147",
        "long": "105.834",
        "first_name": "Dân",
        "last_name": "Bàn Văn",
        "phone": "0987000111",
        "device_id": "phone-1",
        **extra,
    }


def _open311(data: dict, **headers):
    return Client().post("/open311/v2/requests.json", data, **headers)


@pytest.fixture
def app_key(officer_a):
    return api_token_create(user=officer_a)[1]


def test_open311_retry_within_the_window_is_the_same_request(app_key, unit_a):
    with time_machine.travel(NOW, tick=False):
        first = _open311(_report(app_key))
    with time_machine.travel(NOW + timedelta(minutes=9), tick=False):
        # the retry: the same report, spacing and case aside
        again = _open311(
            _report(
                app_key,
                description="đèn đường trước nhà văn hóa thôn Nà Pán  hỏng đã hai tuần.",
            )
        )
    assert first.status_code == again.status_code == 200
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    letter = Letter.objects.get()
    assert Case.objects.count() == 1 and _sms(letter) == 1


def test_open311_across_a_window_turn_still_finds_the_first(app_key, unit_a):
    # 9:09:59 and 9:10:30 fall in two windows of ten minutes: still one request.
    turn = NOW + timedelta(minutes=9, seconds=59)
    with time_machine.travel(turn, tick=False):
        _open311(_report(app_key))
    with time_machine.travel(turn + timedelta(seconds=31), tick=False):
        _open311(_report(app_key))
    assert Letter.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"description": "Ổ gà lớn trên đường liên thôn Nà Pán, xe máy ngã nhiều lần."},
        {"service_code": "roads"},
        {"device_id": "phone-2", "phone": "0987000222", "first_name": "Hai"},
        {"lat": "22.150"},
    ],
)
def test_open311_another_report_is_another_request(app_key, unit_a, change):
    with time_machine.travel(NOW, tick=False):
        _open311(_report(app_key))
        _open311(_report(app_key, **change))
    assert Letter.objects.count() == 2


def test_open311_same_report_later_is_a_new_request(app_key, unit_a):
    with time_machine.travel(NOW, tick=False):
        _open311(_report(app_key))
    with time_machine.travel(NOW + timedelta(minutes=25), tick=False):
        _open311(_report(app_key))
    first, second = Letter.objects.order_by("received_at")
    # Not a retry any more: a repeat of the same sender, linked to the first.
    assert second.is_repeat and second.duplicate_of == first


def test_open311_clients_own_key(app_key, unit_a):
    with time_machine.travel(NOW, tick=False):
        first = _open311(_report(app_key), HTTP_IDEMPOTENCY_KEY="report-42")
        # the client's key decides: the same key is the same request, even reworded...
        again = _open311(
            _report(app_key, description="Đèn đường thôn Nà Pán hỏng (gửi lại)."),
            HTTP_IDEMPOTENCY_KEY="report-42",
        )
        # ...and another key is another request, even word for word
        other = _open311(_report(app_key), HTTP_IDEMPOTENCY_KEY="report-43")
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert other.json()[0]["service_request_id"] != first.json()[0]["service_request_id"]
    assert Letter.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="true concurrency needs PostgreSQL (SQLite serialises writers)",
)
def test_concurrent_retries_make_one_letter(officer_a, unit_a):
    headers = _bearer(officer_a)
    key = api_token_create(user=officer_a)[1]
    results = run_together(
        lambda: _api(headers, key="same-key"),
        lambda: _api(headers, key="same-key"),
        lambda: _open311(_report(key)),
        lambda: _open311(_report(key)),
    )
    assert [r.status_code for r in results] == [201, 201, 200, 200], results
    assert results[0].json()["code"] == results[1].json()["code"]
    assert results[2].json() == results[3].json()
    assert Letter.objects.count() == 2
    for letter in Letter.objects.all():
        assert _sms(letter) == 1
