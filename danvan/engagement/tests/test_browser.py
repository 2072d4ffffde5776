"""A citizen, with JavaScript off, reads a dialogue's commitments on the commune's page and
sends a question before the next dialogue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.engagement import services
from danvan.engagement.models import DialogueQuestion
from danvan.testing.browser import chromium_page

from .conftest import at, commit, d, schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_reads_commitments_and_sends_a_question(live_server, unit_a, officer_a, settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    held = schedule(unit_a, officer_a, at("10/03/2026", 8), title="Đối thoại năm 2026")
    held = services.dialogue_hold(
        dialogue=held, actor=officer_a, held_at=at("10/03/2026", 8), attendance=9, summary="x"
    )
    done = commit(held, officer_a, d("20/03/2026"), content="Nạo vét mương tổ 1")
    services.commitment_complete(
        commitment=done, actor=officer_a, result="Xong", at=at("18/03/2026")
    )
    commit(held, officer_a, d("25/03/2026"), content="Lắp đèn ngã ba chợ")
    upcoming = schedule(
        unit_a, officer_a, timezone.now() + timedelta(days=7), title="Đối thoại về chuyển đổi số"
    )

    with chromium_page() as page:
        page.goto(f"{live_server.url}/doi-thoai/cong-khai/{unit_a.code}/")
        table = page.get_by_test_id("commitments")
        rows = table.locator("tbody tr")
        assert rows.count() == 2
        first = rows.filter(has_text="Nạo vét mương tổ 1")
        assert "Đã thực hiện, đúng hạn" in first.inner_text()
        second = rows.filter(has_text="Lắp đèn ngã ba chợ")
        assert "Quá hạn, chưa thực hiện" in second.inner_text()
        assert "25/03/2026" in second.inner_text()

        page.get_by_role("link", name="Đối thoại về chuyển đổi số").click()
        page.get_by_label("Câu hỏi, ý kiến của bạn").fill(
            "Xin hỏi khi nào xã hỗ trợ người già nộp hồ sơ trực tuyến?"
        )
        page.get_by_label("Thôn, tổ dân phố (không bắt buộc)").fill("Tổ 4")
        page.get_by_role("button", name="Gửi câu hỏi").click()
        assert page.get_by_test_id("question-done").is_visible()
        page.get_by_role("link", name="Đối thoại về chuyển đổi số").click()
        assert (
            "Xin hỏi khi nào xã hỗ trợ người già" in page.get_by_test_id("questions").inner_text()
        )

    question = DialogueQuestion.objects.get()
    assert (question.dialogue_id, question.asker_area) == (upcoming.pk, "Tổ 4")


def test_question_form_works_without_javascript(live_server, unit_a, officer_a, settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    upcoming = schedule(unit_a, officer_a, timezone.now() + timedelta(days=7))
    with chromium_page() as page:
        context = page.context.browser.new_context(java_script_enabled=False, locale="vi-VN")
        page = context.new_page()
        page.goto(f"{live_server.url}/doi-thoai/cong-khai/{unit_a.code}/{upcoming.pk}/")
        page.fill("#id_content", "ngắn")
        page.fill("#id_area", "Tổ 9")
        page.click("button[type=submit]:has-text('Gửi câu hỏi')")
        # Refused with the reason, and what was typed is still there.
        assert "10" in page.inner_text(".field-error")
        assert page.input_value("#id_area") == "Tổ 9"
        page.fill("#id_content", "Một câu hỏi đủ dài về đường liên thôn.")
        page.click("button[type=submit]:has-text('Gửi câu hỏi')")
        assert page.get_by_test_id("question-done").is_visible()
    assert DialogueQuestion.objects.filter(dialogue=upcoming).count() == 1
