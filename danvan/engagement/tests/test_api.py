"""The API: the petitions contract, officers' endpoints, idempotency, access and bad input."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.engagement import services
from danvan.engagement.models import Commitment, Dialogue, VoterPetition

from .conftest import at, commit, d, petition

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


def _post(user, url: str, body: dict, **extra):  # type: ignore[no-untyped-def]
    return Client().post(
        url, json.dumps(body), content_type="application/json", **_auth(user), **extra
    )


PETITION = {
    "unit": "99001",
    "meeting_date": "2026-03-01",
    "meeting_place": "Nhà văn hóa tổ 1",
    "content": "Đề nghị nâng cấp quốc lộ qua xã.",
    "source": "council",
    "competent_level": "higher",
    "competent_body": "Sở Xây dựng tỉnh Thái Nguyên",
}


def test_list_petitions_contract(unit_a, council_a, officer_a):
    first = petition(unit_a, council_a)
    services.petition_answer(petition=first, actor=officer_a, answer="Đã sửa", at=at("10/03/2026"))
    again = petition(unit_a, council_a, previous=first, received="02/06/2026", day="01/06/2026")
    r = Client().get("/api/v1/democracy/petitions?unit=99001&page_size=1", **_auth(council_a))
    assert r.status_code == 200
    body = r.json()
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 1)
    row = body["results"][0]
    assert row["code"] == again.case.code and row["status"] == "received"
    assert row["answer"] is None and row["round"] == 2 and row["previous"] == first.case.code
    assert row["due"] == "2026-07-02"
    r = Client().get(
        "/api/v1/democracy/petitions?unit=99001&page=2&page_size=1", **_auth(council_a)
    )
    row = r.json()["results"][0]
    assert (row["status"], row["answer"], row["on_time"]) == ("resolved", "Đã sửa", True)


def test_list_refused_to_another_commune(unit_a, council_a, officer_b):
    petition(unit_a, council_a)
    for url in (
        "/api/v1/democracy/petitions?unit=99001",
        "/api/v1/engagement/dialogues?unit=99001",
        "/api/v1/engagement/commitments?unit=99001",
    ):
        assert Client().get(url, **_auth(officer_b)).status_code == 404
        assert Client().get(url).status_code == 401
    assert (
        Client().get("/api/v1/democracy/petitions?unit=abc", **_auth(council_a)).status_code == 404
    )
    r = Client().get("/api/v1/democracy/petitions?unit=99001&page=0", **_auth(council_a))
    assert r.status_code in (400, 422)


def test_create_petition_idempotent(unit_a, council_a):
    r1 = _post(council_a, "/api/v1/democracy/petitions", PETITION, HTTP_IDEMPOTENCY_KEY="abc")
    r2 = _post(council_a, "/api/v1/democracy/petitions", PETITION, HTTP_IDEMPOTENCY_KEY="abc")
    assert r1.status_code == 201 and r2.status_code == 201
    assert r1.json()["code"] == r2.json()["code"]
    assert VoterPetition.objects.count() == 1
    assert r1.json()["competent_level"] == "higher" and r1.json()["status"] == "received"
    r3 = _post(council_a, "/api/v1/democracy/petitions", PETITION)
    assert r3.status_code == 201 and VoterPetition.objects.count() == 2


def test_create_petition_reraised(unit_a, council_a):
    first = _post(council_a, "/api/v1/democracy/petitions", PETITION).json()
    again = _post(council_a, "/api/v1/democracy/petitions", {**PETITION, "previous": first["code"]})
    assert again.status_code == 201
    assert again.json()["round"] == 2 and again.json()["previous"] == first["code"]
    bad = _post(council_a, "/api/v1/democracy/petitions", {**PETITION, "previous": "CT-NOPE"})
    assert bad.status_code == 422 and bad.json()["code"] == "bad_previous"


@pytest.mark.parametrize(
    "change",
    [
        {"content": "ngắn"},
        {"source": "mayor"},
        {"competent_level": "higher", "competent_body": ""},
        {"meeting_date": "2099-01-01"},
        {"meeting_date": "not a date"},
        {"unit": "1"},
    ],
)
def test_create_petition_bad_input(unit_a, council_a, change):
    r = _post(council_a, "/api/v1/democracy/petitions", {**PETITION, **change})
    assert r.status_code in (400, 403, 422)
    assert r.status_code != 403 or change == {"unit": "1"}
    assert "message" in r.json() or "detail" in r.json()
    assert VoterPetition.objects.count() == 0


def test_create_petition_refused(unit_a, officer_b, specialist_a):
    assert _post(officer_b, "/api/v1/democracy/petitions", PETITION).status_code == 403
    assert _post(specialist_a, "/api/v1/democracy/petitions", PETITION).status_code == 403
    assert VoterPetition.objects.count() == 0


def test_answer_petition(unit_a, council_a, officer_a, officer_b, front_a):
    p = petition(unit_a, council_a)
    url = f"/api/v1/democracy/petitions/{p.case.code}/answer"
    body = {"answer": "Đã sửa cầu", "answered_at": "2026-03-20T10:00:00+07:00"}
    assert _post(officer_b, url, body).status_code == 403
    assert _post(front_a, url, body).status_code == 403
    assert _post(officer_a, url, {"answer": ""}).status_code in (400, 422)
    r = _post(officer_a, url, body)
    assert r.status_code == 200
    assert r.json()["answer"] == "Đã sửa cầu" and r.json()["on_time"] is True
    again = _post(officer_a, url, body)
    assert again.status_code == 422 and again.json()["code"] == "answered"
    assert _post(officer_a, "/api/v1/democracy/petitions/NOPE/answer", body).status_code == 403


DIALOGUE = {
    "unit": "99001",
    "kind": "annual",
    "title": "Đối thoại định kỳ",
    "scheduled_at": "2026-03-10T08:00:00+07:00",
    "place": "Hội trường",
    "notice": "Kính mời",
}


def test_dialogue_and_commitment_endpoints(unit_a, officer_a, officer_b, front_a):
    r = _post(officer_a, "/api/v1/engagement/dialogues", DIALOGUE, HTTP_IDEMPOTENCY_KEY="d1")
    r2 = _post(officer_a, "/api/v1/engagement/dialogues", DIALOGUE, HTTP_IDEMPOTENCY_KEY="d1")
    assert r.status_code == 201 and r.json()["id"] == r2.json()["id"]
    assert Dialogue.objects.count() == 1
    assert _post(front_a, "/api/v1/engagement/dialogues", DIALOGUE).status_code == 403
    assert _post(officer_b, "/api/v1/engagement/dialogues", DIALOGUE).status_code == 403
    naive = {**DIALOGUE, "scheduled_at": "2026-03-10T08:00:00"}
    assert _post(officer_a, "/api/v1/engagement/dialogues", naive).status_code == 422
    dialogue = Dialogue.objects.get()
    url = f"/api/v1/engagement/dialogues/{dialogue.pk}/commitments"
    body = {"content": "Sửa đường", "responsible": "Địa chính", "committed_date": "2026-06-30"}
    not_held = _post(officer_a, url, body)
    assert not_held.status_code == 422 and not_held.json()["code"] == "not_held"
    services.dialogue_hold(
        dialogue=dialogue, actor=officer_a, held_at=at("10/03/2026", 8), attendance=5, summary="x"
    )
    assert _post(officer_b, url, body).status_code == 403
    c1 = _post(officer_a, url, body, HTTP_IDEMPOTENCY_KEY="c1")
    c2 = _post(officer_a, url, body, HTTP_IDEMPOTENCY_KEY="c1")
    assert c1.status_code == 201 and c1.json()["code"] == c2.json()["code"]
    assert c1.json()["due"] == "2026-06-30" and Commitment.objects.count() == 1
    early = _post(officer_a, url, {**body, "committed_date": "2026-03-01"})
    assert early.status_code == 422 and early.json()["code"] == "before_dialogue"
    code = c1.json()["code"]
    done_url = f"/api/v1/engagement/commitments/{code}/complete"
    done = {"result": "Đã sửa", "completed_at": "2026-07-01T09:00:00+07:00"}
    assert _post(officer_b, done_url, done).status_code == 403
    r = _post(officer_a, done_url, done)
    assert r.status_code == 200 and r.json()["status"] == "resolved"
    assert r.json()["on_time"] is False  # a day after the committed date
    listed = Client().get("/api/v1/engagement/commitments?unit=99001", **_auth(officer_a)).json()
    assert listed["count"] == 1 and listed["results"][0]["code"] == code
    listed = Client().get("/api/v1/engagement/dialogues?unit=99001", **_auth(front_a)).json()
    assert listed["results"][0]["status"] == "held"


def test_commitment_list_reads_committed_date(unit_a, officer_a, held_dialogue):
    commit(held_dialogue, officer_a, d("30/06/2026"))
    row = Client().get("/api/v1/engagement/commitments?unit=99001", **_auth(officer_a)).json()
    assert row["results"][0]["committed_date"] == "2026-06-30"
