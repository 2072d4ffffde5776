"""Open311 GeoReport v2, with the third-party ``georeport`` client against a live server."""

from __future__ import annotations

import pytest
import xmltodict
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.letters.models import Letter

pytestmark = pytest.mark.django_db


def _post(data: dict, fmt: str = "json"):
    return Client().post(f"/open311/v2/requests.{fmt}", data)


@pytest.fixture
def key(officer_a):
    return api_token_create(user=officer_a)[1]


def _request(key: str, **extra) -> dict:
    return {
        "api_key": key,
        "jurisdiction_id": "99001",
        "service_code": "lighting",
        "description": "Đèn đường trước nhà văn hóa thôn Nà Pán hỏng đã hai tuần.",
        "lat": "22.147",
        "long": "105.834",
        "first_name": "Dân",
        "last_name": "Bàn Văn",
        "phone": "0987000111",
        "email": "dan@example.vn",
        **extra,
    }


def test_post_creates_reflection(key, unit_a):
    response = _post(_request(key))
    assert response.status_code == 200
    [answer] = response.json()
    letter = Letter.objects.get()
    assert answer["service_request_id"] == letter.code and letter.kind == "reflection"
    assert letter.channel == "open311" and letter.category == "lighting"
    xml = _post(
        _request(
            key,
            description="Rác thải ở đầu thôn Bản Áng không được thu gom.",
            service_code="environment",
        ),
        "xml",
    )
    assert xmltodict.parse(xml.content)["service_requests"]["request"]["service_request_id"]


def test_post_errors(key, officer_b, unit_a, unit_b):
    cases = [
        ({"api_key": "dv_wrong"}, 403),
        ({"service_code": "unicorns"}, 400),
        ({"description": "ngắn"}, 400),
        ({"lat": "", "long": ""}, 400),
        ({"lat": "abc"}, 400),
        ({"lat": "123", "long": "500"}, 400),
        ({"jurisdiction_id": "00000"}, 404),
        ({"jurisdiction_id": ""}, 400),
        ({"api_key": api_token_create(user=officer_b)[1]}, 403),
    ]
    for extra, status in cases:
        response = _post(_request(key, **extra))
        assert response.status_code == status, extra
        body = response.json()
        assert body[0]["code"] == status and body[0]["description"]
    xml = _post(_request(key, service_code="x"), "xml")
    assert xmltodict.parse(xml.content)["errors"]["error"]["code"] == "400"
    assert not Letter.objects.exists()


def test_get_filters_and_no_personal_data(key, unit_a, receive):
    _post(_request(key))
    receive(unit_a, "reflection", "Ổ gà lớn trên đường liên thôn.", category="roads")
    receive(unit_a, "complaint", "Khiếu nại thu hồi đất thửa số 12.")
    c = Client()
    rows = c.get("/open311/v2/requests.json?jurisdiction_id=99001").json()
    assert len(rows) == 2  # reflections only
    text = c.get("/open311/v2/requests.json?jurisdiction_id=99001").content.decode()
    assert "0987000111" not in text and "Bàn Văn" not in text and "Nguyễn Văn Dân" not in text
    assert (
        len(c.get("/open311/v2/requests.json?jurisdiction_id=99001&service_code=roads").json()) == 1
    )
    assert len(c.get("/open311/v2/requests.json?jurisdiction_id=99001&status=closed").json()) == 0
    assert (
        len(
            c.get(
                "/open311/v2/requests.json?jurisdiction_id=99001&start_date=2099-01-01T00:00:00Z"
            ).json()
        )
        == 0
    )
    assert c.get("/open311/v2/requests.json?start_date=yesterday").status_code == 400
    assert c.get("/open311/v2/requests.json?status=maybe").status_code == 400
    assert c.get("/open311/v2/requests.json?jurisdiction_id=99999").status_code == 404
    assert c.get("/open311/v2/requests/NOPE.json").status_code == 404
    assert c.get("/open311/v2/requests.yaml").status_code == 404
    discovery = xmltodict.parse(c.get("/open311/v2/discovery.xml").content)
    assert discovery["discovery"]["endpoints"]


@pytest.mark.django_db(transaction=True)
def test_with_georeport_client(live_server, officer_a, unit_a):
    from georeport import GeoReport

    token = api_token_create(user=officer_a)[1]
    created = Client().post("/open311/v2/requests.json", _request(token)).json()[0]
    for fmt in ("json", "xml"):
        client = GeoReport(
            f"{live_server.url}/open311/v2/", jurisdiction="99001", output_format=fmt
        )
        services = client.get_service_list()
        assert {s["service_code"] for s in services} >= {
            "roads",
            "lighting",
            "environment",
            "water",
            "land",
            "public_order",
            "attitude",
            "other",
        }
        definition = client.get_service_definition("lighting")
        assert definition["service_code"] == "lighting"
        found = client.get_service_requests(service_code="lighting")
        found = found if isinstance(found, list) else [found]
        assert found[0]["service_request_id"] == created["service_request_id"]
        one = client.get_service_request(created["service_request_id"])
        assert one["status"] == "open" and one["service_code"] == "lighting"
        assert "0987000111" not in str(one)
