"""Timeline notes written in Vietnamese read in English when the person picked English."""

from __future__ import annotations

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
