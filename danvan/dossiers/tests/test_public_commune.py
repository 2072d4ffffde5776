"""A commune's own procedures: the per-commune catalogue, the public index of the one-stop
shop and the section on the commune's page."""

from __future__ import annotations

import pytest

from danvan.dossiers.models import Procedure, ProcedureLevel, UnitProcedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(procedure, unit_a, unit_b):
    off = Procedure.objects.create(
        code="1.000001", name="Chứng thực bản sao", field="Chứng thực", processing_days=1
    )
    added = Procedure.objects.create(
        code="2.000002",
        name="Cấp giấy phép xây dựng",
        field="Xây dựng",
        processing_days=15,
        level=ProcedureLevel.PROVINCE,
    )
    UnitProcedure.objects.create(unit=unit_a, procedure=off, enabled=False)
    UnitProcedure.objects.create(unit=unit_a, procedure=added, enabled=True)
    return procedure, off, added


def test_commune_procedures(client, unit_a, unit_b, catalogue, django_assert_max_num_queries):
    birth, off, added = catalogue
    with django_assert_max_num_queries(8):
        page = client.get("/mot-cua/cong-khai/thu-tuc/", {"xa": unit_a.code})
    body = page.content.decode()
    assert page.status_code == 200
    assert f"Thủ tục hành chính tại {unit_a.name}" in body
    assert birth.name in body and added.name in body and off.name not in body
    other = client.get("/mot-cua/cong-khai/thu-tuc/", {"xa": unit_b.code}).content.decode()
    assert birth.name in other and off.name in other and added.name not in other
    # The search keeps the commune.
    searched = client.get("/mot-cua/cong-khai/thu-tuc/", {"xa": unit_a.code, "q": "xây"})
    text = searched.content.decode()
    assert added.name in text and birth.name not in text
    assert f'name="xa" value="{unit_a.code}"' in text
    # The province-wide catalogue still lists every active procedure.
    everything = client.get("/mot-cua/cong-khai/thu-tuc/").content.decode()
    assert off.name in everything and added.name in everything


def test_unknown_commune_is_404(client, catalogue):
    answer = client.get("/mot-cua/cong-khai/thu-tuc/", {"xa": "00000"})
    assert answer.status_code == 404


def test_public_index(client, unit_a, catalogue):
    page = client.get("/mot-cua/cong-khai/")
    assert page.status_code == 200
    assert 'href="/mot-cua/cong-khai/thu-tuc/"' in page.content.decode()
    found = client.get("/mot-cua/cong-khai/", {"xa": "thu a"}).content.decode()
    assert f'href="/mot-cua/cong-khai/thu-tuc/?xa={unit_a.code}"' in found


def test_commune_page_links_its_procedures(client, unit_a, catalogue, officer_b):
    body = client.get(f"/dia-ban/xa/{unit_a.code}/").content.decode()
    section = body[body.index('data-section="dossiers"') :]
    assert "2 thủ tục được tiếp nhận" in section
    assert f'href="/mot-cua/cong-khai/thu-tuc/?xa={unit_a.code}"' in section
