from __future__ import annotations

import pytest

from danvan.territory.models import Unit, Village

pytestmark = pytest.mark.django_db


def test_provinces(client, country, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/provinces")
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 34
    thai_nguyen = next(p for p in data if p["code"] == "19")
    assert thai_nguyen == {
        "code": "19",
        "name": "Tỉnh Thái Nguyên",
        "division_type": "tỉnh",
        "unit_count": 92,
    }


def test_province_units_with_filters(client, country):
    data = client.get("/api/v1/provinces/19/units").json()
    assert len(data) == 92
    assert set(data[0]) == {"code", "name", "kind", "is_remote", "population", "households"}
    data = client.get("/api/v1/provinces/19/units", {"kind": "phuong"}).json()
    assert {u["kind"] for u in data} == {"phuong"}
    assert "01843" in {u["code"] for u in data}
    data = client.get("/api/v1/provinces/19/units", {"q": "bach thong"}).json()
    assert [u["name"] for u in data] == ["Xã Bạch Thông"]


def test_province_units_bad_input(client, country):
    response = client.get("/api/v1/provinces/19/units", {"kind": "huyen"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    response = client.get("/api/v1/provinces/99/units")
    assert response.status_code == 404
    assert response.json()["code"] == "province_not_found"


def test_current_unit_with_predecessors(client, country):
    unit = Unit.objects.get(code="01843")
    Village.objects.create(unit=unit, name="Tổ dân phố 2")
    data = client.get("/api/v1/units/01843").json()
    assert data["era"] == "current"
    assert data["name"] == "Phường Bắc Kạn"
    assert data["kind"] == "phuong"
    assert data["province"] == {"code": "19", "name": "Tỉnh Thái Nguyên"}
    assert data["village_count"] == 1
    old = {p["code"]: p for p in data["predecessors"]}
    assert old["01843"] == {
        "code": "01843",
        "name": "Phường Phùng Chí Kiên",
        "district": {"code": "058", "name": "Thành Phố Bắc Kạn"},
        "province": {"code": "06", "name": "Tỉnh Bắc Kạn"},
    }
    assert len(old) == 4


def test_legacy_unit_with_successors(client, country):
    response = client.get("/api/v1/units/01843", {"era": "legacy"})
    assert response.status_code == 200
    data = response.json()
    assert data["era"] == "legacy"
    assert data["name"] == "Phường Phùng Chí Kiên"
    assert data["district"]["code"] == "058"
    assert data["province"] == {"code": "06", "name": "Tỉnh Bắc Kạn"}
    assert data["successors"] == [
        {
            "code": "01843",
            "name": "Phường Bắc Kạn",
            "province": {"code": "19", "name": "Tỉnh Thái Nguyên"},
        }
    ]


def test_unknown_unit_and_bad_era(client, unit_a):
    response = client.get("/api/v1/units/12345")
    assert response.status_code == 404
    assert response.json() == {
        "code": "unit_not_found",
        "message": "Không tìm thấy đơn vị hành chính mã 12345.",
    }
    # The cast unit exists today but not before 2025: the era matters.
    assert client.get("/api/v1/units/99001").status_code == 200
    assert client.get("/api/v1/units/99001", {"era": "legacy"}).status_code == 404
    response = client.get("/api/v1/units/99001", {"era": "2024"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
