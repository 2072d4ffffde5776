"""NUL bytes: PostgreSQL refuses them in text, so they must be refused before any lookup.

The walk finds these on PostgreSQL only; this file pins the refusal on both databases.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from danvan.testing.language import english


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/dia-ban/tinh/%00/", "/?q=%00", "/ho-so-viec/?q=a%00b"])
def test_a_page_with_a_nul_byte_is_a_400_in_the_ui_language(url, client_a):
    vi = client_a.get(url)
    assert vi.status_code == 400
    assert "Yêu cầu không hợp lệ" in vi.content.decode()
    en = english(client_a).get(url)
    assert en.status_code == 400
    assert "Yêu cầu không hợp lệ" not in en.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/units/%00", "/api/v1/procedures?unit=%00"])
def test_the_api_refuses_nul_in_path_and_query_with_json(url):
    answer = Client().get(url)
    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid_input"
    assert answer.json()["message"].startswith("Địa chỉ hoặc dữ liệu")


@pytest.mark.django_db
def test_the_api_refuses_nul_in_a_json_body(officer_a, unit_a):
    from danvan.accounts.auth import api_token_create

    token = api_token_create(user=officer_a, label="nul")[1]
    body = json.dumps(
        {"unit": unit_a.code, "kind": "reflection", "content": "Phản ánh có ký tự \x00 ẩn."}
    )
    assert "\\u0000" in body
    answer = Client().post(
        "/api/v1/letters",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_input"
    # An escaped backslash before "u0000" is ordinary text, not a NUL.
    text = '{"unit": "%s", "kind": "reflection", "content": "Đường dẫn C:\\\\u0000 ghi sai."}'
    ok = Client().post(
        "/api/v1/letters",
        text % unit_a.code,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert ok.status_code != 422, ok.content


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_refuses_nul_in_the_query_with_a_spec_error(fmt):
    answer = Client().get(f"/open311/v2/requests.{fmt}?jurisdiction_id=%00")
    assert answer.status_code == 400
    if fmt == "json":
        assert answer.json()[0]["code"] == 400
    else:
        assert b"<errors><error><code>400</code>" in answer.content


@pytest.mark.django_db
def test_a_form_field_with_a_nul_byte_is_refused(client_a):
    answer = client_a.post("/mot-cua/tiep-nhan/", {"procedure": "1.0\x00"})
    assert answer.status_code == 400
    assert "Yêu cầu không hợp lệ" in answer.content.decode()


@pytest.mark.django_db
def test_open311_post_with_a_nul_byte_is_a_spec_error():
    answer = Client().post("/open311/v2/requests.json", {"description": "Đường hỏng\x00"})
    assert answer.status_code == 400
    assert answer.json()[0]["code"] == 400
