"""Timeline notes written in Vietnamese read in English when the person picked English."""

from __future__ import annotations

import pytest
from django.utils import translation

from danvan.core.notes import translate_note


def test_plain_note():
    assert translate_note("Đã nhận đơn.", "en") == "Letter received."
    assert translate_note("Đã nhận đơn.", "vi") == "Đã nhận đơn."


def test_note_with_values():
    note = "Tiếp nhận hồ sơ thủ tục Đăng ký khai sinh."
    assert translate_note(note, "en") == "Dossier received for procedure Đăng ký khai sinh."


def test_free_text_is_left_alone():
    assert translate_note("Ông A gọi lại lúc 9 giờ.", "en") == "Ông A gọi lại lúc 9 giờ."
    assert translate_note("", "en") == ""


def test_active_language_by_default():
    with translation.override("en"):
        assert translate_note("Đã nhận đơn.") == "Letter received."


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
