"""In a real browser on a phone's width (375 px): a village head signs in, opens the campaign
and records the session just held in the village; the reach table shows it."""

from __future__ import annotations

import os

import pytest

from danvan.accounts.roles import Role
from danvan.outreach.models import Session
from danvan.testing.browser import chromium_page
from danvan.testing.factories import PASSWORD, make_officer

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_session_from_a_phone(live_server, unit_a, campaign, villages):
    head = make_officer("truongban", unit=unit_a, roles=[Role.VILLAGE_HEAD])
    with chromium_page() as page:
        page.set_viewport_size({"width": 375, "height": 740})
        page.goto(
            f"{live_server.url}/tai-khoan/dang-nhap/?next=/tuyen-truyen/chien-dich/{campaign.pk}/"
        )
        page.fill("input[name=username]", head.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form:has(input[name=username]) button[type=submit]")
        page.click("[data-testid=session-new]")
        form = page.locator("[data-testid=session-form]")
        page.select_option("[data-testid=session-form] select[name=village]", str(villages[0].pk))
        page.fill("[data-testid=session-form] input[name=date]", "15/03/2026")
        page.select_option("[data-testid=session-form] select[name=channel]", "meeting")
        page.select_option("[data-testid=session-form] select[name=language]", "tay")
        page.fill("[data-testid=session-form] input[name=attendees]", "48")
        page.fill(
            "[data-testid=session-form] input[name=attendees_female]", "50"
        )  # a slip of the thumb
        page.fill("[data-testid=session-form] input[name=attendees_minority]", "40")
        form.locator("button[type=submit]").click()
        assert "Số nữ không được lớn hơn số người dự." in page.content()
        # What was typed is still there; only the wrong figure is corrected.
        assert page.input_value("[data-testid=session-form] input[name=attendees]") == "48"
        assert page.input_value("[data-testid=session-form] input[name=date]") == "15/03/2026"
        page.fill("[data-testid=session-form] input[name=attendees_female]", "20")
        page.fill("[data-testid=session-form] input[name=check_questions]", "4")
        page.fill("[data-testid=session-form] input[name=check_correct]", "3")
        page.locator("[data-testid=session-form] button[type=submit]").click()
        page.wait_for_selector("[data-testid=reach]")
        # Nothing overflows the phone's width but the tables' own scrolling boxes.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        row = page.locator("[data-testid=reach] tr", has_text="Bản Nà Pán").inner_text()
        assert "48" in row and "40%" in row  # 48 / 120
    session = Session.objects.get()
    assert (session.attendees, session.attendees_female, session.language) == (48, 20, "tay")
    assert session.comprehension_score == 75.0
    assert session.recorded_by_id == head.pk
