"""Every kind of case a manifest declares, crawled without naming it: a case of each is
opened in commune A with a resident's name and phone, then every page an app mounts is read
as the people who must not see them."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

import pytest

from .conftest import VN, login, text_of, token_for
from .discovery import fill, kinds_to_crawl, mounted_get_routes

pytestmark = pytest.mark.django_db

NAME = "Quách Thị Riêng Tư"
PHONE = "0944555666"


@pytest.fixture
def kind_cases(unit_a, officer_a) -> dict[str, Any]:
    from danvan.cases.services import case_open

    opened = {}
    for manifest in kinds_to_crawl():
        opened[manifest.key] = case_open(
            unit=unit_a,
            kind=manifest.key,
            code=f"KIND-{manifest.key[:10]}-{secrets.token_hex(4)}".upper(),
            title=f"Việc loại {manifest.key}",
            rule_id=manifest.rules[0],
            received_at=datetime(2026, 10, 6, 9, 0, tzinfo=VN),
            actor=officer_a,
            applicant_name=NAME,
            applicant_phone=PHONE,
        )
    return opened


def _crawl(client: Any, cases: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """Every mounted GET route without parameters, and those whose only parameter is a
    case code, filled with each opened case's code."""
    responses = {}
    for route in mounted_get_routes():
        names = {name for name, _kind in route.params}
        if not names:
            url = fill(route, {})
            responses[url] = client.get(url, **extra)
        elif names == {"code"}:
            for case in cases.values():
                url = fill(route, {"code": case.code})
                responses[url] = client.get(url, **extra)
    return responses


def _assert_silent(responses: dict[str, Any], who: str) -> None:
    for url, response in responses.items():
        assert response.status_code < 500, (who, url, response.status_code)
        if response.status_code in (301, 302):
            continue
        body = text_of(response)
        assert NAME not in body and PHONE not in body, f"{who} sees the resident at {url}"


def test_every_registered_kind_is_opened(kind_cases):
    assert set(kind_cases) == {m.key for m in kinds_to_crawl()}
    assert len(kind_cases) >= 6  # the letters' kinds at least: the crawl is not vacuous


def test_officer_of_b_reads_nothing_of_any_kind(kind_cases, officer_b):
    client = login(officer_b)
    for case in kind_cases.values():
        assert client.get(f"/ho-so-viec/{case.code}/").status_code in (403, 404), case.kind
        queue = text_of(client.get("/ho-so-viec/", {"kind": case.kind, "tab": "all"}))
        assert case.code not in queue and NAME not in queue
    _assert_silent(_crawl(client, kind_cases), "officer_b")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(officer_b)}"}
    api = {u: r for u, r in _crawl(client, kind_cases, **bearer).items() if "/api/" in u}
    assert api  # the API was walked too
    _assert_silent(api, "officer_b api")


def test_anonymous_tracks_each_kind_without_personal_data(kind_cases, citizen_client):
    for case in kind_cases.values():
        tracked = citizen_client.get(f"/tra-cuu/{case.code}/", {"secret": case.secret})
        assert tracked.status_code == 200 and case.code in text_of(tracked), case.kind
        assert NAME not in text_of(tracked) and PHONE not in text_of(tracked)
        from danvan.cases.kinds import tracking_links

        for _label, url in tracking_links(case):
            followed = citizen_client.get(url)
            assert followed.status_code < 500, url
            assert NAME not in text_of(followed) and PHONE not in text_of(followed), url
    _assert_silent(_crawl(citizen_client, kind_cases), "anonymous")


def test_officer_of_a_reads_each_kind(kind_cases, officer_a):
    """The other side of the coin: the pages do show the resident to A's officers, so their
    silence above means something."""
    client = login(officer_a)
    for case in kind_cases.values():
        page = client.get(f"/ho-so-viec/{case.code}/")
        assert page.status_code == 200, case.kind
        if not case.confidential:
            assert NAME in text_of(page), case.kind
