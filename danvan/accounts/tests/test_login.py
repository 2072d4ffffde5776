"""Sign-in: throttling per username and per IP, audit entries, next redirect."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from danvan.core.models import AuditEntry
from danvan.testing.language import english

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    settings.DANVAN_LOGIN_MAX_FAILURES_PER_IP = 5
    settings.DANVAN_LOGIN_WINDOW_SECONDS = 600
    cache.clear()


def post(client: Client, username: str, password: str, ip: str = "10.0.0.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


def test_login_page_renders_in_both_languages(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Cán bộ đăng nhập" in response.content.decode()
    response = english(client).get(LOGIN)
    assert response.status_code == 200
    assert "Officer sign-in" in response.content.decode()  # `make test` compiles messages


def test_success_redirects_to_next_and_audits(client, officer_a, password):
    response = post(client, "alice", password, next="/tai-khoan/")
    assert response.status_code == 302 and response.url == "/tai-khoan/"
    entry = AuditEntry.objects.get(action="accounts.login.success")
    assert entry.actor == officer_a and entry.ip == "10.0.0.1"
    assert entry.unit_code == "99001"
    assert password not in str(entry.detail)


def test_offsite_next_is_ignored(client, officer_a, password):
    response = post(client, "alice", password, next="https://evil.example/")
    assert response.status_code == 302 and "evil" not in response.url


def test_wrong_password_message_and_audit(client, officer_a):
    response = post(client, "alice", "wrong-password")
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    entry = AuditEntry.objects.get(action="accounts.login.failure")
    assert entry.detail == {"username": "alice"}
    assert entry.unit_code == officer_a.memberships.first().unit.code  # A's leaders see it
    assert "wrong-password" not in str(entry.detail)
    # A name without an account is not logged (it may be a password typed in the wrong box).
    post(client, "my-secret-pass", "x")
    assert AuditEntry.objects.filter(action="accounts.login.failure").first().detail == {
        "username": ""
    }
    assert not AuditEntry.objects.filter(detail__username="my-secret-pass").exists()


def test_username_locked_after_n_failures_even_with_right_password(
    client, officer_a, password, monkeypatch
):
    for i in range(3):
        response = post(client, "alice", "nope", ip=f"10.0.1.{i}")
    assert response.status_code == 429
    assert "thử lại sau" in response.content.decode()
    assert AuditEntry.objects.filter(action="accounts.login.locked").exists()
    # The right password from yet another address is refused during the window.
    response = post(client, "Alice", password, ip="10.0.2.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # After the window the right password works again.
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 601)
    response = post(client, "alice", password, ip="10.0.2.1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer_a.pk)


def test_ip_locked_across_usernames(client, officer_a, officer_b, password):
    for name in ["u1", "u2", "u3", "u4", "u5"]:
        post(client, name, "nope", ip="10.9.9.9")
    response = post(client, "bob", password, ip="10.9.9.9")
    assert response.status_code == 429
    # Another address is not affected.
    response = post(Client(), "bob", password, ip="10.9.9.10")
    assert response.status_code == 302


def test_success_resets_username_counter(client, officer_a, password):
    post(client, "alice", "nope")
    post(client, "alice", "nope")
    assert post(Client(), "alice", password).status_code == 302
    post(client, "alice", "nope")
    post(client, "alice", "nope")
    assert post(Client(), "alice", password).status_code == 302


def test_empty_form_is_re_rendered(client):
    response = client.post(LOGIN, {"username": "alice", "password": ""})
    assert response.status_code == 200
    assert 'value="alice"' in response.content.decode()


def test_logout_is_post(client_a):
    response = client_a.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client_a.session


def test_admin_login_goes_through_our_login(client):
    response = client.get("/quan-tri/login/?next=/quan-tri/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
