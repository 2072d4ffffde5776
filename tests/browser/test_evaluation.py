"""The evaluation in a real browser: a province viewer reads the ranking and a chart; a
citizen reads a commune's scorecard on its public page."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.evaluation.services import refresh
from danvan.evaluation.tests import conftest as fixtures
from danvan.testing.browser import chromium_page
from danvan.testing.factories import PASSWORD

# The evaluation's hand-worked fixture (its registered test indicators and three communes).
test_indicators = fixtures.test_indicators
active = fixtures.active
unit_c = fixtures.unit_c

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("test_indicators", "active")
def test_province_viewer_reads_ranking_and_chart(live_server, province_viewer):
    refresh(periods=[date(2026, 9, 1), date(2026, 10, 1)])
    with chromium_page() as page:
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/danh-gia/")
        page.fill("input[name=username]", province_viewer.username)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        page.wait_for_url("**/danh-gia/**")
        ranking = page.locator("table").first
        first_row = ranking.locator("tbody tr").first
        assert "Xã Thử B" in first_row.inner_text()
        assert "49,5" in first_row.inner_text() or "49.5" in first_row.inner_text()
        # The rank interval chart is an SVG image with its name, drawn without JavaScript.
        chart = page.get_by_role("img", name="Thứ hạng và khoảng thứ hạng các xã, tháng 10/2026")
        assert chart.is_visible()
        assert chart.locator("text").count() > 0
        assert "Xã Thử C" in page.locator("table").first.inner_text()
        assert "không xếp hạng" in page.locator("table").first.inner_text()
        page.screenshot(path="/tmp/evaluation_overview.png", full_page=True)


@pytest.mark.usefixtures("test_indicators", "active")
def test_citizen_reads_scorecard(live_server):
    refresh(periods=[date(2026, 9, 1), date(2026, 10, 1)])
    with chromium_page() as page:
        page.goto(f"{live_server.url}/dia-ban/xa/99001/")
        card = page.get_by_test_id("scorecard")
        assert card.get_by_role("heading").inner_text() == (
            "Kết quả đánh giá công tác dân vận chính quyền"
        )
        text = card.inner_text()
        assert "40,5/60" in text or "40.5/60" in text
        assert "chưa có dữ liệu" in text
        # Two months of totals: the trend chart is drawn.
        assert card.get_by_role("img").count() == 1
