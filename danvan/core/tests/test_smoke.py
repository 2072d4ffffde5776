import pytest
from django.urls import reverse

from danvan.testing.language import english


@pytest.mark.django_db
def test_home_renders_in_vietnamese_by_default(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="vi"' in body
    assert "Tìm xã, phường của bạn" in body


@pytest.mark.django_db
def test_home_renders_in_english_on_request(client):
    response = english(client).get(reverse("portal:home"))
    body = response.content.decode()
    assert 'lang="en"' in body
    assert "Find your commune or ward" in body
    assert "Tìm xã, phường của bạn" not in body


@pytest.mark.django_db
def test_commune_search_finds_without_diacritics_and_rejects_nothing(client, unit_a, unit_b):
    response = client.get(reverse("portal:home"), {"q": "thu a"})
    body = response.content.decode()
    assert "Xã Thử A" in body
    assert "Xã Thử B" not in body
    # Nonsense and overlong input get an answer, not an error.
    response = client.get(reverse("portal:home"), {"q": "%' OR 1=1 --" * 20})
    assert response.status_code == 200
    assert "Không tìm thấy xã, phường nào" in response.content.decode()


@pytest.mark.django_db
def test_officer_home_requires_sign_in(client):
    response = client.get(reverse("portal:officer_home"))
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.1")
