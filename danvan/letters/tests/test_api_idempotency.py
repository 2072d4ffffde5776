"""POST /api/v1/letters honours Idempotency-Key, like every creating POST of the API."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.services import api_token_create
from danvan.letters.models import Letter

pytestmark = pytest.mark.django_db

BODY = {
    "unit": "99001",
    "kind": "reflection",
    "sender_name": "Nguyễn Văn Dân",
    "sender_phone": "0987000111",
    "sender_address": "Thôn Nà Pán",
    "content": "Đường liên thôn Nà Pán bị sạt lở, đề nghị sửa chữa.",
    "channel": "post",
}


def _post(token: str, body: dict, key: str | None = None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return Client().post("/api/v1/letters", body, content_type="application/json", **headers)


def test_a_retry_with_the_same_key_returns_the_same_letter(officer_a, unit_a):
    token = api_token_create(user=officer_a)[1]
    first = _post(token, BODY, key="may-tinh-1:0001")
    again = _post(token, BODY, key="may-tinh-1:0001")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Letter.objects.count() == 1
    # Another key, or none, is another letter.
    assert _post(token, BODY, key="may-tinh-1:0002").json()["code"] != first.json()["code"]
    _post(token, BODY)
    assert Letter.objects.count() == 3


def test_keys_belong_to_their_caller(officer_a, unit_a, unit_b):
    from danvan.accounts.roles import Role
    from danvan.testing.factories import make_officer

    colleague = make_officer("carol", unit=unit_a, roles=[Role.ONE_STOP])
    mine = _post(api_token_create(user=officer_a)[1], BODY, key="k-1")
    theirs = _post(api_token_create(user=colleague)[1], BODY, key="k-1")
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["code"] != theirs.json()["code"]


def test_a_key_reused_for_another_commune_is_refused(officer_a, unit_a, unit_b):
    from danvan.accounts.roles import Role
    from danvan.testing.factories import make_officer

    both = make_officer("dung", unit=unit_a, roles=[Role.ONE_STOP])
    make_officer("dung2", unit=unit_b, roles=[Role.ONE_STOP])  # unit B has an officer too
    from danvan.accounts.models import Membership

    Membership.objects.create(user=both, unit=unit_b, role=Role.ONE_STOP)
    token = api_token_create(user=both)[1]
    assert _post(token, BODY, key="k-9").status_code == 201
    response = _post(token, {**BODY, "unit": unit_b.code}, key="k-9")
    assert response.status_code == 422 and response.json()["code"] == "key_reused"
    assert Letter.objects.count() == 1


def test_officer_of_another_commune_is_refused_even_with_a_used_key(officer_a, officer_b, unit_a):
    first = _post(api_token_create(user=officer_a)[1], BODY, key="k-1")
    assert first.status_code == 201
    response = _post(api_token_create(user=officer_b)[1], BODY, key="k-1")
    assert response.status_code == 403
    assert Letter.objects.count() == 1
