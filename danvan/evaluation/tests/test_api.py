"""The API contract of the evaluation, and who reads what."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.accounts.auth import api_token_create
from danvan.evaluation.services import legacy_value_record, refresh
from danvan.testing.factories import UnitFactory

from .conftest import FIGURES, OCT, open_case
from .test_carry import MAR25

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


@pytest.fixture
def computed(test_indicators, active):
    refresh(periods=[date(2026, 9, 1), OCT])
    return active


def test_values_contract(client, computed, officer_a):
    r = client.get(
        "/api/v1/evaluation/values?unit=99001&from=2026-09&to=2026-10&key=t.on_time",
        **_auth(officer_a),
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 50)
    assert body["results"][1] == {
        "unit": "99001",
        "period": "2026-10",
        "key": "t.on_time",
        "numerator": 8.0,
        "denominator": 10.0,
        "value": 80.0,
        "ci_low": None,
        "ci_high": None,
    }
    every = client.get(
        "/api/v1/evaluation/values?unit=99001&from=2026-10&to=2026-10", **_auth(officer_a)
    ).json()
    assert {r["key"] for r in every["results"]} == {
        "t.on_time",
        "t.satisfied",
        "t.processed",
        "t.days",
    }


def test_values_refusals(client, computed, officer_a, officer_b):
    # Another commune's officer: 404, as for a code that does not exist.
    r = client.get(
        "/api/v1/evaluation/values?unit=99001&from=2026-09&to=2026-10", **_auth(officer_b)
    )
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert (
        client.get("/api/v1/evaluation/values?unit=99001&from=2026-09&to=2026-10").status_code
        == 401
    )
    bad = client.get("/api/v1/evaluation/values?unit=99001&from=2026-13&to=x", **_auth(officer_a))
    assert bad.status_code == 422


def test_values_of_an_old_commune(
    client, test_indicators, old_communes, officer_a, officer_b, unit_c
):
    split, whole = old_communes
    legacy_value_record(
        legacy_unit=split, period=MAR25, key="t.on_time", numerator=6, denominator=10
    )
    url = "/api/v1/evaluation/values?unit=99001&from=2025-01&to=2025-06&era=legacy"
    body = client.get(url, **_auth(officer_a)).json()
    assert body["results"] == [
        {"unit": "99001", "period": "2025-03", "key": "t.on_time", "numerator": 6.0,
         "denominator": 10.0, "value": 60.0, "ci_low": None, "ci_high": None}
    ]  # fmt: skip
    # B succeeds the split ward too; C does not: its officer gets 404.
    assert client.get(url, **_auth(officer_b)).status_code == 200
    from danvan.accounts.roles import Role
    from danvan.testing.factories import make_officer

    carol = make_officer("carol", unit=unit_c, roles=[Role.LEADER])
    assert client.get(url, **_auth(carol)).status_code == 404


def test_index_contract_and_scope(client, computed, officer_a, officer_b, province_viewer):
    url = f"/api/v1/evaluation/index?province={computed[0].province.code}&period=2026-10"
    body = client.get(url, **_auth(province_viewer)).json()
    assert body["count"] == 3
    first = body["results"][0]
    assert first == {
        "unit": "99002",
        "total": 49.5,
        "areas_measured": 2,
        "areas": {"1": None, "2": None, "3": 7.0, "4": 9.5, "5": None, "6": None},
        "rank": 1,
        "rank_low": first["rank_low"],
        "rank_high": first["rank_high"],
    }
    assert first["rank_low"] <= 1 <= first["rank_high"]
    c = next(r for r in body["results"] if r["unit"] == "99003")
    assert (c["rank"], c["rank_low"], c["rank_high"], c["areas_measured"]) == (None, None, None, 1)
    # A commune officer reads only their own commune's row.
    mine = client.get(url, **_auth(officer_a)).json()
    assert [r["unit"] for r in mine["results"]] == ["99001"]
    # Another province: 404.
    assert client.get(url.replace("province=", "province=0"), **_auth(officer_a)).status_code in (
        404,
        422,
    )


def test_findings_contract(client, computed, officer_a, officer_b):
    url = "/api/v1/evaluation/findings?unit=99001&period=2026-10"
    body = client.get(url, **_auth(officer_a)).json()
    kinds = {(r["kind"], r["evidence"]["indicator"]) for r in body["results"]}
    assert ("limitation", "t.on_time") in kinds and ("cause", "t.on_time") in kinds
    assert ("strength", "t.satisfied") in kinds
    lim = next(r for r in body["results"] if r["kind"] == "limitation" and r["area"] == 3)
    assert set(lim) == {"area", "kind", "text", "severity", "evidence"}
    assert lim["text"].startswith(
        "Tỷ lệ đúng hạn tháng 10/2026 là 80 %, thấp hơn tháng trước 10 điểm"
    )
    assert lim["severity"] == "high"  # 15 points short of 95 %
    assert lim["evidence"]["cases"] == ["C-1", "C-2"]
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en", **_auth(officer_a)).json()
    assert any(r["text"].startswith("On time in 10/2026: 80 %") for r in en["results"])
    assert client.get(url, **_auth(officer_b)).status_code == 404


def test_index_queries_do_not_grow_with_communes(
    client, test_indicators, province_viewer, province, monkeypatch
):
    def count_queries() -> int:
        token = _auth(province_viewer)
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(
                f"/api/v1/evaluation/index?province={province.code}&period=2026-10", **token
            )
        assert r.status_code == 200
        return len(ctx)

    def commune(code: str, ok: int) -> None:
        open_case(UnitFactory(code=code, province=province))
        monkeypatch.setitem(FIGURES, ("t.on_time", code, OCT), (ok, 10))
        monkeypatch.setitem(FIGURES, ("t.processed", code, OCT), (ok, 10))

    for i in range(3):
        commune(f"9910{i}", i + 1)
    refresh(periods=[OCT])
    few = count_queries()
    for i in range(6):
        commune(f"9920{i}", i + 2)
    refresh(periods=[OCT])
    body = client.get(
        f"/api/v1/evaluation/index?province={province.code}&period=2026-10",
        **_auth(province_viewer),
    ).json()
    assert body["count"] == 9 and all(r["rank"] for r in body["results"])
    assert count_queries() == few
