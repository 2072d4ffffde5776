"""An officer's day in a real browser, at 375 px and on a desktop, signed in as the README's
demo officers of Phường Bắc Kạn (issue #12, "Done when"): a dossier received, handed on to
the specialist, its result recorded and returned with the receiver; a reflection and a
denunciation each handled from intake to answered and closed on their own page; the
commune's outbox showing the dossier's SMS."""

from __future__ import annotations

import os

import pytest
from cryptography.fernet import Fernet

from danvan.accounts.roles import Role
from danvan.cases.models import CaseStatus
from danvan.dossiers.models import Dossier, Procedure
from danvan.letters.models import Letter
from danvan.testing.browser import chromium_page
from danvan.testing.factories import PASSWORD, ProvinceFactory, UnitFactory, make_officer

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": {"width": 375, "height": 800}, "desktop": {"width": 1280, "height": 900}}


def sign_in(page, base: str, username: str, next_url: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=username]) button[type=submit]")
    page.wait_for_load_state()


def fits(page, selector: str, width: int) -> bool:  # type: ignore[no-untyped-def]
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1


@pytest.fixture
def bac_kan(db):  # type: ignore[no-untyped-def]
    unit = UnitFactory(
        code="01843", name="Phường Bắc Kạn", codename="phuong_bac_kan", province=ProvinceFactory()
    )
    Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        processing_days=3,
        fees="Miễn lệ phí",
        required_documents=["Tờ khai đăng ký khai sinh"],
        legal_basis="Luật Hộ tịch 2014",
        online="full",
    )
    people = {
        "motcua.backan": [Role.ONE_STOP],
        "chuyenvien.backan": [Role.SPECIALIST],
        "lanhdao.backan": [Role.LEADER],
        "mttq.backan": [Role.FRONT],
        "thanhtra.backan": [Role.INSPECTION_BOARD],
        "truongthon.backan": [Role.VILLAGE_HEAD],
    }
    return unit, {
        name: make_officer(name, unit=unit, roles=roles) for name, roles in people.items()
    }


@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_officers_day(live_server, settings, bac_kan, screen):
    settings.SITE_ROOT = live_server.url
    settings.DANVAN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    unit, people = bac_kan
    base, width = live_server.url, VIEWPORTS[screen]["width"]
    with chromium_page(viewport=VIEWPORTS[screen]) as page:
        # --- reception, at the one-stop desk
        sign_in(page, base, "motcua.backan", "/mot-cua/tiep-nhan/")
        page.select_option("select[name=procedure]", "1.001193")
        page.click("main form button[type=submit]")
        page.fill("input[name=applicant_name]", "Triệu Thu Phương")
        page.fill("input[name=applicant_phone]", "0947483055")
        page.click("[data-testid=reception-form] button[type=submit]")
        code = page.text_content("[data-testid=dossier-code]").strip()
        assert "Tiếp nhận" in page.text_content("[data-testid=case-path]")
        # --- hand on: only who may act, with role and workload
        choices = page.locator("select[name=to_user] option")
        offered = dict(
            zip(
                choices.evaluate_all("os => os.map(o => o.value)"),
                choices.all_text_contents(),
                strict=True,
            )
        )
        specialist = people["chuyenvien.backan"]
        label = offered[str(specialist.pk)]
        assert "Cán bộ chuyên môn" in label and "việc đang mở" in label
        assert str(people["lanhdao.backan"].pk) in offered
        for outsider in ("mttq.backan", "thanhtra.backan", "truongthon.backan"):
            assert str(people[outsider].pk) not in offered, outsider
        page.select_option("select[name=to_user]", str(specialist.pk))
        page.click("[data-testid=hand-on]")
        page.wait_for_selector("text=Đã cập nhật hồ sơ.")
        # --- result, by the specialist, whose own note is kept
        sign_in(page, base, "chuyenvien.backan", f"/mot-cua/ho-so/{code}/")
        page.fill("form:has([data-testid=result-ready]) input[name=note]", "Đã ký trích lục")
        page.click("[data-testid=result-ready]")
        page.wait_for_selector("text=Đã cập nhật hồ sơ.")
        assert "Đã ký trích lục" in page.text_content("ol.timeline")
        # --- return, at the desk, with the receiver recorded
        sign_in(page, base, "motcua.backan", f"/mot-cua/ho-so/{code}/")
        assert "Có kết quả, chờ trả" in page.text_content("[aria-current=step]")
        page.select_option("select[name=method]", "in_person")
        page.fill("input[name=receiver]", "Triệu Văn Nhận")
        page.click("[data-testid=return]")
        page.wait_for_selector("[data-testid=returned]")
        assert "Triệu Văn Nhận" in page.text_content("[data-testid=returned]")
        dossier = Dossier.objects.get(case__code=code)
        assert (dossier.returned_to, dossier.return_method) == ("Triệu Văn Nhận", "in_person")
        # --- the outbox shows the dossier's SMS
        page.goto(f"{base}/can-bo/")
        page.click("[data-testid=outbox-link]")
        rows = page.locator("[data-testid=outbox-row]", has_text=code)
        assert rows.count() >= 2
        assert "Báo đã tiếp nhận" in rows.all_text_contents()[-1] or any(
            "Báo đã tiếp nhận" in t for t in rows.all_text_contents()
        )
        assert any("Báo có kết quả" in t for t in rows.all_text_contents())
        assert fits(page, "[data-testid=outbox-row] td.priority", width)

        # --- a reflection, from intake to answered and closed on its page
        page.goto(f"{base}/don-thu/tiep-nhan/")
        page.select_option("select[name=kind]", "reflection")
        page.select_option("select[name=channel]", "desk")
        page.fill("input[name=sender_name]", "Dương Thị Sơn")
        page.fill("input[name=sender_phone]", "0944174012")
        page.fill(
            "textarea[name=content]", "Đường liên thôn đoạn qua Tổ 5 bị sạt lở, ô tô không đi được."
        )
        page.click("main form button[type=submit]")
        page.wait_for_selector("[data-testid=case-path]")
        reflection = page.url.rstrip("/").rsplit("/", 1)[-1]
        assert "xử lý đơn" in page.text_content("[aria-current=step]")
        page.select_option("#xu-ly select[name=decision]", "accepted")
        page.click("#xu-ly button[type=submit]")
        page.wait_for_selector("[data-testid=answer]")
        assert "Trả lời" in page.text_content("[aria-current=step]")
        page.fill("textarea[name=answer]", "Xã đã cho san gạt, thông xe từ ngày hôm nay.")
        page.click("[data-testid=answer]")
        page.wait_for_selector("[data-testid=nothing-now]")
        letter = Letter.objects.select_related("case").get(case__code=reflection)
        assert letter.case.status == CaseStatus.RESOLVED and letter.case.closed_at

        # --- a denunciation, by the leader, from intake to conclusion made public
        sign_in(page, base, "lanhdao.backan", "/don-thu/tiep-nhan/")
        page.select_option("select[name=kind]", "denunciation")
        page.select_option("select[name=channel]", "desk")
        page.fill("input[name=sender_name]", "Người Tố Cáo Thử")
        page.fill(
            "textarea[name=content]", "Tố cáo cán bộ địa chính thu tiền sai quy định khi cấp giấy."
        )
        page.click("main form button[type=submit]")
        page.wait_for_selector("[data-testid=case-path]")
        denunciation = page.url.rstrip("/").rsplit("/", 1)[-1]
        assert page.locator("#xu-ly select[name=ground]").count() == 0  # complaint grounds
        page.select_option("#xu-ly select[name=decision]", "accepted")
        page.click("#xu-ly button[type=submit]")
        page.wait_for_selector("text=Ghi kết luận")
        page.fill("textarea[name=summary]", "Nội dung tố cáo đúng một phần.")
        page.click("text=Ghi kết luận")
        page.wait_for_selector("text=Ghi công khai")
        assert "Công khai kết luận" in page.text_content("[aria-current=step]")
        page.fill("input[name=where]", "Niêm yết tại trụ sở UBND phường")
        page.click("text=Ghi công khai")
        page.wait_for_selector("[data-testid=nothing-now]")
        closed = Letter.objects.select_related("case", "denunciation").get(case__code=denunciation)
        assert closed.case.closed_at and closed.denunciation.published_at

        # --- the queue on this screen: due date and status in view, the menu folds on phones
        page.goto(f"{base}/ho-so-viec/?quick=closed")
        assert fits(page, "[data-testid=row-due]", width)
        assert fits(page, "[data-testid=row-status]", width)
        menu = page.locator("#main-menu")
        if screen == "phone":
            assert not menu.is_visible()
            page.click("[data-testid=menu-toggle]")
        assert menu.is_visible()
