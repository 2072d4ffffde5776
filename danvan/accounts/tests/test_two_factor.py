"""Two-factor login (TOTP) when DANVAN_REQUIRE_2FA is on."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.middleware import PUBLIC_PREFIXES, is_exempt
from danvan.accounts.services import api_token_create
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db
ENROL = "/tai-khoan/xac-thuc/thiet-lap/"
VERIFY = "/tai-khoan/xac-thuc/"


@pytest.fixture(autouse=True)
def _require(settings):
    settings.DANVAN_REQUIRE_2FA = True
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    # django-otp's own back-off (seconds after a wrong code) would make these tests sleep;
    # our cache throttle is tested below instead.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    cache.clear()


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def login(username: str, password: str) -> Client:
    c = Client()
    response = c.post("/tai-khoan/dang-nhap/", {"username": username, "password": password})
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    return c


def enrol(c: Client, user) -> list[str]:
    response = c.get(ENROL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'data-testid="totp-secret">([^<]+)<', body).group(1)
    assert secret.replace(" ", "")  # shown as text too
    response = c.post(ENROL, {"code": code_for(device), "next": "/tai-khoan/"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 8
    return codes


def test_allowlist_constant():
    assert is_exempt("/")
    for prefix in PUBLIC_PREFIXES:
        assert is_exempt(prefix + "x/")
    assert is_exempt("/mot-cua/cong-khai/tra-cuu/")
    assert is_exempt("/don-thu/gui/")
    assert is_exempt("/tai-khoan/dang-nhap/")
    assert is_exempt(VERIFY) and is_exempt(ENROL)
    assert not is_exempt("/tai-khoan/")
    assert not is_exempt("/tai-khoan/nhat-ky/")
    assert not is_exempt("/mot-cua/")
    assert not is_exempt("/don-thu/")
    assert not is_exempt("/ho-so-viec/")
    assert not is_exempt("/quan-tri/")


def test_officer_enrols_then_pages_open(officer_a, password):
    c = login("alice", password)
    # Every officer page sends an unverified officer to the second factor.
    response = c.get("/tai-khoan/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    # No device yet: the verification page sends on to enrolment.
    response = c.get(response.url)
    assert response.status_code == 302 and response.url.startswith(ENROL)
    # A wrong code is refused.
    c.get(ENROL)
    response = c.post(ENROL, {"code": "000000"})
    assert response.status_code == 200 and "Mã không đúng" in response.content.decode()
    codes = enrol(c, officer_a)
    assert TOTPDevice.objects.get(user=officer_a).confirmed
    assert AuditEntry.objects.filter(action="accounts.2fa.enrol", actor=officer_a).exists()
    response = c.get("/tai-khoan/")
    assert response.status_code == 200
    assert "Đã bật" in response.content.decode()
    assert StaticToken.objects.filter(device__user=officer_a).count() == len(codes)


def test_next_login_asks_for_code_and_backup_codes_work_once(officer_a, password):
    codes = enrol(login("alice", password), officer_a)
    device = TOTPDevice.objects.get(user=officer_a)

    c = login("alice", password)
    assert c.get("/tai-khoan/").status_code == 302
    # Enrolling a second device without the first is not allowed.
    response = c.get(ENROL)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    response = c.post(VERIFY, {"code": "123", "next": "/tai-khoan/"})
    assert response.status_code == 200
    response = c.post(VERIFY, {"code": code_for(device, offset=1), "next": "/tai-khoan/"})
    assert response.status_code == 302 and response.url == "/tai-khoan/"
    assert c.get("/tai-khoan/").status_code == 200

    c2 = login("alice", password)
    response = c2.post(VERIFY, {"code": codes[0], "next": "/tai-khoan/"})
    assert response.status_code == 302 and c2.get("/tai-khoan/").status_code == 200
    c3 = login("alice", password)
    response = c3.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 200  # a backup code works once


def test_wrong_codes_throttled(officer_a, password):
    enrol(login("alice", password), officer_a)
    device = TOTPDevice.objects.get(user=officer_a)
    c = login("alice", password)
    for _ in range(3):
        response = c.post(VERIFY, {"code": "999999"})
    assert response.status_code == 429
    response = c.post(VERIFY, {"code": code_for(device, offset=1)})
    assert response.status_code == 429
    assert "thử lại sau" in response.content.decode()
    assert c.get("/tai-khoan/").status_code == 302


def test_public_pages_and_api_unaffected(officer_a, password):
    c = login("alice", password)
    # Only the middleware's decision is under test here, not the other apps' pages.
    c.raise_request_exception = False
    for path in ["/", "/dia-ban/", "/tai-khoan/dang-nhap/", "/tra-cuu/x/"]:
        response = c.get(path)
        assert not (response.status_code == 302 and response.url.startswith(VERIFY)), path
    _, token = api_token_create(user=officer_a, label="x")
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_admin_requires_second_factor(password):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", password=password)
    c = login("root", password)
    response = c.get("/quan-tri/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_not_enforced_when_off(settings, client_a):
    settings.DANVAN_REQUIRE_2FA = False
    assert client_a.get("/tai-khoan/").status_code == 200


def test_roles_attached_to_request(client_a, settings):
    settings.DANVAN_REQUIRE_2FA = False
    response = client_a.get("/tai-khoan/")
    assert response.wsgi_request.danvan_roles() == {"one_stop", "specialist", "leader"}


def test_backup_codes_renewed_only_when_verified(officer_a, password):
    old = enrol(login("alice", password), officer_a)
    c = login("alice", password)
    assert c.post("/tai-khoan/ma-du-phong/").status_code == 302  # to verification
    device = TOTPDevice.objects.get(user=officer_a)
    c.post(VERIFY, {"code": code_for(device, offset=1)})
    assert "Còn 8 mã dự phòng" in c.get("/tai-khoan/").content.decode()
    response = c.post("/tai-khoan/ma-du-phong/")
    assert response.status_code == 200
    new = response.context["codes"]
    assert len(new) == 8 and not set(new) & set(old)
    assert set(
        StaticToken.objects.filter(device__user=officer_a).values_list("token", flat=True)
    ) == set(new)


def test_backup_codes_refused_without_second_factor(client_a, settings):
    settings.DANVAN_REQUIRE_2FA = False
    assert client_a.post("/tai-khoan/ma-du-phong/").status_code == 403
    assert client_a.get("/tai-khoan/ma-du-phong/").status_code == 405
