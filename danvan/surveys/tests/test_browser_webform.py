"""In a real browser on a phone's width (375 px): a citizen opens a commune's survey link,
mistypes, is told why with what they typed still there, and sends the form once."""

from __future__ import annotations

import os

import pytest

from danvan.surveys.models import Submission
from danvan.surveys.services.forms import survey_set_flags
from danvan.testing.browser import chromium_page

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_fills_the_web_form_on_a_phone(
    live_server, settings, survey_a, officer_a, villages
):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    survey_set_flags(actor=officer_a, survey=survey_a, is_public=True)
    with chromium_page() as page:
        page.set_viewport_size({"width": 375, "height": 740})
        page.goto(f"{live_server.url}/khao-sat/tra-loi/{survey_a.code}/")
        page.click("[data-testid=survey-start] button[type=submit]")
        page.wait_for_selector("[data-testid=survey-page]")
        page.select_option("select[name=q__village]", "Bản Ba")
        page.check("input[name=q__sex][value=female]")
        page.check("input[name=q__age_group][value='30_49']")
        page.fill("input[name=q__household_size]", "40")  # a slip of the thumb
        page.check("input[name=q__satisfied][value=no]")
        page.click("[data-testid=survey-next]")
        assert "Từ 1 đến 29 người" in page.content()
        # What was typed is still there; the new question the answer opened is shown.
        assert page.input_value("input[name=q__household_size]") == "40"
        assert page.is_checked("input[name=q__sex][value=female]")
        assert page.locator("input[name=q__why_not]").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.fill("input[name=q__household_size]", "4")
        page.fill("input[name=q__why_not]", "Đường vào bản chưa sửa")
        page.click("[data-testid=survey-next]")
        page.wait_for_selector("button[value='add:members']")
        page.click("button[value='add:members']")
        page.fill("input[name=q__member_age__0]", "35")
        page.click("[data-testid=survey-next]")
        page.wait_for_selector("[data-testid=survey-submit]")
        page.click("[data-testid=survey-submit]")
        page.wait_for_selector("[data-testid=survey-done]")
        # Back and send again: still one submission.
        page.go_back()
        page.wait_for_load_state()
    submission = Submission.objects.get()
    assert submission.source == "public" and submission.village.name == "Bản Ba"
    assert submission.answers["why_not"] == "Đường vào bản chưa sửa"
    assert submission.answers["members"] == [{"member_age": 35}]
    assert submission.answers["size_twice"] == "8"
