"""A citizen finds their commune by its old name and goes from it to its services, in a
browser set to English (pages stay Vietnamese), on a 375 px phone and on a desktop: home →
search "phung chi kien" → the commune's page → its procedures → the letter form with the
commune chosen → tracking → rating with the criteria explained."""

from __future__ import annotations

import pytest
from django.utils import timezone

from danvan.dossiers.models import Procedure, Rating
from danvan.dossiers.services import dossier_receive, dossier_result_ready
from danvan.letters.models import Letter
from danvan.territory.models import LegacyDistrict, LegacyProvince, LegacyUnit
from danvan.testing.browser import chromium_page
from danvan.testing.factories import ProvinceFactory, UnitFactory, make_officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _commune():
    ProvinceFactory()
    unit = UnitFactory(code="01843", name="Phường Bắc Kạn", codename="phuong_bac_kan")
    UnitFactory(code="01849", name="Xã Phong Quang", codename="xa_phong_quang")
    old_province = LegacyProvince.objects.create(code="06", name="Tỉnh Bắc Kạn", codename="bac_kan")
    district = LegacyDistrict.objects.create(
        code="058", name="Thành phố Bắc Kạn", codename="thanh_pho_bac_kan", province=old_province
    )
    LegacyUnit.objects.create(
        code="01843",
        name="Phường Phùng Chí Kiên",
        kind="Phường",
        codename="phuong_phung_chi_kien",
        district=district,
        province=old_province,
    ).successors.add(unit)
    procedure = Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        processing_days=3,
        online="none",
    )
    return unit, procedure


def _ready_dossier(unit, procedure):
    from danvan.accounts.roles import Role

    officer = make_officer("motcua", unit=unit, roles=[Role.ONE_STOP, Role.SPECIALIST])
    dossier = dossier_receive(
        unit=unit,
        procedure=procedure,
        actor=officer,
        applicant_name="Lường Thị Mai",
        applicant_phone="0912345678",
        received_at=timezone.now(),
    )
    return dossier_result_ready(dossier=dossier, actor=officer, at=timezone.now())


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "desktop"])
def test_citizen_from_old_name_to_rating(live_server, settings, viewport):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    unit, procedure = _commune()
    dossier = _ready_dossier(unit, procedure)

    with chromium_page(locale="en-US", viewport=viewport) as page:
        # A browser set to English still gets Vietnamese.
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "vi"
        assert (
            page.get_by_role("heading", level=1).inner_text() == "Chính quyền xã phục vụ Nhân dân"
        )
        if viewport is PHONE:
            # Nothing wider than the phone's screen.
            assert page.evaluate("document.documentElement.scrollWidth") <= 375

        # The pre-2025 name, typed without diacritics, finds today's ward.
        page.get_by_label("Tên hoặc mã xã, phường").fill("phung chi kien")
        page.get_by_role("button", name="Tìm", exact=True).click()
        results = page.locator(".commune-results li")
        assert results.count() == 1
        assert "Phường Phùng Chí Kiên" in results.first.inner_text()
        page.get_by_role("link", name="Phường Bắc Kạn").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Phường Bắc Kạn"

        # The commune's page leads to its procedures.
        page.locator("[data-section=dossiers]").get_by_role(
            "link", name="Xem thủ tục của xã, phường"
        ).click()
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Thủ tục hành chính tại Phường Bắc Kạn"
        )
        assert "Đăng ký khai sinh" in page.locator("table").inner_text()
        page.get_by_role("link", name="← Phường Bắc Kạn").click()

        # The letter form with the commune chosen.
        page.locator("[data-section=letters]").get_by_role(
            "link", name="Gửi phản ánh, kiến nghị đến xã, phường này"
        ).click()
        assert page.get_by_test_id("chosen-unit").inner_text() == "Gửi đến UBND Phường Bắc Kạn."
        assert page.get_by_label("Xã, phường nhận phản ánh").input_value() == (
            "Phường Bắc Kạn (01843)"
        )
        page.get_by_label("Họ và tên").fill("Hoàng Văn Dân")
        page.get_by_label("Số điện thoại").fill("0987 000 111")
        page.get_by_label("Nội dung").fill(
            "Đèn đường tổ 5 hỏng đã hai tuần, buổi tối đi lại rất nguy hiểm."
        )
        page.locator("input[name=consent]").check()
        page.get_by_test_id("public-form").get_by_role("button", name="Gửi").click()
        letter = Letter.objects.get()
        assert letter.unit == unit

        # Tracking the letter from the confirmation page.
        assert page.get_by_test_id("code").inner_text() == letter.code
        page.get_by_test_id("track-link").click()
        assert letter.code in page.content()
        assert page.locator("html").get_attribute("lang") == "vi"

        # Tracking the dossier with the slip's code and secret, then rating it.
        page.goto(live_server.url + "/tra-cuu/")
        page.locator("input[name=code]").fill(dossier.case.code)
        page.locator("input[name=secret]").fill(dossier.case.secret)
        page.locator("main form button[type=submit]").click()
        page.get_by_role("link", name="Đánh giá việc giải quyết hồ sơ").click()
        form = page.get_by_test_id("rating-form")
        text = form.inner_text()
        assert "2 điểm: Ngắn hơn thời gian quy định (trả kết quả sớm)" in text
        assert "0 điểm: Gây phiền hà, sách nhiễu" in text
        # The online criterion does not apply to a desk dossier: preselected skip.
        assert page.locator("input[name=online][value=na]").is_checked()
        for key in ("time", "bodies", "visits", "publicity", "attitude"):
            page.locator(f"input[name={key}][value='2']").check()
        page.locator("input[name=fees][value=na]").check()
        form.get_by_role("button", name="Gửi đánh giá").click()
        page.get_by_test_id("rating-thanks").wait_for()
    rating = Rating.objects.get()
    assert rating.total == 10 and set(rating.scores) == {
        "time",
        "bodies",
        "visits",
        "publicity",
        "attitude",
    }
