"""Old names find new communes: pre-2025 commune and district names, addresses written with
the old units, and the visitor's province ranked first."""

from __future__ import annotations

import pytest

from danvan.territory.addresses import recognise_old_address
from danvan.territory.selectors import units_find
from danvan.territory.visitor import COOKIE

pytestmark = pytest.mark.django_db


def _names(matches):
    return [m.unit.name for m in matches]


@pytest.mark.parametrize("query", ["phung chi kien", "Phùng Chí Kiên", "xuat hoa", "Xuất Hóa"])
def test_old_commune_name_finds_the_new_ward(country, query):
    matches = units_find(query, province_code="19")
    assert _names(matches)[0] == "Phường Bắc Kạn"
    assert matches[0].unit.code == "01843"
    assert not matches[0].current
    assert any(strip in old.name for old in matches[0].old_names for strip in ("Phùng", "Xuất"))


def test_old_district_finds_the_units_that_took_its_communes(country):
    names = _names(units_find("huyen cho don", province_code="19"))
    assert "Xã Chợ Đồn" in names
    # Communes of the old Chợ Đồn district went into other new communes too.
    assert len(names) > 1


def test_visitor_province_ranks_first(country):
    thai_nguyen = units_find("song cau", province_code="19")
    assert thai_nguyen[0].unit.province.code == "19"
    assert {"Phường Bắc Kạn", "Xã Đồng Hỷ"} <= set(_names(thai_nguyen))
    dak_lak = units_find("song cau", province_code="66")
    assert dak_lak[0].unit.name == "Phường Sông Cầu"
    assert dak_lak[0].unit.province.code == "66" and dak_lak[0].current


def test_search_costs_three_queries(country, django_assert_num_queries):
    with django_assert_num_queries(3):
        matches = units_find("song cau", province_code="19")
        [old.district.name for m in matches for old in m.old_names]


def test_home_search_by_old_name_and_visitor_province(client, country):
    body = client.get("/", {"q": "phung chi kien"}).content.decode()
    assert 'href="/dia-ban/xa/01843/"' in body
    assert "Trước 1/7/2025:" in body and "Phường Phùng Chí Kiên" in body
    # A visitor who opened a Đắk Lắk ward gets that province first next time.
    page = client.get(
        "/dia-ban/xa/" + units_find("song cau", province_code="66")[0].unit.code + "/"
    )
    assert page.cookies[COOKIE].value == "66"
    body = client.get("/", {"q": "song cau"}).content.decode()
    first = body.index('<ul class="commune-results">')
    assert body.index("Phường Sông Cầu", first) < body.index("Phường Bắc Kạn", first)
    client.cookies[COOKIE] = "19"
    body = client.get("/", {"q": "song cau"}).content.decode()
    first = body.index('<ul class="commune-results">')
    assert body.index("Phường Bắc Kạn", first) < body.index("Phường Sông Cầu", first)


@pytest.mark.parametrize(
    "address,code",
    [
        ("Tổ 5, phường Phùng Chí Kiên, thành phố Bắc Kạn, tỉnh Bắc Kạn", "01843"),
        ("xã Xuất Hóa, TP Bắc Kạn, Bắc Kạn", "01843"),
        ("thôn Nà Pài, thị trấn Bằng Lũng, huyện Chợ Đồn, tỉnh Bắc Kạn", None),
    ],
)
def test_address_with_old_units_is_recognised(country, address, code):
    found = recognise_old_address(address, province_name="Tỉnh Thái Nguyên")
    assert found is not None
    if code:
        assert found.unit.code == code
    else:
        assert found.unit.name == "Xã Chợ Đồn"
    # The package's own codes (20777...) are never taken for ours: the join is on names.
    assert found.unit.province.code == "19"
    assert found.old_province.endswith("Bắc Kạn")
    assert "Thái Nguyên" in found.new_text


@pytest.mark.parametrize(
    "address",
    ["", "abc", "xóm 3, xã Phong Quang, tỉnh Thái Nguyên", "số 1 Hàng Bài, Hoàn Kiếm, Hà Nội"],
)
def test_new_or_unknown_addresses_are_not_taken_for_old_ones(country, address):
    assert recognise_old_address(address, province_name="Tỉnh Thái Nguyên") is None


def test_home_province_is_the_default(country, settings):
    settings.DANVAN_HOME_PROVINCE = "19"
    found = recognise_old_address("phường Phùng Chí Kiên, thành phố Bắc Kạn, tỉnh Bắc Kạn")
    assert found is not None and found.unit.code == "01843"


def test_numbers_grouped_in_each_language_never_in_urls(client, country):
    from danvan.testing.language import english

    body = client.get("/dia-ban/").content.decode()
    assert "3.321" in body and "3321" not in body.replace('"3321"', "")
    assert 'href="/dia-ban/tinh/19/"' in body
    body_en = english(client).get("/dia-ban/").content.decode()
    assert "3,321" in body_en and "3.321" not in body_en
