"""Level-3 password rules (docs/domain.md §9): no reuse of the last 10, a password somebody else
chose is replaced at the first sign-in; the officer's own change page."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts.models import OfficerProfile, PasswordHistory
from danvan.accounts.passwords import PASSWORD_HISTORY_SIZE
from danvan.accounts.services import officer_create
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db
CHANGE = "/tai-khoan/doi-mat-khau/"
LOGIN = "/tai-khoan/dang-nhap/"


def change(client, old: str, new: str, *, again: str | None = None, **extra):
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return client.post(CHANGE, {**data, **extra})


def test_the_contract_url():
    assert reverse("accounts:password_change") == CHANGE


def test_the_last_ten_passwords_cannot_come_back(officer_a):
    for i in range(PASSWORD_HISTORY_SIZE + 2):
        officer_a.set_password(f"Nui-Coc-{i}-xanh")
        officer_a.save()
    assert PasswordHistory.objects.filter(user=officer_a).count() == PASSWORD_HISTORY_SIZE
    newest = PASSWORD_HISTORY_SIZE + 1
    for i in range(newest, newest - PASSWORD_HISTORY_SIZE, -1):  # the live one and 9 before
        with pytest.raises(ValidationError) as refused:
            validate_password(f"Nui-Coc-{i}-xanh", officer_a)
        assert refused.value.error_list[0].code == "password_reused"
    # The 11th from the newest has left the history: it may be used again.
    validate_password(f"Nui-Coc-{newest - PASSWORD_HISTORY_SIZE}-xanh", officer_a)
    validate_password("Ho-Ba-Be-moi-toanh", officer_a)


def test_an_imported_account_cannot_keep_its_handed_out_password(officer_a, password):
    # The cast's password never went through the history (as with a bulk import).
    PasswordHistory.objects.filter(user=officer_a).delete()
    with pytest.raises(ValidationError):
        validate_password(password, officer_a)


def test_change_page_changes_clears_the_flag_and_audits(client_a, officer_a, password):
    # The flag is on in the database (an administrator's reset); this session is an
    # earlier one, so only the profile is checked here (the session path: see below).
    OfficerProfile.objects.update_or_create(user=officer_a, defaults={"must_change_password": True})
    page = client_a.get(CHANGE)
    assert page.status_code == 200 and "Mật khẩu hiện tại" in page.content.decode()
    response = change(client_a, password, "Thac-Ban-Gioc-2026", next="/ho-so-viec/")
    assert response.status_code == 302 and response["Location"] == "/ho-so-viec/"
    officer_a.refresh_from_db()
    assert officer_a.check_password("Thac-Ban-Gioc-2026")
    assert not OfficerProfile.objects.get(user=officer_a).must_change_password
    entry = AuditEntry.objects.get(action="accounts.password.change")
    assert entry.unit_code == "99001" and "Thac-Ban-Gioc" not in str(entry.detail)
    # Still signed in after the change (the session hash was refreshed).
    assert client_a.get("/tai-khoan/").status_code == 200


def test_wrong_current_password_and_reuse_are_refused_in_vietnamese(client_a, password):
    response = change(client_a, "khong-dung", "Thac-Ban-Gioc-2026")
    assert response.status_code == 400
    assert "Mật khẩu cũ không chính xác" in response.content.decode()
    response = change(client_a, password, password)
    assert response.status_code == 400
    assert "không được trùng với 10 mật khẩu gần nhất" in response.content.decode()
    response = change(client_a, password, "Thac-Ban-Gioc-2026", again="Thac-Ban-Gioc-2027")
    assert response.status_code == 400


def test_messages_in_english(client_a, password):
    response = client_a.post(
        CHANGE,
        {"old_password": password, "new_password1": password, "new_password2": password},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert "Change password" in body and "must not be any of your last 10 passwords" in body


def test_next_off_site_is_ignored(client_a, password):
    response = change(client_a, password, "Thac-Ban-Gioc-2026", next="https://evil.example/")
    assert response["Location"] == "/tai-khoan/"


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(CHANGE)
    assert response.status_code == 302 and LOGIN in response["Location"]


def test_a_new_officer_must_change_the_handed_out_password(client, unit_a):
    user, generated, created = officer_create(username="hoa.nguyen", full_name="Nguyễn Thị Hoa")
    assert created and OfficerProfile.objects.get(user=user).must_change_password
    response = client.post(LOGIN, {"username": "hoa.nguyen", "password": generated})
    assert response.status_code == 302
    # Every officer page leads to the change page, remembering where the officer was going.
    response = client.get("/ho-so-viec/")
    assert response.status_code == 302
    assert response["Location"] == CHANGE + "?next=%2Fho-so-viec%2F"
    # Public pages still work.
    assert client.get("/").status_code == 200
    page = client.get(CHANGE)
    assert "do người khác đặt cho bạn" in page.content.decode()
    # An empty form says what is missing, in Vietnamese, instead of a blank 400.
    empty = client.post(CHANGE, {})
    assert empty.status_code == 400 and "bắt buộc" in empty.content.decode()
    response = change(client, generated, "Pac-Bo-Cao-Bang-1941")
    assert response.status_code == 302
    assert client.get("/ho-so-viec/").status_code == 200


def test_an_officer_told_to_change_can_still_sign_out(client, unit_a):
    user, generated, _c = officer_create(username="hoa.nguyen", full_name="Nguyễn Thị Hoa")
    client.post(LOGIN, {"username": "hoa.nguyen", "password": generated})
    assert client.get("/ho-so-viec/").status_code == 302  # sent to the change page
    response = client.post("/tai-khoan/dang-xuat/")
    assert response.status_code == 302 and not response["Location"].startswith(CHANGE)
    assert "_auth_user_id" not in client.session


def test_an_officer_who_chose_their_password_is_not_stopped(client_a):
    assert client_a.get("/ho-so-viec/").status_code == 200


def test_demo_accounts_keep_their_documented_password(db):
    user, _pw, _c = officer_create(
        username="demo.user", password="danvan-demo", must_change_password=False
    )
    assert not OfficerProfile.objects.get(user=user).must_change_password


def test_an_administrator_resetting_a_password_makes_it_temporary(officer_a):
    officer_create(username="alice", password="Tam-Thoi-123456")
    assert OfficerProfile.objects.get(user=officer_a).must_change_password
    officer_create(username="alice", full_name="Alice Nguyễn")  # details only
    assert OfficerProfile.objects.get(user=officer_a).must_change_password


def test_imported_officers_must_change_their_generated_password(unit_a, officer_a):
    import io

    from danvan.accounts.importing import officers_import_file

    sheet = "Tên đăng nhập,Họ tên,Email,Điện thoại,Mã đơn vị,Vai trò\n"
    sheet += "lan.tran,Trần Thị Lan,,,99001,one_stop\nalice,,,,99001,specialist\n"
    officers_import_file(io.BytesIO(sheet.encode()), "can_bo.csv")
    assert OfficerProfile.objects.get(user__username="lan.tran").must_change_password
    # An officer already there keeps the password (and the freedom) they had.
    assert not OfficerProfile.objects.filter(user=officer_a, must_change_password=True).exists()


def test_a_password_reset_in_the_admin_is_temporary(client, officer_a):
    from danvan.testing.factories import UserFactory

    admin_user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    url = reverse("admin:auth_user_password_change", args=[officer_a.pk])
    response = client.post(
        url,
        {
            "password1": "Ba-Be-Ho-Dep-2026",
            "password2": "Ba-Be-Ho-Dep-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.check_password("Ba-Be-Ho-Dep-2026")
    assert OfficerProfile.objects.get(user=officer_a).must_change_password
    entry = AuditEntry.objects.get(action="accounts.password.reset")
    assert entry.actor == admin_user and entry.unit_code == "99001"


def test_an_account_created_in_the_admin_has_a_temporary_password(client):
    from django.contrib.auth import get_user_model

    from danvan.testing.factories import UserFactory

    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "moi.tao",
            "password1": "Hang-Pac-Bo-2026",
            "password2": "Hang-Pac-Bo-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="moi.tao")
    assert OfficerProfile.objects.get(user=user).must_change_password
    assert AuditEntry.objects.filter(
        action="accounts.password.reset", object_id=str(user.pk)
    ).exists()


def test_guessing_the_current_password_is_throttled(client_a, password, settings):
    from django.core.cache import cache

    cache.clear()
    settings.DANVAN_LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        assert change(client_a, "doan-mo", "Thac-Ban-Gioc-2026").status_code == 400
    response = change(client_a, "doan-mo", "Thac-Ban-Gioc-2026")
    assert response.status_code == 429 and "quá nhiều lần" in response.content.decode()
    # Locked: even the right password is not checked until the window ends.
    response = change(client_a, password, "Thac-Ban-Gioc-2026")
    assert response.status_code == 429
    cache.clear()
