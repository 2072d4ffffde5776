"""POST/GET /api/v1/letters: good, 401, 403, 422 and confidentiality."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.letters.models import Letter, ProtectedIdentity

from .conftest import DENOUNCER_NAME, DENOUNCER_PHONE

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


def _post(user, body: dict, **extra):
    headers = _auth(user) if user is not None else {}
    return Client().post(
        "/api/v1/letters", body, content_type="application/json", **headers, **extra
    )


BODY = {
    "unit": "99001",
    "kind": "complaint",
    "sender_name": "Nguyễn Văn Dân",
    "sender_phone": "0987000111",
    "sender_address": "Thôn Nà Pán",
    "content": "Khiếu nại quyết định thu hồi đất đối với thửa đất số 12.",
    "channel": "post",
}


def test_create_and_list(officer_a, unit_a):
    response = _post(officer_a, BODY)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"code", "secret", "kind", "status", "due"}
    assert body["kind"] == "complaint" and body["status"] == "received" and body["due"]
    assert Letter.objects.get().case.due_date.isoformat() == body["due"]
    listed = Client().get("/api/v1/letters?unit=99001", **_auth(officer_a)).json()
    assert listed["count"] == 1 and listed["results"][0]["sender_name"] == "Nguyễn Văn Dân"


def test_denunciation_identity_protected(officer_a, unit_a):
    response = _post(
        officer_a,
        {
            **BODY,
            "kind": "denunciation",
            "sender_name": DENOUNCER_NAME,
            "sender_phone": DENOUNCER_PHONE,
        },
    )
    assert response.status_code == 201
    letter = Letter.objects.get()
    assert ProtectedIdentity.objects.filter(letter=letter).exists() and letter.sender_name == ""
    listed = Client().get("/api/v1/letters?unit=99001", **_auth(officer_a))
    text = listed.content.decode()
    assert DENOUNCER_NAME not in text and DENOUNCER_PHONE not in text
    row = listed.json()["results"][0]
    assert row["sender_name"] is None and row["sender_protected"] is True


def test_unauthenticated_and_other_unit(officer_b, unit_a, province_viewer):
    assert _post(None, BODY).status_code == 401
    assert (
        Client()
        .post(
            "/api/v1/letters",
            BODY,
            content_type="application/json",
            HTTP_AUTHORIZATION="Bearer dv_wrong",
        )
        .status_code
        == 401
    )
    refused = _post(officer_b, BODY)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert _post(province_viewer, BODY).status_code == 403
    assert _post(officer_b, {**BODY, "unit": "12345"}).status_code == 403
    assert Client().get("/api/v1/letters?unit=99001", **_auth(officer_b)).status_code == 404
    assert Client().get("/api/v1/letters?unit=99001").status_code == 401
    assert not Letter.objects.exists()


def test_bad_input_422(officer_a, unit_a):
    for body in (
        {**BODY, "kind": "gossip"},
        {**BODY, "content": "ngắn"},
        {**BODY, "unit": "1"},
        {**BODY, "channel": "pigeon"},
        {k: v for k, v in BODY.items() if k != "content"},
    ):
        response = _post(officer_a, body)
        assert response.status_code == 422, body
        assert response.json()["code"] == "invalid_input"
    forwarded = _post(officer_a, {**BODY, "channel": "press"})
    assert forwarded.status_code == 422 and forwarded.json()["code"] == "forwarder_required"
    assert Client().get("/api/v1/letters?unit=99001&page=0", **_auth(officer_a)).status_code == 422
    raw = Client().post(
        "/api/v1/letters", "{not json", content_type="application/json", **_auth(officer_a)
    )
    assert raw.status_code in (400, 422)


def test_list_is_paginated_and_query_bounded(
    officer_a, unit_a, receive, django_assert_max_num_queries
):
    for i in range(7):
        receive(
            unit_a,
            "reflection",
            f"Phản ánh số {i}: đèn đường thôn {i} bị hỏng đã lâu.",
            name=f"Người {i}",
            phone=f"09110000{i:02d}",
        )
    headers = _auth(officer_a)
    with django_assert_max_num_queries(10):
        page = Client().get("/api/v1/letters?unit=99001&page=2&page_size=5", **headers).json()
    assert page["count"] == 7 and len(page["results"]) == 2
