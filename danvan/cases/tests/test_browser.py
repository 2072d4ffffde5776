"""Public tracking and the case page in a real browser (no JavaScript needed)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from danvan.accounts.roles import Role
from danvan.cases.tests.conftest import open_case
from danvan.testing.browser import chromium_page
from danvan.testing.factories import PASSWORD, ProvinceFactory, UnitFactory, make_officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_tracks_a_case_with_the_slip(live_server):
    unit = UnitFactory(
        code="99001", name="Xã Thử A", codename="xa_thu_a", province=ProvinceFactory()
    )
    case = open_case(unit)
    with chromium_page() as page:
        page.goto(live_server.url + "/ho-so-viec/tra-cuu/")
        page.get_by_label("Mã tra cứu").fill(case.code)
        page.get_by_label("Mã bí mật").fill("abcd2345")  # typed in lower case from the slip
        page.get_by_role("button", name="Tra cứu").click()
        page.wait_for_load_state()
        text = page.locator("main").inner_text()
        assert "16/03/2026" in text and "Xã Thử A" in text
        assert "Nguyễn Thị Hoa" not in page.content()


def test_officer_pauses_a_case_from_its_page(live_server):
    unit = UnitFactory(
        code="99001", name="Xã Thử A", codename="xa_thu_a", province=ProvinceFactory()
    )
    make_officer("alice", unit=unit, roles=[Role.ONE_STOP, Role.SPECIALIST, Role.LEADER])
    case = open_case(unit)
    with chromium_page() as page:
        page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/ho-so-viec/")
        page.locator("input[name=username]").fill("alice")
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
        page.goto(live_server.url + f"/ho-so-viec/{case.code}/")
        page.get_by_text("Tạm dừng, chờ người dân bổ sung").click()
        page.get_by_label("Lý do tạm dừng (hiển thị cho người dân)").fill("Thiếu bản sao sổ đỏ")
        page.locator("form[action$='/pause/'] button[type=submit]").click()
        page.wait_for_load_state()
        assert "Chờ người dân bổ sung" in page.locator("main").inner_text()
        page.goto(live_server.url + "/ho-so-viec/")
        assert case.code in page.locator("main").inner_text()
    assert get_user_model().objects.filter(username="alice").exists()
