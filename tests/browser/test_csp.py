"""The Content-Security-Policy holds on real pages in a real browser: the header is sent,
nothing the pages need is blocked, and an injected inline script does not run."""

from __future__ import annotations

import pytest

from danvan.testing.browser import chromium_page
from danvan.testing.factories import ProvinceFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_work_under_the_policy_and_inline_scripts_do_not_run(live_server):
    province = ProvinceFactory()
    UnitFactory(code="01843", name="Phường Bắc Kạn", codename="phuong_bac_kan", province=province)
    violations: list[str] = []
    with chromium_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        response = page.goto(live_server.url + "/")
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        # The stylesheet applied (a blocked one leaves the browser's default margins).
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != '"Times New Roman"'
        page.get_by_label("Tên hoặc mã xã, phường").fill("bac kan")
        page.get_by_role("button", name="Tìm", exact=True).click()
        assert "Phường Bắc Kạn" in page.locator(".commune-results").inner_text()
        for path in ("/tai-khoan/dang-nhap/", "/don-thu/gui/", "/thoi-han/", "/api/v1/docs"):
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
        assert page.locator(".swagger-ui .info").count() == 1  # the API docs rendered
        assert not violations, violations

        # What an XSS would inject: an inline script and an inline handler stay inert.
        page.goto(live_server.url + "/")
        page.evaluate(
            """() => {
                const s = document.createElement('script');
                s.textContent = 'window.__pwned = 1';
                document.body.appendChild(s);
                document.body.insertAdjacentHTML('beforeend',
                    '<img src="data:," onerror="window.__pwned2 = 1">');
            }"""
        )
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned === undefined && window.__pwned2 === undefined")
        assert violations  # and the browser says why
