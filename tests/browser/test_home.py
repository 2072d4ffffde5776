"""The public home page in a real browser: commune search and the language switch."""

from __future__ import annotations

import pytest

from danvan.testing.browser import chromium_page
from danvan.testing.factories import ProvinceFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_search_and_language_switch(live_server):
    province = ProvinceFactory()
    UnitFactory(code="01843", name="Phường Bắc Kạn", codename="phuong_bac_kan", province=province)
    UnitFactory(code="01849", name="Xã Phong Quang", codename="xa_phong_quang", province=province)

    with chromium_page() as page:
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Chính quyền xã phục vụ Nhân dân"
        )

        # A citizen without a Vietnamese keyboard types the name without diacritics.
        page.get_by_label("Tên hoặc mã xã, phường").fill("bac kan")
        page.get_by_role("button", name="Tìm", exact=True).click()
        results = page.locator(".commune-results li")
        assert results.count() == 1
        assert "Phường Bắc Kạn" in results.first.inner_text()
        assert "Xã Phong Quang" not in page.content()

        # Keyboard users reach the main content through the skip link first.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"

        page.select_option("#lang-select", "en")
        page.get_by_test_id("lang-submit").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("heading", level=1).inner_text() == (
            "The commune government serving its people"
        )
        # The search survives the switch: the page keeps the query and its results.
        assert page.get_by_label("Commune or ward name or code").input_value() == "bac kan"
        assert "Phường Bắc Kạn" in page.locator(".commune-results").inner_text()

        page.get_by_role("link", name="Phường Bắc Kạn").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Phường Bắc Kạn"
