"""Secret links and files: tracking by code and secret is no oracle, attachments of online
letters are only reachable through the letter's access check, MEDIA is not served."""

from __future__ import annotations

import hmac
import re
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve

from danvan.core.models import AuditEntry
from danvan.letters.forms import PublicForm
from danvan.letters.models import Letter, LetterAttachment

from .conftest import login

pytestmark = pytest.mark.django_db


def _real_png() -> bytes:
    # Uploads are recognised by their whole content: a magic number alone is refused.
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


PNG = _real_png()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _normal(body: bytes, code: str) -> str:
    return CSRF.sub("CSRF", body.decode().replace(code, "CODE"))


def _unknown_like(code: str) -> str:
    # Same shape as a real code, pointing at nothing.
    return code[:-3] + ("999" if not code.endswith("999") else "998")


@pytest.mark.parametrize(
    "template",
    [
        "/tra-cuu/{code}/?secret={secret}",
        "/ho-so-viec/tra-cuu/{code}/?secret={secret}",
        "/api/v1/track/{code}?secret={secret}",
        "/api/v1/track/{code}",
        "/mot-cua/cong-khai/danh-gia/{code}/?secret={secret}",
    ],
)
def test_wrong_secret_answers_like_unknown_code(world, citizen_client, template):
    for case in (world.complaint.case, world.dossier.case, world.denunciation.case):
        unknown = _unknown_like(case.code)
        wrong = "Z" * len(case.secret) if case.secret != "Z" * len(case.secret) else "Y" * 8
        a = citizen_client.get(template.format(code=case.code, secret=wrong))
        b = citizen_client.get(template.format(code=unknown, secret=wrong))
        assert a.status_code == b.status_code == 404, template
        assert _normal(a.content, case.code) == _normal(b.content, unknown), template
        right = citizen_client.get(template.format(code=case.code, secret=case.secret))
        if "{secret}" in template and "danh-gia" not in template:
            assert right.status_code == 200  # the right secret does open it


def test_secret_compared_in_constant_time(world, citizen_client, monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    code = world.complaint.code
    citizen_client.get(f"/tra-cuu/{code}/?secret=WRONGSEC")
    citizen_client.get(f"/tra-cuu/{_unknown_like(code)}/?secret=WRONGSEC")
    citizen_client.get(f"/api/v1/track/{code}?secret=WRONGSEC")
    # each lookup (known code or not) went through the constant-time compare
    assert len(calls) == 3 and all(c[0] == b"WRONGSEC" for c in calls)


def _token() -> str:
    class Past(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - 10)

    return Past(salt=PublicForm.form_salt).sign("t" + str(time.time_ns()))


def _online(unit_code: str, **extra) -> dict:
    return {
        "commune": unit_code,
        "kind": "reflection",
        "category": "roads",
        "name": "Vi Thị Gửi Tệp",
        "phone": "0944555666",
        "email": "",
        "address": "Thôn Khuổi Kẹn",
        "content": "Cống thoát nước ở thôn Khuổi Kẹn bị tắc, nước tràn vào nhà dân.",
        "consent": "on",
        "website": "",
        "token": _token(),
        **extra,
    }


def test_attachment_only_through_the_access_check(unit_a, officer_a, officer_b, client):
    sent = client.post(
        "/don-thu/gui/",
        _online(
            unit_a.code,
            attachments=[SimpleUploadedFile("Vi Thi Gui Tep - CCCD.png", PNG, "image/png")],
        ),
    )
    assert sent.status_code == 302
    item = LetterAttachment.objects.get()
    # stored under a random name: the citizen's file name is not a guessable path
    assert "Vi Thi" not in item.file.name and item.file.name.endswith(".png")
    assert item.name == "Vi Thi Gui Tep - CCCD.png"
    # MEDIA is not routed (only under DEBUG, never in tests or production)
    with pytest.raises(Resolver404):
        resolve("/media/" + item.file.name)
    for who in (Client(), login(officer_b)):
        assert who.get("/media/" + item.file.name).status_code == 404
    code = Letter.objects.get().code
    url = f"/don-thu/don/{code}/tep/{item.pk}/"
    assert Client().get(url).status_code == 302  # to sign-in
    assert login(officer_b).get(url).status_code == 404
    ok = login(officer_a).get(url)
    assert ok.status_code == 200 and b"".join(ok.streaming_content) == PNG
    assert ok["Cache-Control"] == "no-store"
    assert login(officer_a).get(f"/don-thu/don/{code}/tep/{item.pk + 99}/").status_code == 404
    page = login(officer_a).get(f"/don-thu/don/{code}/").content.decode()
    assert url in page


def test_denunciation_attachment_hidden_from_clerk_and_audited(
    unit_a, officer_a, clerk_a, settings
):
    from danvan.letters.services.intake import IncomingFile, LetterInput, Sender, letter_receive

    letter = letter_receive(
        data=LetterInput(
            unit=unit_a,
            kind="denunciation",
            content="Tố cáo cán bộ thu tiền sai quy định, có ảnh chụp kèm theo.",
            channel="desk",
            sender=Sender(name="Nguyễn Văn Tố Giác", phone="0912345678"),
            files=[IncomingFile(SimpleUploadedFile("bien-lai.png", PNG, "image/png"), "image/png")],
        ),
        actor=officer_a,
    )
    item = letter.attachments.get()
    url = f"/don-thu/don/{letter.code}/tep/{item.pk}/"
    assert login(clerk_a).get(url).status_code == 404
    assert login(officer_a).get(url).status_code == 200
    assert AuditEntry.objects.filter(action="letters.attachment_read").count() == 1
