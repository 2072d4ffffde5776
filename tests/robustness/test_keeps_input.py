"""Never lose what the user typed: a public form with one wrong field shows the rest again."""

from __future__ import annotations

import re

import pytest
from django.test import Client


def _token(client: Client) -> str:
    page = client.get("/don-thu/gui/").content.decode()
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


@pytest.mark.django_db
def test_letter_submission_keeps_the_typed_values(unit_a, settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0  # the anti-bot delay is not under test here
    client = Client()
    typed = {
        "commune": unit_a.code,
        "kind": "reflection",
        "category": "roads",
        "name": "Nguyễn Thị Gõ Dấu",
        "phone": "0912345678",
        "email": "go.dau@example.vn",
        "address": "Thôn Nà Pán, xóm Đồi",
        "content": "ngắn",  # the one wrong field: too short
        "consent": "on",
        "website": "",
    }
    response = client.post("/don-thu/gui/", {**typed, "token": _token(client)})
    assert response.status_code == 400
    page = response.content.decode()
    for field in ("name", "phone", "email", "address", "commune"):
        assert f'value="{typed[field]}"' in page, field
    assert re.search(r">\s*ngắn</textarea>", page)  # even the wrong value stays, to be corrected
    assert re.search(r'value="reflection"[^>]*checked', page)
    assert re.search(r'<option value="roads"[^>]*selected', page)


@pytest.mark.django_db
def test_deadline_calculator_keeps_the_typed_values(unit_a):
    response = Client().get(
        "/thoi-han/",
        {
            "rule": "letter.process",
            "start_date": "31/02/2026",  # the one wrong field
            "start_time": "09:30",
            "unit": unit_a.code,
            "extensions": "1",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="31/02/2026"' in page
    assert 'value="09:30"' in page
    assert f'value="{unit_a.code}"' in page
    assert 'value="1"' in page
    assert re.search(r'<option value="letter.process"[^>]*selected', page)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tra-cuu/", "/ho-so-viec/tra-cuu/"])
def test_tracking_keeps_the_typed_code(url):
    response = Client().post(url, {"code": "KN-99001-26-ABCD2345", "secret": ""})
    assert response.status_code == 400
    assert 'value="KN-99001-26-ABCD2345"' in response.content.decode()
