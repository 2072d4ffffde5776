"""The citizens' online form and public pages."""

from __future__ import annotations

import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.letters.forms import PublicForm
from danvan.letters.models import Letter
from danvan.testing.language import english

pytestmark = pytest.mark.django_db


def _real_png() -> bytes:
    # A real image: uploads are recognised by their whole content, not their first bytes.
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


PNG = _real_png()


@pytest.fixture(autouse=True)
def _fast_form(settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0


def _older(value: str, age: int) -> str:
    class Past(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - age)

    return Past(salt=PublicForm.form_salt).sign(value)


def _data(unit_code: str, **overrides) -> dict:
    data = {
        "commune": unit_code,
        "kind": "reflection",
        "category": "roads",
        "name": "Bàn Văn Dân",
        "phone": "0987 000 111",
        "email": "",
        "address": "Thôn Nà Pán",
        "content": "Đường liên thôn Nà Pán bị sạt lở sau mưa lớn, xe máy không đi qua được.",
        "consent": "on",
        "website": "",
        "token": _older("t" + str(time.time_ns()), 10),
    }
    data.update(overrides)
    return data


def test_form_shows_unticked_consent(citizen_client):
    html = citizen_client.get(reverse("letters:public_submit")).content.decode()
    assert (
        'name="consent"' in html and "checked" not in html.split('name="consent"')[1].split(">")[0]
    )
    assert 'name="website"' in html


def test_submit_good_then_done_page(citizen_client, unit_a):
    response = citizen_client.post(reverse("letters:public_submit"), _data(unit_a.code))
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.channel == "portal" and letter.case.applicant_name == "Bàn Văn Dân"
    done = citizen_client.get(response["Location"]).content.decode()
    assert letter.code in done and letter.case.secret in done and "/tra-cuu/" in done


def test_commune_by_name_and_ambiguous(citizen_client, unit_a, unit_b):
    assert (
        citizen_client.post(reverse("letters:public_submit"), _data("Xã Thử A")).status_code == 302
    )
    many = citizen_client.post(reverse("letters:public_submit"), _data("Thử"))
    assert many.status_code == 400 and "99002" in many.content.decode()
    none = citizen_client.post(reverse("letters:public_submit"), _data("Không Có Xã Này"))
    assert none.status_code == 400 and "Không tìm thấy" in none.content.decode()


def test_bad_input_rerendered(citizen_client, unit_a):
    response = citizen_client.post(
        reverse("letters:public_submit"),
        _data(unit_a.code, phone="abc", content="ngắn", consent=""),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ." in html and "Bàn Văn Dân" in html and "Cần đồng ý" in html
    assert not Letter.objects.exists()


def test_english_messages(citizen_client, unit_a):
    response = english(citizen_client).post(
        reverse("letters:public_submit"), _data(unit_a.code, phone="abc")
    )
    assert response.status_code == 400 and "Invalid phone number." in response.content.decode()


def test_honeypot_and_too_fast(settings, citizen_client, unit_a):
    trap = citizen_client.post(
        reverse("letters:public_submit"), _data(unit_a.code, website="http://spam")
    )
    assert trap.status_code == 200 and not Letter.objects.exists()
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 3
    fast = citizen_client.post(
        reverse("letters:public_submit"), _data(unit_a.code, token=_older("x", 0))
    )
    assert fast.status_code == 400 and not Letter.objects.exists()
    forged = citizen_client.post(
        reverse("letters:public_submit"), _data(unit_a.code, token="abc:def:ghi")
    )
    assert forged.status_code == 400


def test_rate_limit(settings, unit_a):
    settings.DANVAN_PUBLIC_SUBMIT_LIMIT = 2
    c = Client(REMOTE_ADDR="203.0.113.9")
    codes = [
        c.post(
            reverse("letters:public_submit"),
            _data(unit_a.code, content=f"Phản ánh thứ {i}: đèn đường hỏng ở thôn {i} lâu ngày."),
        ).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Letter.objects.count() == 2
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert other.post(reverse("letters:public_submit"), _data(unit_a.code)).status_code == 302


def test_attachments(citizen_client, unit_a):
    ok = citizen_client.post(
        reverse("letters:public_submit"),
        {**_data(unit_a.code), "attachments": [SimpleUploadedFile("anh.png", PNG, "image/png")]},
    )
    assert ok.status_code == 302
    assert Letter.objects.get().attachments.get().content_type == "image/png"
    fake = citizen_client.post(
        reverse("letters:public_submit"),
        {
            **_data(unit_a.code),
            "attachments": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", "application/pdf")],
        },
    )
    assert fake.status_code == 400 and "không phải PDF" in fake.content.decode()
    big = citizen_client.post(
        reverse("letters:public_submit"),
        {
            **_data(unit_a.code),
            "attachments": [
                SimpleUploadedFile("to.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024), "application/pdf")
            ],
        },
    )
    assert big.status_code == 400 and "5 MB" in big.content.decode()
    many = citizen_client.post(
        reverse("letters:public_submit"),
        {
            **_data(unit_a.code),
            "attachments": [SimpleUploadedFile(f"{i}.png", PNG, "image/png") for i in range(4)],
        },
    )
    assert many.status_code == 400 and Letter.objects.count() == 1


def test_double_submit_same_form(citizen_client, unit_a):
    data = _data(unit_a.code)
    first = citizen_client.post(reverse("letters:public_submit"), data)
    second = citizen_client.post(reverse("letters:public_submit"), data)
    assert first.status_code == second.status_code == 302
    assert Letter.objects.count() == 1


def test_public_statistics(citizen_client, unit_a, receive):
    receive(unit_a, "complaint", "Khiếu nại quyết định thu hồi đất thửa số 12 của gia đình tôi.")
    receive(
        unit_a,
        "reflection",
        "Đèn đường thôn Bản Mới hỏng đã lâu chưa sửa chữa.",
        name="Khác",
        phone="0911222333",
    )
    response = citizen_client.get(reverse("letters:public_stats", args=[unit_a.code]) + "?nam=2026")
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="total">2<' in html
    assert "Nguyễn Văn Dân" not in html and "0987000111" not in html
    assert citizen_client.get(reverse("letters:public_stats", args=["abc"])).status_code == 404


@pytest.mark.django_db
def test_a_png_named_pdf_is_refused(citizen_client, unit_a):
    from django.urls import reverse

    response = citizen_client.post(
        reverse("letters:public_submit"),
        {
            **_data(unit_a.code),
            "attachments": [SimpleUploadedFile("don.pdf", PNG, "application/pdf")],
        },
    )
    assert response.status_code in (200, 400)
    assert "không phải PDF, JPG hoặc PNG" in response.content.decode()
    assert not Letter.objects.exists()
