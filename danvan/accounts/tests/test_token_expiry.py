"""API tokens expire: a year by default, ``create_api_token --days N``."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from danvan.accounts.auth import api_token_create
from danvan.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _get(client, plaintext):  # type: ignore[no-untyped-def]
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def test_a_token_works_until_it_expires(officer_a, citizen_client):
    token, plaintext = api_token_create(user=officer_a, label="test")
    assert timedelta(days=364) < token.expires_at - timezone.now() <= timedelta(days=365)
    assert _get(citizen_client, plaintext).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _get(citizen_client, plaintext).status_code == 401


def test_create_api_token_days(officer_a):
    out = io.StringIO()
    call_command("create_api_token", officer_a.username, "--days", "7", stdout=out)
    token = ApiToken.objects.get()
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
    assert timezone.localtime(token.expires_at).strftime("%d/%m/%Y") in out.getvalue()
    with pytest.raises(CommandError):
        call_command("create_api_token", officer_a.username, "--days", "0", stdout=out)
    with pytest.raises(CommandError):
        call_command("create_api_token", officer_a.username, "--days", "100000", stdout=out)


def test_the_account_page_shows_when_a_token_expires(officer_a, client_a):
    token, _plain = api_token_create(user=officer_a, label="tích hợp")
    html = client_a.get("/tai-khoan/").content.decode()
    assert timezone.localtime(token.expires_at).strftime("%d/%m/%Y") in html
