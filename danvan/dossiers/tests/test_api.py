"""The API: procedures of a unit, receiving a dossier, reading it."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.dossiers.models import Dossier


@pytest.fixture
def token_a(officer_a):
    return api_token_create(user=officer_a)[1]


@pytest.fixture
def token_b(officer_b):
    return api_token_create(user=officer_b)[1]


def post(token, body, **headers):
    extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    extra.update(headers)
    return Client().post("/api/v1/dossiers", body, content_type="application/json", **extra)


BODY = {
    "procedure": "1.001193",
    "unit": "99001",
    "applicant_name": "Nguyễn Văn Đức",
    "applicant_phone": "0912345678",
    "channel": "online",
}


def test_procedures_of_a_unit(client, procedure, unit_a):
    response = client.get("/api/v1/procedures?unit=99001")
    assert response.status_code == 200
    assert [p["code"] for p in response.json()] == ["1.001193"]
    assert response.json()[0]["processing_days"] == 3


def test_procedures_of_an_unknown_unit(client, db):
    response = client.get("/api/v1/procedures?unit=00000")
    assert response.status_code == 404 and response.json()["code"] == "unknown_unit"
    assert client.get("/api/v1/procedures").status_code == 422


def test_receive_a_dossier(procedure, unit_a, token_a):
    response = post(token_a, BODY)
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"code", "due", "secret", "status"}
    assert (
        data["code"].startswith("99001-")
        and data["status"] == "received"
        and len(data["secret"]) == 8
    )
    dossier = Dossier.objects.get(case__code=data["code"])
    assert dossier.case.channel == "online" and data["due"] == dossier.case.due_date.isoformat()


def test_retried_request_with_idempotency_key(procedure, unit_a, token_a):
    first = post(token_a, BODY, HTTP_IDEMPOTENCY_KEY="abc")
    again = post(token_a, BODY, HTTP_IDEMPOTENCY_KEY="abc")
    assert first.json()["code"] == again.json()["code"]
    assert Dossier.objects.count() == 1


def test_officer_of_another_unit_is_refused(procedure, unit_a, token_b):
    response = post(token_b, BODY)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert not Dossier.objects.exists()


def test_no_token(procedure, unit_a):
    response = post(None, BODY)
    assert response.status_code == 401
    assert post("dv_wrong", BODY).status_code == 401


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"procedure": "9.999"}, 422, "unknown_procedure"),
        ({"unit": "00000"}, 404, "unknown_unit"),
        ({"channel": "fax"}, 422, "invalid_input"),
        ({"applicant_name": ""}, 422, "invalid_input"),
        ({"applicant_phone": "abc"}, 422, "bad_phone"),
        ({"documents_received": ["Giấy lạ"]}, 422, "unknown_document"),
    ],
)
def test_bad_input(procedure, unit_a, token_a, change, status, code):
    response = post(token_a, {**BODY, **change})
    assert response.status_code == status, response.content
    assert response.json()["code"] == code and response.json()["message"]
    assert not Dossier.objects.exists()


def test_not_json(procedure, unit_a, token_a):
    response = Client().post(
        "/api/v1/dossiers",
        "{oops",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_a}",
    )
    assert response.status_code in (400, 422)
    assert not Dossier.objects.exists()


def test_read_a_dossier(receive, token_a, token_b):
    code = receive().case.code
    response = Client().get(f"/api/v1/dossiers/{code}", HTTP_AUTHORIZATION=f"Bearer {token_a}")
    assert response.status_code == 200 and response.json()["procedure"] == "1.001193"
    assert response.json()["national_status"] == 4  # processing, per the seeded table
    assert (
        Client().get(f"/api/v1/dossiers/{code}", HTTP_AUTHORIZATION=f"Bearer {token_b}").status_code
        == 404
    )
    assert Client().get(f"/api/v1/dossiers/{code}").status_code == 401
