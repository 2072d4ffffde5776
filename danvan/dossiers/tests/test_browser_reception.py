"""In a real browser: an officer signs in, receives a dossier, sees the slip; the citizen
follows the slip's tracking link and, once the result is ready, rates the service online."""

from __future__ import annotations

import os

import pytest

from danvan.dossiers.models import Dossier, Rating
from danvan.testing.browser import chromium_page
from danvan.testing.factories import PASSWORD

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
INDICATORS = (
    "time",
    "bodies",
    "visits",
    "publicity",
    "attitude",
    "fees",
    "complaints",
    "online",
    "other",
)


def test_reception_slip_tracking_rating(live_server, settings, officer_a, procedure):
    settings.SITE_ROOT = live_server.url
    with chromium_page() as page:
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/mot-cua/tiep-nhan/")
        page.fill("input[name=username]", officer_a.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form:has(input[name=username]) button[type=submit]")
        page.select_option("select[name=procedure]", "1.001193")
        page.click("main form button[type=submit]")
        page.fill("input[name=applicant_name]", "Nguyễn Văn Đức")
        page.fill("input[name=applicant_phone]", "0912345678")
        page.click("[data-testid=reception-form] button[type=submit]")
        code = page.text_content("[data-testid=dossier-code]").strip()
        secret = page.text_content("[data-testid=secret]").strip()
        dossier = Dossier.objects.get(case__code=code)
        assert dossier.case.applicant_name == "Nguyễn Văn Đức"
        # The slip (form 01) is a PDF.
        slip = page.request.get(
            live_server.url + page.get_attribute("[data-testid=paper-01-pdf]", "href")
        )
        assert slip.ok and slip.body().startswith(b"%PDF")
        tracking = page.get_attribute("[data-testid=tracking-link]", "href")
        assert tracking == f"{live_server.url}/tra-cuu/{code}/?secret={secret}"
        page.click("[data-testid=result-ready]")
        page.wait_for_selector("text=Có kết quả, chờ trả")

        citizen = page.context.browser.new_context(locale="vi-VN").new_page()
        response = citizen.goto(tracking)
        assert response.status == 200 and code in citizen.content()
        citizen.goto(f"{live_server.url}/mot-cua/cong-khai/danh-gia/{code}/?secret={secret}")
        for key in INDICATORS:
            citizen.check(f"input[name={key}][value='2']")
        citizen.fill("textarea[name=comment]", "Cán bộ hướng dẫn tận tình")
        citizen.click("[data-testid=rating-form] button[type=submit]")
        citizen.wait_for_selector("[data-testid=rating-thanks]")
    rating = Rating.objects.get(dossier=dossier)
    assert (
        rating.channel == "online"
        and rating.total == 18
        and rating.comment == "Cán bộ hướng dẫn tận tình"
    )
