"""Bad input is answered in Vietnamese by default and in English when the person chose English.

Pages follow only the language switch (its cookie): a browser set to English still gets
Vietnamese. The API and Open311 follow Accept-Language (and the cookie) for their messages."""

from __future__ import annotations

import pytest
from django.test import Client

ENGLISH = [{"HTTP_ACCEPT_LANGUAGE": "en"}, {"cookie": "en"}]
# What a page needs to be in English: the switch's cookie, not the browser's header.
CHOSEN_ENGLISH = [{"cookie": "en"}, {"cookie": "en", "HTTP_ACCEPT_LANGUAGE": "vi"}]
BROWSER_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def _client(how: dict) -> tuple[Client, dict]:
    client = Client()
    headers = {k: v for k, v in how.items() if k != "cookie"}
    if "cookie" in how:
        client.cookies["django_language"] = how["cookie"]
    return client, headers


@pytest.mark.django_db
def test_tracking_form_message_follows_the_language():
    vi = Client().post("/tra-cuu/", {"code": "KN-99001-26-ABCD2345", "secret": ""})
    assert "Trường này là bắt buộc." in vi.content.decode()
    browser = Client().post(
        "/tra-cuu/", {"code": "KN-99001-26-ABCD2345", "secret": ""}, **BROWSER_ENGLISH
    )
    assert "Trường này là bắt buộc." in browser.content.decode()
    for how in CHOSEN_ENGLISH:
        client, headers = _client(how)
        en = client.post("/tra-cuu/", {"code": "KN-99001-26-ABCD2345", "secret": ""}, **headers)
        assert "This field is required." in en.content.decode()
        assert "Trường này là bắt buộc." not in en.content.decode()


@pytest.mark.django_db
def test_calculator_message_follows_the_language():
    query = {"rule": "letter.process", "start_date": "31/02/2026"}
    vi = Client().get("/thoi-han/", query).content.decode()
    assert "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy." in vi
    browser = Client().get("/thoi-han/", query, **BROWSER_ENGLISH).content.decode()
    assert "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy." in browser
    for how in CHOSEN_ENGLISH:
        client, headers = _client(how)
        en = client.get("/thoi-han/", query, **headers).content.decode()
        assert "Invalid date: use dd/mm/yyyy." in en


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,code,vi,en",
    [
        (
            "/api/v1/deadlines/calendar?year=abc",
            "invalid_input",
            "Dữ liệu gửi lên không hợp lệ.",
            "The data sent is not valid.",
        ),
        ("/api/v1/units/a/b", "not_found", "Không tìm thấy.", "Not found."),
        ("/api/v1/me", "unauthenticated", "Cần khóa API hợp lệ", "A valid API token"),
    ],
)
def test_api_message_follows_the_language(url, code, vi, en):
    answer = Client().get(url)
    assert answer.status_code in (401, 404, 422)
    assert answer.json()["code"] == code
    assert vi in answer.json()["message"]
    for how in ENGLISH:
        client, headers = _client(how)
        answer = client.get(url, **headers)
        assert answer.json()["code"] == code
        assert en in answer.json()["message"]


@pytest.mark.django_db
def test_api_field_errors_follow_the_language():
    vi = Client().get("/api/v1/deadlines/calendar?year=abc").json()
    assert vi["errors"] == [{"field": "year", "message": "Phải là một số nguyên."}]
    en = Client().get("/api/v1/deadlines/calendar?year=abc", HTTP_ACCEPT_LANGUAGE="en").json()
    assert en["errors"] == [{"field": "year", "message": "Must be a whole number."}]


@pytest.mark.django_db
def test_open311_error_follows_the_language():
    vi = Client().get("/open311/v2/requests.json", {"status": "maybe"})
    assert vi.status_code == 400
    assert "status chỉ nhận open hoặc closed." in vi.json()[0]["description"]
    en = Client().get("/open311/v2/requests.json", {"status": "maybe"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "open" in en.json()[0]["description"]
    assert "chỉ nhận" not in en.json()[0]["description"]


@pytest.mark.django_db
def test_page_stays_vietnamese_for_an_english_browser_until_the_switch():
    client = Client()
    home = client.get("/", **BROWSER_ENGLISH)
    assert '<html lang="vi">' in home.content.decode()
    assert "Chính quyền xã phục vụ Nhân dân" in home.content.decode()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, **BROWSER_ENGLISH)
    assert switched.status_code == 302
    # The choice is remembered for the next pages (the cookie), whatever the header says.
    again = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert '<html lang="en">' in again.content.decode()
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in client.get("/", **BROWSER_ENGLISH).content.decode()


@pytest.mark.django_db
def test_unknown_language_cookie_falls_back_to_vietnamese():
    client = Client()
    client.cookies["django_language"] = "xx"
    assert '<html lang="vi">' in client.get("/").content.decode()
