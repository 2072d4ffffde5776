"""In a real browser with JavaScript switched off: a resident comments on a consultation; a
household votes with its code and checks its receipt."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.democracy.models import Comment, Consultation, Vote
from danvan.democracy.services.households import format_code, household_codes_issue
from danvan.testing.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

from .conftest import add_households, open_decision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_without_js():
    require_chromium()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(locale="vi-VN", java_script_enabled=False)
            page = context.new_page()
            page.set_default_timeout(15000)
            yield page
        finally:
            browser.close()


def test_resident_comments_without_javascript(page_without_js, live_server, unit_a, settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    now = timezone.now()
    consultation = Consultation.objects.create(
        unit=unit_a,
        category="construction",
        title="Quy hoạch khu dân cư Nà Pán",
        summary="Dự thảo quy hoạch chi tiết khu dân cư.",
        opens=now - timedelta(days=1),
        closes=now + timedelta(days=20),
    )
    page = page_without_js
    page.goto(f"{live_server.url}/dan-chu/cong-dan/xa/{unit_a.code}/")
    page.get_by_role("link", name="Quy hoạch khu dân cư Nà Pán").click()
    page.get_by_label("Họ và tên").fill("Nông Văn Dân")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Ý kiến của bạn").fill("Đề nghị giữ lại đường vào khu ruộng.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert page.get_by_test_id("comment-sent").is_visible()
    comment = Comment.objects.get(consultation=consultation)
    assert comment.phone == "0912345678" and comment.source == "online"

    # The same phone again: refused, and what was typed is still there.
    page.get_by_label("Họ và tên").fill("Nông Văn Dân")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Ý kiến của bạn").fill("Ý kiến thứ hai.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert "đã góp ý" in page.content()
    assert page.get_by_label("Ý kiến của bạn").input_value() == "Ý kiến thứ hai."
    assert Comment.objects.count() == 1


def test_household_votes_and_checks_receipt(page_without_js, live_server, village_a, officer_a):
    add_households(village_a, 4)
    decision = open_decision(village_a, form="online", title="Chọn ngày tổ chức hội làng")
    (household, code), *_rest = household_codes_issue(actor=officer_a, village=village_a)
    page = page_without_js
    page.goto(f"{live_server.url}/dan-chu/cong-dan/bieu-quyet/")
    page.get_by_label("Mã bỏ phiếu của hộ").fill(format_code(code))
    page.get_by_role("button", name="Tiếp tục").click()
    assert "Chọn ngày tổ chức hội làng" in page.content()
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_role("button", name="Gửi biểu quyết").click()
    receipt = page.get_by_test_id("receipt-code").inner_text()
    assert page.get_by_test_id("receipt-choice").inner_text() == "Đồng ý"
    vote = Vote.objects.get(decision=decision, current=True)
    assert vote.receipt == receipt and vote.household_id == household.pk

    # Later, from anywhere: the receipt alone shows the household's choice.
    page.goto(f"{live_server.url}/dan-chu/cong-dan/bien-nhan/")
    page.get_by_label("Mã biên nhận").fill(receipt)
    page.get_by_role("button", name="Kiểm tra").click()
    assert page.get_by_test_id("receipt-choice").inner_text() == "Đồng ý"
    assert "Đang có hiệu lực" in page.content()
