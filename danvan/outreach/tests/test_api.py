"""The API contract of issue #15: campaigns (paged, idempotent), sessions, reach."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.outreach.models import Campaign, Session
from danvan.testing.factories import make_officer

from .conftest import api_get, api_post, auth

pytestmark = pytest.mark.django_db

CAMPAIGNS = "/api/v1/outreach/campaigns"
BODY = {
    "unit": "99001",
    "subject": "Chính sách hỗ trợ nhà ở cho hộ nghèo",
    "audiences": ["village", "women"],
    "channels": ["meeting", "zalo"],
    "languages": ["vi", "hmong"],
    "starts": "2026-03-01",
    "ends": "2026-05-31",
}


def _session_body(target, **changes):
    body = {
        "village": target.pk,
        "date": "2026-03-15",
        "channel": "meeting",
        "language": "vi",
        "attendees": 60,
        "attendees_female": 25,
        "attendees_minority": 40,
    }
    body.update(changes)
    return body


def test_create_list_and_reach(officer_a, unit_a, villages):
    response = api_post(officer_a, CAMPAIGNS, BODY)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["subject"] == BODY["subject"]
    assert created["languages"] == ["vi", "hmong"]
    campaign_id = created["id"]

    listed = api_get(officer_a, f"{CAMPAIGNS}?unit=99001").json()
    assert listed["count"] == 1 and listed["page"] == 1 and listed["page_size"] == 50
    assert listed["results"][0]["id"] == campaign_id

    url = f"{CAMPAIGNS}/{campaign_id}/sessions"
    assert api_post(officer_a, url, _session_body(villages[0])).status_code == 201
    response = api_post(
        officer_a,
        url,
        _session_body(villages[1], attendees=9, attendees_female=0, attendees_minority=9),
    )
    assert response.status_code == 201
    assert response.json()["village"] == villages[1].pk

    reach = api_get(officer_a, f"{CAMPAIGNS}/{campaign_id}/reach").json()
    by_village = {row["village"]: row for row in reach}
    # 60 / 120 = 0.5; 9 / 45 = 0.2; Tổ 5 unknown households.
    assert by_village[villages[0].pk] == {
        "village": villages[0].pk,
        "village_name": "Bản Nà Pán",
        "sessions": 1,
        "attendees": 60,
        "households": 120,
        "reached_share": 0.5,
    }
    assert by_village[villages[1].pk]["reached_share"] == 0.2
    assert by_village[villages[2].pk]["reached_share"] is None
    assert by_village[villages[2].pk]["sessions"] == 0


def test_idempotent_creation(officer_a, unit_a, villages):
    first = api_post(officer_a, CAMPAIGNS, BODY, HTTP_IDEMPOTENCY_KEY="c-1")
    again = api_post(officer_a, CAMPAIGNS, BODY, HTTP_IDEMPOTENCY_KEY="c-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Campaign.objects.count() == 1

    url = f"{CAMPAIGNS}/{first.json()['id']}/sessions"
    s1 = api_post(officer_a, url, _session_body(villages[0]), HTTP_IDEMPOTENCY_KEY="s-1")
    s2 = api_post(officer_a, url, _session_body(villages[0]), HTTP_IDEMPOTENCY_KEY="s-1")
    assert s1.status_code == s2.status_code == 201
    assert s1.json()["id"] == s2.json()["id"]
    assert Session.objects.count() == 1


def test_key_reused_for_another_unit(officer_a, unit_a, unit_b, villages):
    # The same officer acting in two communes reuses a key for the other one.
    Membership.objects.create(user=officer_a, unit=unit_b, role=Role.LEADER)
    assert api_post(officer_a, CAMPAIGNS, BODY, HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    response = api_post(officer_a, CAMPAIGNS, {**BODY, "unit": "99002"}, HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 422
    assert response.json()["code"] == "key_reused"


def test_other_commune_refused(officer_a, officer_b, unit_a, unit_b, campaign, villages, village_b):
    # Read: 404, no hint it exists.
    assert api_get(officer_b, f"{CAMPAIGNS}?unit=99001").status_code == 404
    response = api_get(officer_b, f"{CAMPAIGNS}/{campaign.pk}/reach")
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message"}
    # Write: 403, the same for an unknown campaign or unit.
    url = f"{CAMPAIGNS}/{campaign.pk}/sessions"
    assert api_post(officer_b, url, _session_body(villages[0])).status_code == 403
    assert (
        api_post(officer_b, f"{CAMPAIGNS}/999999/sessions", _session_body(village_b)).status_code
        == 403
    )
    assert api_post(officer_b, CAMPAIGNS, BODY).status_code == 403
    assert api_post(officer_b, CAMPAIGNS, {**BODY, "unit": "99999"}).status_code == 403
    assert not Session.objects.exists()
    assert Campaign.objects.count() == 1
    # Unauthenticated: 401.
    assert api_get(None, f"{CAMPAIGNS}?unit=99001").status_code == 401


def test_province_viewer_reads_but_does_not_write(province_viewer, campaign, villages):
    assert api_get(province_viewer, f"{CAMPAIGNS}?unit=99001").json()["count"] == 1
    assert api_get(province_viewer, f"{CAMPAIGNS}/{campaign.pk}/reach").status_code == 200
    url = f"{CAMPAIGNS}/{campaign.pk}/sessions"
    assert api_post(province_viewer, url, _session_body(villages[0])).status_code == 403


def test_front_member_records_sessions(unit_a, campaign, villages):
    women = make_officer("hoa", unit=unit_a, roles=[Role.FRONT], organisation="women")
    url = f"{CAMPAIGNS}/{campaign.pk}/sessions"
    assert api_post(women, url, _session_body(villages[0])).status_code == 201


@pytest.mark.parametrize(
    "changes",
    [
        {"audiences": []},
        {"audiences": ["everyone"]},
        {"channels": ["tv"]},
        {"languages": ["en"]},
        {"starts": "01/03/2026"},
        {"ends": "2026-02-01"},
        {"subject": "abc"},
        {"subject": ""},
        {"unit": "9"},
    ],
)
def test_bad_campaign_input(officer_a, unit_a, changes):
    response = api_post(officer_a, CAMPAIGNS, {**BODY, **changes})
    assert response.status_code == 422
    body = response.json()
    assert {"code", "message"} <= set(body)
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"village": 0},
        {"village": "abc"},
        {"date": "2026-07-15"},
        {"channel": "sms"},
        {"language": "hmong"},
        {"attendees": -1},
        {"attendees_female": 61},
        {"attendees_minority": 61},
        {"check_questions": 2, "check_correct": 3},
    ],
)
def test_bad_session_input(officer_a, campaign, villages, changes):
    url = f"{CAMPAIGNS}/{campaign.pk}/sessions"
    response = api_post(officer_a, url, _session_body(villages[0], **changes))
    assert response.status_code == 422, response.content
    assert {"code", "message"} <= set(response.json())
    assert not Session.objects.exists()


def test_session_village_of_another_commune_is_422(officer_a, campaign, village_b):
    url = f"{CAMPAIGNS}/{campaign.pk}/sessions"
    response = api_post(officer_a, url, _session_body(village_b))
    assert response.status_code == 422
    assert response.json()["code"] == "village"


def test_list_paged_and_query_bounded(officer_a, unit_a, villages):
    for n in range(7):
        assert (
            api_post(officer_a, CAMPAIGNS, {**BODY, "subject": f"Chiến dịch số {n}"}).status_code
            == 201
        )
    token_headers = auth(officer_a)
    client = Client()
    with CaptureQueriesContext(connection) as small:
        page = client.get(f"{CAMPAIGNS}?unit=99001&page=2&page_size=3", **token_headers).json()
    assert page["count"] == 7 and len(page["results"]) == 3
    for n in range(7, 20):
        api_post(officer_a, CAMPAIGNS, {**BODY, "subject": f"Chiến dịch số {n}"})
    with CaptureQueriesContext(connection) as large:
        page = client.get(f"{CAMPAIGNS}?unit=99001&page_size=20", **token_headers).json()
    assert len(page["results"]) == 20
    assert len(large.captured_queries) == len(small.captured_queries)


def test_idempotency_key_too_long(officer_a, unit_a):
    response = api_post(officer_a, CAMPAIGNS, BODY, HTTP_IDEMPOTENCY_KEY="k" * 256)
    assert response.status_code == 422
    assert response.json()["code"] == "bad_idempotency_key"
    assert not Campaign.objects.exists()
