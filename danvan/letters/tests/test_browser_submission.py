"""A citizen sends a reflection online, gets a code and a secret, and follows it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page():
    if not Path(CHROMIUM).exists():
        if os.environ.get("DANVAN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and DANVAN_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(locale="vi-VN")
        try:
            yield page
        finally:
            browser.close()


def test_submit_and_track(browser_page, live_server, unit_a, settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    page = browser_page
    page.goto(f"{live_server.url}/don-thu/gui/")
    page.fill("#id_commune", unit_a.code)
    page.select_option("#id_category", "roads")
    page.fill("#id_name", "Bàn Văn Dân")
    page.fill("#id_phone", "0987000111")
    page.fill("#id_content", "Đường liên thôn Nà Pán bị sạt lở sau mưa lớn, xe máy không đi được.")
    page.check("#id_consent")
    page.click("button[type=submit]:has-text('Gửi')")
    page.wait_for_selector("[data-testid=code]")
    code = page.inner_text("[data-testid=code]").strip()
    secret = page.inner_text("[data-testid=secret]").strip()
    assert re.fullmatch(r"PA-99001-\d\d-[A-Z0-9]{8}", code) and len(secret) >= 6
    page.click("[data-testid=track-link]")
    page.wait_for_load_state()
    body = page.inner_text("body")
    assert code in body
    assert "Bàn Văn Dân" not in body and "0987000111" not in body
