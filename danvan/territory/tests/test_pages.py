from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.territory.models import Unit, Village

pytestmark = pytest.mark.django_db


def test_provinces_page_lists_34_with_counts(client, country, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("territory:provinces"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('href="/dia-ban/tinh/') == 34
    assert "Tỉnh Thái Nguyên" in body
    assert "<td>92</td>" in body


def test_provinces_page_in_english(client, country):
    response = client.get(reverse("territory:provinces"), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "Provinces and cities" in body
    assert "Tỉnh, thành phố</h1>" not in body


def test_province_page_lists_units_and_filters(client, country, django_assert_max_num_queries):
    url = reverse("territory:province", args=["19"])
    with django_assert_max_num_queries(6):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('href="/dia-ban/xa/') == 92
    # Search without diacritics, filtered by kind.
    body = client.get(url, {"q": "bach thong", "kind": "xa"}).content.decode()
    assert "Xã Bạch Thông" in body
    assert "Phường Bắc Kạn" not in body
    body = client.get(url, {"kind": "phuong"}).content.decode()
    assert "Phường Bắc Kạn" in body
    assert "Xã Bạch Thông" not in body
    # A bad filter is answered, not a 500: the list is shown unfiltered with the error.
    response = client.get(url, {"kind": "zzz", "q": "x" * 500})
    assert response.status_code == 200
    assert response.content.decode().count('href="/dia-ban/xa/') == 92


def test_province_page_finds_old_communes(client, country):
    url = reverse("territory:province", args=["19"])
    body = client.get(url, {"old": "phung chi kien"}).content.decode()
    assert "Phường Phùng Chí Kiên" in body
    assert reverse("territory:legacy_unit", args=["01843"]) in body
    assert "Phường Bắc Kạn" in body
    # An old commune of another province is not listed on Thái Nguyên's page.
    body = client.get(url, {"old": "phuc xa"}).content.decode()
    assert "Phường Phúc Xá" not in body
    body = client.get(reverse("territory:provinces"), {"old": "phuc xa"}).content.decode()
    assert "Phường Phúc Xá" in body


def test_unit_page_shows_attributes_villages_and_predecessors(client, country):
    unit = Unit.objects.get(code="01843")
    Unit.objects.filter(pk=unit.pk).update(is_remote=True, population=12345, households=3210)
    Village.objects.create(unit=unit, name="Tổ dân phố 1A", kind="to_dan_pho", households=215)
    response = client.get(reverse("territory:unit", args=["01843"]))
    body = response.content.decode()
    assert "Phường Bắc Kạn" in body
    assert any(figure in body for figure in ("12345", "12.345", "12,345"))
    assert "Tổ dân phố 1A" in body
    assert "Vùng sâu, vùng xa" in body and "badge-warn" in body
    # Predecessors with their old district and province.
    assert "Phường Phùng Chí Kiên" in body
    assert "Thành Phố Bắc Kạn" in body
    assert "Tỉnh Bắc Kạn" in body


def test_legacy_lookup_shows_where_an_old_commune_went(client, country):
    body = client.get(reverse("territory:legacy_unit", args=["01843"])).content.decode()
    assert "Phường Phùng Chí Kiên" in body
    assert reverse("territory:unit", args=["01843"]) in body
    assert "Phường Bắc Kạn" in body


@pytest.mark.parametrize(
    "url",
    [
        "/dia-ban/tinh/99/",
        "/dia-ban/xa/00000/",
        "/dia-ban/xa/%27%20OR%201=1/",
        "/dia-ban/truoc-2025/99999/",
    ],
)
def test_unknown_codes_are_404_not_500(client, unit_a, url):
    response = client.get(url)
    assert response.status_code == 404


def test_cast_unit_page_without_the_country(client, unit_a):
    Village.objects.create(unit=unit_a, name="Thôn Một", households=10)
    body = client.get(reverse("territory:unit", args=["99001"])).content.decode()
    assert "Xã Thử A" in body and "Thôn Một" in body
    assert "Không có dữ liệu về đơn vị trước 1/7/2025." in body


def test_unit_and_legacy_pages_do_not_query_per_row(
    client, country, django_assert_max_num_queries, monkeypatch
):
    # Territory's own budget: the sections other apps add to the page are measured by
    # their apps' tests (each costs a fixed number of queries).
    from danvan.core.registry import Registry, registries

    monkeypatch.setattr(registries, "unit_page_sections", Registry("unit_page_sections"))
    unit = Unit.objects.get(code="01843")
    Village.objects.bulk_create([Village(unit=unit, name=f"Tổ dân phố {n}") for n in range(12)])
    with django_assert_max_num_queries(4):
        assert client.get(reverse("territory:unit", args=["01843"])).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("territory:legacy_unit", args=["01843"])).status_code == 200
    with django_assert_max_num_queries(5):
        body = client.get(reverse("territory:provinces"), {"old": "xa"}).content.decode()
    assert body.count('href="/dia-ban/truoc-2025/') == 30


def test_admin_lists_units(client, country, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    response = client.get(
        "/quan-tri/territory/unit/",
        {"province__id__exact": Unit.objects.get(code="01843").province_id},
    )
    assert response.status_code == 200
    assert "Phường Bắc Kạn" in response.content.decode()
    response = client.get("/quan-tri/territory/legacyunit/", {"q": "Phùng Chí Kiên"})
    assert response.status_code == 200
    assert "Phường Phùng Chí Kiên" in response.content.decode()
