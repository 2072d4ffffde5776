"""The national path's contract: ``GET /api/v1/evaluation/monthly`` — every commune's rows of
a province-month, aggregates only, for the province's readers and a national reader."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.accounts.auth import api_token_create
from danvan.accounts.roles import Role
from danvan.evaluation.models import Era, IndicatorValue
from danvan.testing.factories import ProvinceFactory, UnitFactory, UserFactory, make_officer

pytestmark = pytest.mark.django_db
OCT = date(2026, 10, 1)
URL = "/api/v1/evaluation/monthly"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


def _value(unit, key, num, den, period=OCT, **extra):
    return IndicatorValue.objects.create(
        unit=unit, province_code=unit.province.code, period=period, key=key, area=3,
        numerator=num, denominator=den, value=100 * num / den if den else None,
        computed_at=timezone.now(), data_version="1", **extra,
    )  # fmt: skip


@pytest.fixture
def other_province(db):
    return ProvinceFactory(code="20", name="Tỉnh Lạng Sơn", codename="lang_son")


@pytest.fixture
def rows(unit_a, unit_b, other_province):
    unit_c = UnitFactory(code="99003", name="Xã Thử C", province=unit_a.province)
    far = UnitFactory(code="99201", name="Xã Xa", province=other_province)
    for unit in (unit_b, unit_a, unit_c):
        _value(unit, "t.on_time", 8, 10)
        _value(unit, "t.satisfied", 3, 4, ci_low=60.0, ci_high=90.0)
    _value(unit_a, "t.on_time", 1, 2, period=date(2026, 9, 1))  # another month
    _value(far, "t.on_time", 5, 5)  # another province
    return unit_a, unit_b, unit_c


def national_reader_set(*, username: str, allowed: bool = True):  # type: ignore[no-untyped-def]
    """The permission as the national app's service grants it (that app is to the right)."""
    user = UserFactory(username=username)
    permission = Permission.objects.get(codename="read_all_provinces")
    if allowed:
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)
    return type(user).objects.get(pk=user.pk)  # a fresh object: permissions are cached


@pytest.fixture
def national_reader(db):
    return national_reader_set(username="quocgia")


def test_contract_of_a_province_month(client, rows, province_viewer):
    r = client.get(f"{URL}?province=19&period=2026-10", **_auth(province_viewer))
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["province"], body["period"], body["data_version"]) == ("19", "2026-10", "1")
    assert body["method_version"] == "default"
    assert body["generated_at"][:4] == str(timezone.now().year)
    assert (body["count"], body["page"], body["page_size"]) == (6, 1, 50)
    assert [(v["unit"], v["key"]) for v in body["results"]] == [
        ("99001", "t.on_time"), ("99001", "t.satisfied"),
        ("99002", "t.on_time"), ("99002", "t.satisfied"),
        ("99003", "t.on_time"), ("99003", "t.satisfied"),
    ]  # fmt: skip
    assert body["results"][1] == {
        "unit": "99001",
        "unit_name": "Xã Thử A",
        "period": "2026-10",
        "key": "t.satisfied",
        "numerator": 3.0,
        "denominator": 4.0,
        "value": 75.0,
        "ci_low": 60.0,
        "ci_high": 90.0,
    }


def test_pages_up_to_a_thousand(client, rows, national_reader):
    auth = _auth(national_reader)
    first = client.get(f"{URL}?province=19&period=2026-10&page_size=4", **auth).json()
    second = client.get(f"{URL}?province=19&period=2026-10&page_size=4&page=2", **auth).json()
    assert (first["count"], len(first["results"]), len(second["results"])) == (6, 4, 2)
    seen = [(v["unit"], v["key"]) for v in first["results"] + second["results"]]
    assert len(set(seen)) == 6
    assert client.get(f"{URL}?province=19&period=2026-10&page_size=1000", **auth).status_code == 200
    too_big = client.get(f"{URL}?province=19&period=2026-10&page_size=1001", **auth)
    assert too_big.status_code == 422


def test_queries_do_not_grow_with_rows(client, rows, national_reader, other_province):
    auth = _auth(national_reader)
    client.get(f"{URL}?province=20&period=2026-10", **auth)  # the token's first use writes
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"{URL}?province=20&period=2026-10", **auth).json()["count"] == 1
    with CaptureQueriesContext(connection) as six:
        assert client.get(f"{URL}?province=19&period=2026-10", **auth).json()["count"] == 6
    assert len(six) == len(one)


def test_national_reader_reads_any_province(client, rows, national_reader):
    auth = _auth(national_reader)
    far = client.get(f"{URL}?province=20&period=2026-10", **auth).json()
    assert [(v["unit"], v["numerator"]) for v in far["results"]] == [("99201", 5.0)]
    assert client.get(f"{URL}?province=19&period=2026-09", **auth).json()["count"] == 1
    # The permission brings no commune: the reader sees no commune's own lists.
    values = client.get("/api/v1/evaluation/values?unit=99001&from=2026-10&to=2026-10", **auth)
    assert values.status_code == 404


def test_refusals(client, rows, officer_a, other_province):
    other_viewer = make_officer("dave", roles=[Role.PROVINCE_VIEWER], province=other_province)
    for user in (other_viewer, officer_a):
        r = client.get(f"{URL}?province=19&period=2026-10", **_auth(user))
        assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert client.get(f"{URL}?province=19&period=2026-10").status_code == 401
    # Revoked: the same account is refused again.
    national_reader_set(username="quocgia")
    reader = national_reader_set(username="quocgia", allowed=False)
    r = client.get(f"{URL}?province=19&period=2026-10", **_auth(reader))
    assert r.status_code == 404
    # A province that does not exist: 404 too, even for a national reader.
    reader = national_reader_set(username="quocgia")
    assert client.get(f"{URL}?province=77&period=2026-10", **_auth(reader)).status_code == 404


def test_appraiser_reads_the_province(client, rows, province):
    appraiser = make_officer("eve", roles=[Role.APPRAISER], province=province)
    r = client.get(f"{URL}?province=19&period=2026-10", **_auth(appraiser))
    assert r.status_code == 200 and r.json()["count"] == 6


@pytest.mark.parametrize("period", ["2026-13", "2026-1", "oct", "2026-10-01"])
def test_bad_period_is_422_in_both_languages(client, rows, national_reader, period):
    auth = _auth(national_reader)
    r = client.get(f"{URL}?province=19&period={period}", **auth)
    assert r.status_code == 422
    assert r.json() == {"code": "bad_period", "message": "period phải có dạng YYYY-MM."}
    en = client.get(f"{URL}?province=19&period={period}", HTTP_ACCEPT_LANGUAGE="en", **auth)
    assert en.json()["message"] == "period must be written YYYY-MM."


def test_legacy_rows_stay_out(client, rows, national_reader):
    unit_a = rows[0]
    IndicatorValue.objects.filter(unit=unit_a, key="t.on_time", period=OCT).update(
        era=Era.LEGACY, unit=None
    )
    body = client.get(f"{URL}?province=19&period=2026-10", **_auth(national_reader)).json()
    assert body["count"] == 5
