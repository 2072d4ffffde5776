"""Control characters: cleaned at the boundary, and survived by every writer.

Rows stored before the boundary cleaned input (or written by a command) may hold anything,
so each writer of XLSX, DOCX, PDF and XML is given such a row: it must answer 200 with a
file its format's reader opens, and never put the row's personal data into the log.
"""

from __future__ import annotations

import io
import json
import logging
from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from danvan.cases.models import Case

HOSTILE_NAME = "Nguyễn\x01Văn\x0bHiểm\x1f\x7f\x85"
HOSTILE_TEXT = "Nội dung\x02 có ký tự điều khiển\x1b[31m và \x0c trang mới"


@pytest.fixture
def hostile(world, unit_a, officer_a):
    """The world's letter and dossier, and a register entry, carrying control characters
    written straight into the database (as rows from before the boundary would)."""
    from danvan.letters.services.reception import EntryInput, entry_record

    entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 10, 5),
            content="Tạm đặt nội dung đủ dài cho sổ tiếp dân.",
            kind="reflection",
            visitor_name="Tạm",
        ),
        actor=officer_a,
    )
    from danvan.letters.models import ReceptionEntry

    ReceptionEntry.objects.update(visitor_name=HOSTILE_NAME, content=HOSTILE_TEXT)
    Case.objects.update(applicant_name=HOSTILE_NAME, title=HOSTILE_TEXT)
    letter_code = world.real[("don-thu/don/", "code")][0]
    dossier_code = world.real[("mot-cua/ho-so/", "code")][0]
    return letter_code, dossier_code


def _no_personal_data_logged(caplog):
    for record in caplog.records:
        text = record.getMessage() + str(record.exc_info or "")
        assert "Hiểm" not in text and "điều khiển" not in text


@pytest.mark.django_db
def test_xlsx_writers_survive_stored_control_characters(hostile, client_a, caplog):
    from openpyxl import load_workbook

    caplog.set_level(logging.DEBUG)
    urls = [
        reverse("letters:register_export"),
        reverse("dossiers:book") + "?format=xlsx&start=01/01/2026&end=31/12/2026",
    ]
    for url in urls:
        response = client_a.get(url)
        assert response.status_code == 200, url
        workbook = load_workbook(io.BytesIO(response.content))
        cells = [str(c) for row in workbook.active.iter_rows(values_only=True) for c in row]
        assert any("NguyễnVănHiểm" in c for c in cells), url
    _no_personal_data_logged(caplog)


@pytest.mark.django_db
def test_docx_and_pdf_papers_survive_stored_control_characters(hostile, client_a, caplog):
    from docx import Document

    from danvan.letters import notices
    from danvan.letters.models import Decision, Letter

    caplog.set_level(logging.DEBUG)
    letter_code, dossier_code = hostile
    Letter.objects.update(decision=Decision.ACCEPTED, content=HOSTILE_TEXT)
    letter = Letter.objects.get(case__code=letter_code)
    keys = [key for key, _label in notices.available(letter)]
    assert keys
    urls = [
        reverse("dossiers:paper", args=[dossier_code, form, fmt])
        for form in ("01", "05")
        for fmt in ("docx", "pdf")
    ]
    urls += [reverse("letters:notice", args=[letter_code, keys[0], "docx"])]
    for url in urls:
        response = client_a.get(url)
        assert response.status_code in (200, 404), url
        if response.status_code == 404:
            continue  # a paper this dossier's stage does not offer
        if url.endswith(".docx"):
            text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
            assert "\x01" not in text
        else:
            assert response.content.startswith(b"%PDF")
    assert any(client_a.get(u).status_code == 200 for u in urls[:2])
    _no_personal_data_logged(caplog)


@pytest.mark.django_db
def test_open311_xml_stays_well_formed(hostile, world, citizen_client):
    from danvan.letters.models import Letter

    # The public feed lists reflections: make the world's letter one, with a hostile title.
    Letter.objects.update(kind="reflection", sender_protected=False, title=HOSTILE_TEXT)
    response = citizen_client.get("/open311/v2/requests.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # raises on a character XML cannot carry
    descriptions = [d.text or "" for d in root.iter("description")]
    assert any("ký tự điều khiển" in d for d in descriptions)


@pytest.mark.django_db
def test_control_characters_are_removed_at_the_boundary(client_a, unit_a):
    """A form post and an API JSON body lose their control characters before any view."""
    from django.test import RequestFactory

    from danvan.core.middleware import CleanInputMiddleware

    seen = {}

    def view(request):  # type: ignore[no-untyped-def]
        seen["post"] = request.POST.get("name")
        seen["get"] = request.GET.get("q")
        seen["body"] = request.body if request.content_type == "application/json" else b""
        from django.http import HttpResponse

        return HttpResponse("ok")

    middleware = CleanInputMiddleware(view)
    rf = RequestFactory()
    middleware(rf.post("/x/?q=a%01b", {"name": "Tên\x01\x1f\tcó tab\r\n"}))
    assert seen["post"] == "Tên\tcó tab\r\n"
    assert seen["get"] == "ab"
    middleware(
        rf.post(
            "/api/v1/x",
            data=json.dumps({"content": "A\u0001B\u007f", "list": ["\u001bC"], "n": 1}),
            content_type="application/json",
        )
    )
    assert json.loads(seen["body"]) == {"content": "AB", "list": ["C"], "n": 1}


@pytest.mark.django_db
def test_an_open311_reflection_is_stored_without_control_characters(
    citizen_client, unit_a, officer_a
):
    """Through Open311 (form-encoded), end to end: the stored text has no control character."""
    from danvan.accounts.auth import api_token_create
    from danvan.letters.categories import CATEGORIES
    from danvan.letters.models import Letter

    _token, plain = api_token_create(user=officer_a, label="open311")
    response = citizen_client.post(
        "/open311/v2/requests.json",
        {
            "api_key": plain,
            "service_code": CATEGORIES[0].code,
            "jurisdiction_id": unit_a.code,
            "description": "Đèn đường\x01 hỏng\x1b ở thôn Nà Pán từ tuần trước.",
            "address_string": "Thôn\x02 Nà Pán",
            "first_name": "Lê\x02",
            "last_name": "Văn Bình",
        },
    )
    assert response.status_code in (200, 201), response.content
    letter = Letter.objects.get()
    assert letter.content.startswith("Đèn đường hỏng ở thôn Nà Pán")
    assert "\x02" not in letter.content and "\x02" not in letter.sender_name


@pytest.mark.django_db
def test_an_api_letter_is_stored_without_control_characters(citizen_client, unit_a, officer_a):
    """Through the JSON API, end to end: "\\u0001" escapes decode to control characters,
    which the boundary removes before the schema and the service see them."""
    from danvan.accounts.auth import api_token_create
    from danvan.letters.models import Letter

    _token, plain = api_token_create(user=officer_a, label="api")
    body = json.dumps(
        {
            "unit": unit_a.code,
            "kind": "reflection",
            "sender_name": "Lê\u0001 Văn\u001f Bình",
            "content": "Đèn đường\u0001 hỏng\u001b ở thôn Nà Pán từ tuần trước.",
        }
    )
    response = citizen_client.post(
        "/api/v1/letters",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plain}",
    )
    assert response.status_code == 201, response.content
    letter = Letter.objects.get()
    assert letter.content.startswith("Đèn đường hỏng ở thôn Nà Pán")
    assert letter.case.applicant_name in ("", "Lê Văn Bình")  # may be protected, never dirty
