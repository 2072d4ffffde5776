"""Rendered pages in English: the ambiguous words in the places that once showed the wrong
English (see docs/i18n.md and the catalogue checks in danvan/core/tests/test_translations.py).

Here, not in core's tests, because the pages belong to apps to core's right.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.urls import reverse

from danvan.core.localtime import LOCAL_TZ as VN
from danvan.testing.language import english


@pytest.fixture
def procedure(db):
    from danvan.dossiers.models import Procedure

    return Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        processing_days=3,
        fees="Miễn lệ phí",
        required_documents=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        legal_basis="Luật Hộ tịch 2014",
        online="full",
    )


@pytest.fixture
def dossier(officer_a, unit_a, procedure):
    from danvan.dossiers.services import dossier_receive

    return dossier_receive(
        unit=unit_a,
        procedure=procedure,
        actor=officer_a,
        applicant_name="Nguyễn Văn Đức",
        applicant_phone="0912345678",
        received_at=datetime(2026, 10, 5, 9, 0, tzinfo=VN),
    )


@pytest.mark.django_db
def test_case_page_timeline_says_received_and_buttons_say_assign(client_a, unit_a, officer_a):
    from danvan.cases.services import case_open

    case = case_open(
        unit=unit_a,
        kind="reflection",
        code="T-99001-000001",
        title="Đèn đường thôn 3 hỏng",
        rule_id="letter.process",
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=VN),
        actor=None,
        applicant_name="Nguyễn Thị Hoa",
        applicant_phone="0912345678",
        applicant_address="Thôn 3",
        secret="ABCD2345",
    )
    html = english(client_a).get(reverse("cases:detail", args=[case.code])).content.decode()
    # The timeline step is a past event, the action a verb.
    assert "<strong>Received</strong>" in html and "<strong>Receive</strong>" not in html
    assert "Processing steps" in html
    assert re.search(r"<summary>\s*Assign\s*</summary>", html)
    assert not re.search(r"<summary>\s*Assigned\s*</summary>", html)
    assert re.search(r"<summary>\s*Extend\s*</summary>", html)
    assert not re.search(r"<summary>\s*Extended\s*</summary>", html)


@pytest.mark.django_db
def test_reception_button_says_receive(client_a, procedure):
    html = english(client_a).get(reverse("dossiers:receive"), {"procedure": procedure.code})
    text = html.content.decode()
    assert html.status_code == 200
    assert re.search(r'<button type="submit" class="button">\s*Receive\s*</button>', text)


@pytest.mark.django_db
def test_dossier_page_action_and_timeline(client_a, dossier):
    text = (
        english(client_a).get(reverse("dossiers:detail", args=[dossier.case.code])).content.decode()
    )
    # The button asks for a supplement; the timeline records that one was asked for.
    assert re.search(r"<button[^>]*>\s*Request a supplement\s*</button>", text)
    assert "<strong>Received</strong>" in text or ">Received<" in text
    assert "<dt>Stage</dt>" in text
    home = english(client_a).get(reverse("dossiers:home")).content.decode()
    assert "<th>Received</th>" in home and "<th>Receive</th>" not in home


@pytest.mark.django_db
def test_deadline_rules_page_title_and_columns(client_a):
    text = english(client_a).get(reverse("deadlines:rules")).content.decode()
    assert re.search(r"<title>\s*Deadline rules", text)
    assert '<th scope="col">Deadline</th>' in text and '<th scope="col">Basis</th>' in text


@pytest.mark.django_db
def test_denunciation_page_extend_button_and_acceptance_date(client_a, officer_a, unit_a, settings):
    from cryptography.fernet import Fernet

    from danvan.letters.services.decisions import DecisionInput, letter_decide
    from danvan.letters.services.intake import LetterInput, Sender, letter_receive

    settings.DANVAN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    letter = letter_receive(
        data=LetterInput(
            unit=unit_a,
            kind="denunciation",
            content="Tố cáo cán bộ địa chính thu tiền sai quy định khi cấp giấy chứng nhận.",
            channel="desk",
            sender=Sender(name="Hoàng Thị Lan", phone="0912345678", address="Thôn Nà Pán"),
            received_at=datetime(2026, 1, 27, 9, 0, tzinfo=VN),
        ),
        actor=officer_a,
    )
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(decision="accepted", at=datetime(2026, 2, 2, 9, 0, tzinfo=VN)),
    )
    html = (
        english(client_a).get(reverse("letters:detail", args=[letter.case.code])).content.decode()
    )
    assert re.search(r'<button class="button" type="submit">\s*Extend\s*</button>', html)
    assert "<dt>Accepted for handling</dt>" in html
    assert "<dt>Number of extensions</dt>" in html


@pytest.mark.django_db
def test_tracking_page_timeline_in_english(client, unit_a):
    from django.utils import timezone

    from danvan.cases.services import case_open
    from danvan.testing.language import english

    case = case_open(
        unit=unit_a,
        kind="reflection",
        code="PA-99001-26-000001",
        title="Đèn đường",
        rule_id="letter.process",
        received_at=timezone.now(),
        actor=None,
        event_note="Đã nhận đơn.",
    )
    url = f"/tra-cuu/{case.code}/?secret={case.secret}"
    assert "Đã nhận đơn." in client.get(url).content.decode()
    body = english(client).get(url).content.decode()
    assert "Letter received." in body and "Đã nhận đơn." not in body

    # The tracking API follows the client's Accept-Language (a fresh client: no cookie).
    from django.test import Client

    client = Client()
    api = client.get(
        f"/api/v1/track/{case.code}", {"secret": case.secret}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert api.status_code == 200
    assert [s["note"] for s in api.json()["steps"]] == ["Letter received."]
    api_vi = client.get(
        f"/api/v1/track/{case.code}", {"secret": case.secret}, HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert [s["note"] for s in api_vi.json()["steps"]] == ["Đã nhận đơn."]


@pytest.mark.django_db
def test_indicator_units_read_in_english(client):
    # The catalogue wrote "16.0 giờ" (hours) on a page in English: the units of the
    # indicators that are not rates were Vietnamese words outside every catalogue.
    from django.test import Client

    from danvan.core.registry import registries

    vietnamese = Client().get(reverse("evaluation:catalogue")).content.decode()
    assert "16,0 giờ" in vietnamese
    page = english(client).get(reverse("evaluation:catalogue")).content.decode()
    assert "16.0 hours" in page and "16.0 giờ" not in page
    # Every unit that is not a rate has its English.
    for ind in registries.indicators:
        assert ind.is_rate or ind.unit_label_en, ind.key
        assert ind.unit_in(english=False) == ind.unit_label
