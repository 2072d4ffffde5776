"""Passwords made of common or context words are refused, digits and symbols aside."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError

from danvan.testing.factories import UnitFactory


@pytest.fixture
def places(province):
    cache.clear()
    UnitFactory(code="01843", name="Phường Bắc Kạn", codename="phuong_bac_kan", province=province)
    UnitFactory(code="02020", name="Xã Chợ Đồn", codename="xa_cho_don", province=province)
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    [
        "thainguyen",
        "Danvan2026",
        "ThaiNguyen@2026",
        "Bắc Kạn@123",
        "backan2026!",
        "ChoDon!2026",
        "motcua.backan",
        "Matkhau@123456",
        "admin-admin",
        "danvan-demo",
    ],
)
def test_context_words_are_refused(places, password):
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert any(e.code == "password_context_word" for e in caught.value.error_list)


@pytest.mark.django_db
def test_the_users_own_name_is_refused(places, officer_a):
    officer_a.first_name, officer_a.last_name = "Hoa", "Nguyễn"
    with pytest.raises(ValidationError):
        validate_password("Nguyen-Hoa-1990", officer_a)


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["correct-horse-battery-staple", "Thac-Ban-Gioc-2026"])
def test_good_passphrases_pass(places, password):
    validate_password(password)


@pytest.mark.django_db
def test_the_password_change_page_refuses_a_context_word(places, client_a):
    from django.urls import reverse

    from danvan.testing.factories import PASSWORD

    response = client_a.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Danvan2026", "new_password2": "Danvan2026"},
    )
    assert response.status_code in (200, 400)
    assert "quá dễ đoán" in response.content.decode()
