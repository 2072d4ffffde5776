"""Bearer tokens and GET /api/v1/me."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.auth import token_digest
from danvan.accounts.models import ApiToken
from danvan.accounts.services import api_token_create, api_token_revoke
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db
ME = "/api/v1/me"


def _get(token: str | None, path: str = ME):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return Client().get(path, **headers)


def test_token_shape_and_storage(officer_a):
    token, plaintext = api_token_create(user=officer_a, label="sync")
    assert plaintext.startswith("dv_") and len(plaintext) >= 40
    assert token.digest == token_digest(plaintext)
    assert plaintext not in token.digest and token.prefix == plaintext[:10]
    assert AuditEntry.objects.filter(
        action="accounts.api_token.create", object_id=str(token.pk)
    ).exists()


def test_me_with_valid_token(officer_a, unit_a, province_viewer):
    _, plaintext = api_token_create(user=officer_a, label="x")
    response = _get(plaintext)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "alice"
    assert {r["role"] for r in body["unit_roles"]} == {"one_stop", "specialist", "leader"}
    assert {r["unit_code"] for r in body["unit_roles"]} == {unit_a.code}
    assert body["unit_roles"][0]["unit_name"] == unit_a.name
    assert body["province_roles"] == []

    _, viewer_token = api_token_create(user=province_viewer, label="x")
    body = _get(viewer_token).json()
    assert body["unit_roles"] == []
    assert body["province_roles"][0]["province_code"] == "19"


@pytest.mark.parametrize("token", [None, "", "dv_wrong", "not-a-token", "dv_" + "a" * 43])
def test_me_refuses_missing_or_wrong_token(officer_a, token):
    api_token_create(user=officer_a, label="x")
    response = _get(token)
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "unauthenticated"
    assert body["message"]


def test_revoked_token_refused(officer_a):
    token, plaintext = api_token_create(user=officer_a, label="x")
    assert _get(plaintext).status_code == 200
    api_token_revoke(token=token, actor=officer_a)
    assert _get(plaintext).status_code == 401
    assert AuditEntry.objects.filter(action="accounts.api_token.revoke").count() == 1


def test_inactive_user_refused(officer_a):
    _, plaintext = api_token_create(user=officer_a, label="x")
    officer_a.is_active = False
    officer_a.save()
    assert _get(plaintext).status_code == 401


def test_session_does_not_authenticate_api(client_a):
    assert client_a.get(ME).status_code == 401


def test_last_used_updated_at_most_once_a_minute(officer_a):
    token, plaintext = api_token_create(user=officer_a, label="x")
    assert _get(plaintext).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    assert _get(plaintext).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    assert _get(plaintext).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=1)
    assert token.last_used_at <= timezone.now()
