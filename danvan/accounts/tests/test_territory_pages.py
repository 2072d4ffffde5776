from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.core.models import AuditEntry
from danvan.territory.models import Village
from danvan.territory.tests.helpers import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_a(unit_a):
    return Village.objects.create(unit=unit_a, name="Thôn Nà Pài", households=100)


def _officer_urls(unit_code: str, village_id: int) -> list[str]:
    return [
        reverse("unit_admin:unit_edit", args=[unit_code]),
        reverse("unit_admin:village_add", args=[unit_code]),
        reverse("unit_admin:village_import", args=[unit_code]),
        reverse("unit_admin:village_edit", args=[village_id]),
        reverse("unit_admin:village_delete", args=[village_id]),
    ]


def test_anonymous_is_sent_to_login(client, village_a):
    for url in [*_officer_urls("99001", village_a.pk), reverse("unit_admin:my_units")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]
        response = client.post(url, {"name": "X"})
        assert response.status_code == 302
    assert Village.objects.get().name == "Thôn Nà Pài"


def test_officer_of_another_commune_is_refused(client_b, village_a):
    unit_urls = _officer_urls("99001", village_a.pk)
    for url in unit_urls[:3]:
        assert client_b.get(url).status_code == 403, url
        assert client_b.post(url, {"name": "X", "kind": "thon"}).status_code == 403
    for url in unit_urls[3:]:
        assert client_b.get(url).status_code == 404, url
        assert client_b.post(url, {"name": "X", "kind": "thon"}).status_code == 404
    assert Village.objects.get().name == "Thôn Nà Pài"
    assert not AuditEntry.objects.filter(action__startswith="territory.").exists()


def test_province_viewer_reads_but_does_not_edit(client_viewer, unit_a):
    assert client_viewer.get(reverse("territory:unit", args=["99001"])).status_code == 200
    assert client_viewer.get(reverse("unit_admin:unit_edit", args=["99001"])).status_code == 403


def test_unknown_unit_is_404_for_an_officer(client_a):
    assert client_a.get(reverse("unit_admin:unit_edit", args=["12345"])).status_code == 404


def test_leader_edits_unit_attributes(client_a, unit_a):
    url = reverse("unit_admin:unit_edit", args=["99001"])
    assert client_a.get(url).status_code == 200
    response = client_a.post(url, {"is_remote": "on", "population": "6100", "households": "1500"})
    assert response.status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.is_remote and unit_a.population == 6100 and unit_a.households == 1500
    # Bad input: re-rendered bound, nothing saved.
    response = client_a.post(url, {"population": "-5", "households": "nhiều"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="-5"' in body and 'value="nhiều"' in body
    assert "error-summary" in body
    unit_a.refresh_from_db()
    assert unit_a.population == 6100


def test_leader_adds_edits_and_deletes_villages(client_a, unit_a):
    add = reverse("unit_admin:village_add", args=["99001"])
    response = client_a.post(add, {"name": "Thôn Bó Lù", "kind": "thon", "households": "74"})
    assert response.status_code == 302
    village = Village.objects.get(unit=unit_a)
    # Duplicate name: bound form with the message.
    response = client_a.post(add, {"name": "thôn bó lù", "kind": "thon"})
    assert response.status_code == 200
    assert "đã có thôn" in response.content.decode()
    assert 'value="thôn bó lù"' in response.content.decode()

    edit = reverse("unit_admin:village_edit", args=[village.pk])
    response = client_a.post(edit, {"name": "Thôn Bó Lù 2", "kind": "ban", "households": "80"})
    assert response.status_code == 302
    village.refresh_from_db()
    assert (village.name, village.kind, village.households) == ("Thôn Bó Lù 2", "ban", 80)

    delete = reverse("unit_admin:village_delete", args=[village.pk])
    assert "Thôn Bó Lù 2" in client_a.get(delete).content.decode()
    assert client_a.post(delete).status_code == 302
    assert not Village.objects.exists()
    assert AuditEntry.objects.filter(action__startswith="territory.village").count() == 3


def test_import_upload_lists_every_error_and_writes_nothing(client_a, unit_a):
    url = reverse("unit_admin:village_import", args=["99001"])
    data = csv_bytes([["ten", "so_ho"], ["Thôn A", "10"], ["", "5"], ["Thôn C", "abc"]])
    response = client_a.post(url, {"file": SimpleUploadedFile("thon.csv", data)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dòng 3" in body and "Dòng 4" in body
    assert "abc" in body
    assert not Village.objects.exists()


def test_import_upload_refuses_bad_extension_and_garbage(client_a):
    url = reverse("unit_admin:village_import", args=["99001"])
    response = client_a.post(url, {"file": SimpleUploadedFile("thon.pdf", b"%PDF-1.4")})
    assert response.status_code == 400
    assert ".xlsx hoặc .csv" in response.content.decode()
    response = client_a.post(url, {"file": SimpleUploadedFile("thon.xlsx", b"not a zip")})
    assert response.status_code == 400
    assert "Không đọc được tệp Excel" in response.content.decode()
    response = client_a.post(url, {})
    assert response.status_code == 400
    assert not Village.objects.exists()


def test_import_upload_good_xlsx(client_a, unit_a):
    url = reverse("unit_admin:village_import", args=["99001"])
    data = xlsx_bytes(
        [["Tên", "Loại", "Số hộ"], ["Thôn Nà Làng", "Thôn", 92], ["Bản Hon", "Bản", 85]]
    )
    response = client_a.post(url, {"file": SimpleUploadedFile("thon.xlsx", data)})
    assert response.status_code == 302
    assert set(Village.objects.values_list("name", "kind")) == {
        ("Thôn Nà Làng", "thon"),
        ("Bản Hon", "ban"),
    }


def test_my_units_lists_only_units_the_user_administers(client_a, client_b, unit_a, unit_b):
    body = client_a.get(reverse("unit_admin:my_units")).content.decode()
    assert "Xã Thử A" in body and "Xã Thử B" not in body
    body = client_b.get(reverse("unit_admin:my_units")).content.decode()
    assert "Xã Thử B" in body and "Xã Thử A" not in body


def test_pages_keep_their_paths_under_dia_ban(village_a):
    assert reverse("unit_admin:unit_edit", args=["99001"]) == "/dia-ban/xa/99001/sua/"
    assert reverse("unit_admin:village_add", args=["99001"]) == "/dia-ban/xa/99001/thon/them/"
    assert reverse("unit_admin:village_import", args=["99001"]) == "/dia-ban/xa/99001/thon/nhap/"
    assert reverse("unit_admin:village_edit", args=[7]) == "/dia-ban/thon/7/sua/"
    assert reverse("unit_admin:village_delete", args=[7]) == "/dia-ban/thon/7/xoa/"
    assert reverse("unit_admin:my_units") == "/dia-ban/quan-ly/"


def test_commune_page_offers_editing_to_its_administrators_only(
    client, client_a, client_b, village_a
):
    page = reverse("territory:unit", args=["99001"])
    edit = reverse("unit_admin:village_edit", args=[village_a.pk])
    mine = client_a.get(page).content.decode()
    assert reverse("unit_admin:unit_edit", args=["99001"]) in mine and edit in mine
    for other in (client_b, client):
        body = other.get(page).content.decode()
        assert "/sua/" not in body and 'data-testid="unit-admin"' not in body
        assert "Thôn Nà Pài" in body  # the public list itself is there


def test_territory_names_no_page_of_accounts():
    from pathlib import Path

    territory = Path(__file__).resolve().parents[2] / "territory"
    named = [
        p.name
        for p in territory.rglob("*")
        if p.suffix in (".py", ".html") and "tests" not in p.parts
        for text in [p.read_text()]
        if "unit_admin:" in text or "accounts:" in text or "danvan.accounts" in text
    ]
    assert named == []
