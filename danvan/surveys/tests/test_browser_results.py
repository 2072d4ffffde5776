"""In a real browser on a phone's width (375 px): an officer reads a survey's results — each
select question a chart (an image with its name) beside its data table, nothing wider than
the screen."""

from __future__ import annotations

import os

import pytest

from danvan.surveys.results import services
from danvan.surveys.tests.test_estimates_service import _submit, _survey, _villages
from danvan.testing.browser import chromium_page
from danvan.testing.factories import PASSWORD

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_reads_results_on_a_phone(live_server, unit_a, officer_a):
    unit_a.population = 5000
    unit_a.save()
    survey = _survey(unit_a)
    _submit(survey, unit_a, _villages(unit_a, 4))
    services.estimates_compute(survey=survey, reps=30)
    with chromium_page() as page:
        page.set_viewport_size({"width": 375, "height": 740})
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/khao-sat/ket-qua/{survey.code}/")
        page.fill("input[name=username]", officer_a.username)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        page.wait_for_url("**/khao-sat/ket-qua/**")
        chart = page.get_by_role("img", name="satisfaction")
        assert chart.is_visible() and chart.locator("text").count() > 0
        table = page.get_by_test_id("question-satisfaction").locator("table")
        assert "20,0" in table.inner_text() and "40" in table.inner_text()
        assert page.get_by_role("img").count() == 2
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
