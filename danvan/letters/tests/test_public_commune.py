"""The letter form from a commune's page, old names in the commune field, an address written
with old units, fair limits with "try again at", and the public pages of letters."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.letters.forms import PublicForm
from danvan.letters.models import Letter, ReceptionSession
from danvan.territory.models import LegacyDistrict, LegacyProvince, LegacyUnit
from danvan.testing.factories import ProvinceFactory, UnitFactory

pytestmark = pytest.mark.django_db
SUBMIT = "/don-thu/gui/"


@pytest.fixture(autouse=True)
def _fast_form(settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    settings.DANVAN_HOME_PROVINCE = "19"


@pytest.fixture
def bac_kan(db):
    province = ProvinceFactory()
    unit = UnitFactory(code="01843", name="Phường Bắc Kạn", codename="phuong_bac_kan")
    old_province = LegacyProvince.objects.create(code="06", name="Tỉnh Bắc Kạn", codename="bac_kan")
    district = LegacyDistrict.objects.create(
        code="058", name="Thành phố Bắc Kạn", codename="thanh_pho_bac_kan", province=old_province
    )
    old = LegacyUnit.objects.create(
        code="01843",
        name="Phường Phùng Chí Kiên",
        kind="Phường",
        codename="phuong_phung_chi_kien",
        district=district,
        province=old_province,
    )
    old.successors.add(unit)
    assert unit.province == province
    return unit


def _token(n: int = 0) -> str:
    class Past(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - 10)

    return Past(salt=PublicForm.form_salt).sign(f"t{time.time_ns()}-{n}")


def _data(commune: str, n: int = 0, **overrides) -> dict:
    data = {
        "commune": commune,
        "kind": "reflection",
        "category": "roads",
        "name": "Bàn Văn Dân",
        "phone": "0987 000 111",
        "email": "",
        "address": "Tổ 5",
        "content": f"Đường tổ 5 bị sạt lở sau mưa lớn, xe máy không đi qua được (lần {n}).",
        "consent": "on",
        "website": "",
        "token": _token(n),
    }
    data.update(overrides)
    return data


def test_link_from_the_commune_page_chooses_the_commune(client, bac_kan):
    page = client.get(reverse("territory:unit", args=["01843"])).content.decode()
    assert 'href="/don-thu/gui/?unit=01843"' in page
    form = client.get(SUBMIT, {"unit": "01843"}).content.decode()
    assert 'value="Phường Bắc Kạn (01843)"' in form
    assert "Gửi đến UBND Phường Bắc Kạn." in form
    assert client.post(SUBMIT, _data("Phường Bắc Kạn (01843)")).status_code == 302
    assert Letter.objects.get().unit == bac_kan
    # A code that is no commune chooses nothing.
    assert "Gửi đến UBND" not in client.get(SUBMIT, {"unit": "00000"}).content.decode()
    assert client.get(SUBMIT, {"unit": "<b>"}).status_code == 200


@pytest.mark.parametrize("typed", ["phung chi kien", "Phùng Chí Kiên", "thanh pho bac kan"])
def test_old_name_in_the_commune_field(client, bac_kan, typed):
    assert client.post(SUBMIT, _data(typed)).status_code == 302
    assert Letter.objects.get().unit == bac_kan


def test_address_with_old_units_suggests_the_commune(client, bac_kan):
    answer = client.post(
        SUBMIT,
        _data(
            "Nông Thượng Xuân",
            address="Tổ 5, phường Phùng Chí Kiên, thành phố Bắc Kạn, tỉnh Bắc Kạn",
        ),
    )
    body = answer.content.decode()
    assert answer.status_code == 400 and not Letter.objects.exists()
    assert "nay thuộc Phường Bắc Kạn: nhập mã 01843 để chọn" in body
    # What the person typed is kept.
    assert 'value="Nông Thượng Xuân"' in body


def test_twenty_letters_an_hour_from_one_address(client, bac_kan, settings):
    settings.DANVAN_PUBLIC_SUBMIT_PHONE_LIMIT = 100
    c = Client(REMOTE_ADDR="203.0.113.7")
    codes = [
        c.post(SUBMIT, _data("01843", i, phone=f"0912 000 {i:03d}")).status_code for i in range(21)
    ]
    assert codes == [302] * 20 + [429]
    assert Letter.objects.count() == 20


def test_five_letters_a_day_per_phone_with_try_again_at(client, bac_kan):
    c = Client(REMOTE_ADDR="203.0.113.8")
    phones = ["0987 000 111", "0987.000.111", "+84987000111", "0987000111", "84 987 000 111"]
    for i, phone in enumerate(phones):
        assert c.post(SUBMIT, _data("01843", i, phone=phone)).status_code == 302
    refused = c.post(SUBMIT, _data("01843", 9))
    assert refused.status_code == 429
    assert Letter.objects.count() == 5
    body = refused.content.decode()
    expected = timezone.localtime(timezone.now() + timedelta(days=1))
    match = re.search(r"Vui lòng thử lại lúc (\d\d:\d\d)( \d\d/\d\d/\d{4})?\.", body)
    assert match, body[:2000]
    hour, minute = map(int, match.group(1).split(":"))
    got = expected.replace(hour=hour, minute=minute)
    assert abs((got - expected).total_seconds()) <= 120
    assert match.group(2).strip() == expected.strftime("%d/%m/%Y")
    assert 0 < int(refused["Retry-After"]) <= 86400
    # Another phone from the same address still gets through.
    assert c.post(SUBMIT, _data("01843", 10, phone="0912 345 678")).status_code == 302


def test_one_letter_per_filled_form(client, bac_kan):
    data = _data("01843")
    assert client.post(SUBMIT, data).status_code == 302
    assert client.post(SUBMIT, data).status_code == 302
    assert Letter.objects.count() == 1


def test_same_form_again_is_not_refused_by_the_phone_limit(client, bac_kan, settings):
    settings.DANVAN_PUBLIC_SUBMIT_PHONE_LIMIT = 1
    data = _data("01843")
    assert client.post(SUBMIT, data).status_code == 302
    assert client.post(SUBMIT, data).status_code == 302  # the same letter back
    assert client.post(SUBMIT, _data("01843", 2)).status_code == 429
    assert Letter.objects.count() == 1


def test_public_index_and_commune_section(client, bac_kan):
    index = client.get("/don-thu/cong-khai/")
    assert index.status_code == 200
    found = client.get("/don-thu/cong-khai/", {"xa": "phung chi kien"}).content.decode()
    assert 'href="/don-thu/cong-khai/lich-tiep-dan/01843/"' in found
    assert 'href="/don-thu/gui/?unit=01843"' in found
    assert "Phường Phùng Chí Kiên" in found
    today = timezone.localdate()
    ReceptionSession.objects.create(
        unit=bac_kan, date=today + timedelta(days=3), place="Hội trường"
    )
    ReceptionSession.objects.create(unit=bac_kan, date=date(today.year - 1, 1, 5))
    page = client.get(reverse("territory:unit", args=["01843"])).content.decode()
    section = page[page.index('data-section="letters"') :]
    assert (today + timedelta(days=3)).strftime("%d/%m/%Y") in section
    assert "Hội trường" in section
    assert date(today.year - 1, 1, 5).strftime("%d/%m/%Y") not in section
    assert 'href="/don-thu/cong-khai/thong-ke/01843/"' in section


def test_main_menu_has_tracking(client):
    body = client.get("/").content.decode()
    nav = body[body.index('class="wrap main-nav"') :]
    assert re.search(r'<a href="/tra-cuu/">Tra cứu</a>', nav)
