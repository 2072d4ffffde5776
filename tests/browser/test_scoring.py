"""The yearly scoring in a real browser: the demo commune leader (``lanhdao.backan``)
fills the self-assessment pre-filled from the measurements, is told which item is wrong
without losing what was typed, and submits it."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.evaluation.tests.conftest import open_case
from danvan.evaluation.yearly import demo
from danvan.evaluation.yearly.models import Assessment, AssessmentStatus
from danvan.testing.browser import chromium_page
from danvan.testing.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_commune_leader_fills_the_self_assessment(live_server, province):
    from danvan.accounts.models import Membership

    unit = UnitFactory(code="01843", name="Phường Bắc Kạn", codename="bac_kan", province=province)
    leader = UserFactory(username="lanhdao.backan")
    leader.set_password(demo.DEMO_PASSWORD)
    leader.save()
    Membership.objects.create(user=leader, role=Role.LEADER, unit=unit)
    open_case(unit)
    demo.seed()
    year = timezone.localdate().year
    with chromium_page() as page:
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/?next=/danh-gia/cham-diem/")
        page.fill("input[name=username]", "lanhdao.backan")
        page.fill("input[name=password]", demo.DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        page.wait_for_url("**/cham-diem/lich-su/01843/")
        history = page.get_by_test_id("history")
        assert str(year - 1) in history.inner_text() and "Tốt" in history.inner_text()
        page.get_by_role("link", name=str(year), exact=True).click()
        page.wait_for_url(f"**/cham-diem/{year}/xa/01843/")
        # Every self-assessed item is there to fill; 1.1 has no measurement.
        page.get_by_label("Điểm tự chấm 1.1").fill("4,5")
        page.get_by_label("Giải trình 1.1").fill("Kế hoạch số 12/KH-UBND ngày 10/01")
        page.get_by_label("Điểm tự chấm 3.2").fill("7")  # above its 5 points
        page.get_by_role("button", name="Gửi kết quả tự đánh giá").click()
        errors = page.get_by_test_id("form-errors")
        assert "3.2" in errors.inner_text()
        assert page.get_by_label("Giải trình 1.1").input_value().startswith("Kế hoạch số 12")
        assert page.get_by_label("Điểm tự chấm 1.1").input_value() == "4,5"
        page.get_by_label("Điểm tự chấm 3.2").fill("5")
        for field in page.locator("input[name^=self-]").all():
            if not field.input_value():
                field.fill("3")
        page.get_by_role("button", name="Gửi kết quả tự đánh giá").click()
        page.wait_for_selector("text=Đã gửi kết quả tự đánh giá để tỉnh thẩm định.")
        assert "Đã gửi, chờ thẩm định" in page.get_by_test_id("assessment-status").inner_text()
        page.screenshot(path="/tmp/scoring_self_assessment.png", full_page=True)
    a = Assessment.objects.get(unit=unit, framework__year=year)
    assert a.status == AssessmentStatus.SUBMITTED
    line = a.lines.get(item__code="1.1")
    assert line.self_points == 4.5 and line.self_note.startswith("Kế hoạch số 12")
    assert a.appraisal_case.due_date == date(year + 1, 1, 15)
