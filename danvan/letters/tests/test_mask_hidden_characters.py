"""A denouncer's name hidden from the letter however it was typed: with its diacritics as
separate marks ("Unicode tổ hợp" keyboards, text pasted from a phone or a Mac), broken by a
zero-width space, a soft hyphen or a direction mark. Before, any of these left the name in
clear in the stored letter, which every officer of the commune and the verifiers read."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse

from danvan.letters.services.identity import HIDDEN, Identity, mask

from .conftest import DENOUNCER_NAME, DENOUNCER_PHONE, raw_database

pytestmark = pytest.mark.django_db

NFD = unicodedata.normalize("NFD", DENOUNCER_NAME)
WRITTEN = {
    "decomposed": NFD,
    "zero-width space between words": "Hoàng\u200bThị Bí Mật",
    "zero-width space inside a word": "Hoà\u200bng Thị Bí Mật",
    "soft hyphen": "Hoàng Th\u00adị Bí Mật",
    "zero-width joiner": "Hoàng Thị\u200d Bí Mật",
    "direction marks": "\u202eHoàng Thị Bí Mật\u202c",
    "left-to-right mark": "Hoàng\u200e Thị Bí Mật",
}


def _clear(text: str) -> str:
    """``text`` as a reader sees it: composed, without the characters that show nothing."""
    text = unicodedata.normalize("NFC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


@pytest.mark.parametrize("how", sorted(WRITTEN))
def test_the_name_is_hidden_however_it_is_written(how):
    content = f"Tôi là {WRITTEN[how]}, tố cáo cán bộ địa chính thu tiền sai quy định."
    for name in (DENOUNCER_NAME, NFD):
        masked = mask(content, Identity(name=name))
        assert HIDDEN in masked, (how, name)
        assert "Hoàng" not in _clear(masked) and "Mật" not in _clear(masked), (how, name)
        # The rest of the letter is left as it was (composed).
        assert masked.endswith("tố cáo cán bộ địa chính thu tiền sai quy định.")


def test_an_address_typed_decomposed_is_hidden():
    address = "Thôn Khuổi Luông, xã Thử A"
    content = unicodedata.normalize("NFD", "Nhà tôi ở thôn Khuổi Luông, gần trường học.")
    masked = mask(content, Identity(name="Ai Đó", address=address))
    assert "Khuổi" not in _clear(masked) and HIDDEN in masked


def test_no_mark_is_left_hanging_on_the_hidden_name():
    masked = mask("Tôi là Lý Thị Bí", Identity(name=unicodedata.normalize("NFD", "Lý Thị Bí")))
    assert masked == f"Tôi là {HIDDEN}"


@pytest.mark.parametrize("how", ["decomposed", "zero-width space inside a word", "soft hyphen"])
def test_a_denunciation_taken_at_the_desk_keeps_no_name_in_clear(client_a, unit_a, how):
    content = f"Tôi là {WRITTEN[how]}, SĐT {DENOUNCER_PHONE}, tố cáo cán bộ thu tiền sai."
    response = client_a.post(
        reverse("letters:intake"),
        {
            "unit": unit_a.pk,
            "kind": "denunciation",
            "channel": "desk",
            "received_on": "2026-01-27",
            "sender_name": DENOUNCER_NAME,
            "sender_phone": DENOUNCER_PHONE,
            "content": content,
            "signers_count": "1",
            "category": "land",
        },
    )
    assert response.status_code == 302
    stored = {table: _clear(text) for table, text in raw_database().items()}
    assert {t for t, text in stored.items() if "Bí Mật" in text} == set()
    assert {t for t, text in stored.items() if DENOUNCER_PHONE in text} == set()
