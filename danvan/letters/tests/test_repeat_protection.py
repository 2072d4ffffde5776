"""A repeat is never linked across a denouncer's protection.

The same person (same name and phone) writing the same thing as a protected denunciation
and as an ordinary letter: linking the two as "repeat of" put, on the ordinary letter's
page, the person's name and phone beside the link to the denunciation (and, the other way
round, a link from the denunciation to a page naming its sender): anyone who can read the
ordinary letter learned who denounced. Both letters are processed on their own instead.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.letters.services.kinds import letter_correct_kind

from .conftest import DENOUNCER_NAME, DENOUNCER_PHONE, at

pytestmark = pytest.mark.django_db

CONTENT = (
    "Cán bộ địa chính thu tiền sai quy định khi cấp giấy chứng nhận quyền sử dụng đất "
    "cho các hộ ở thôn Nà Pán, đề nghị xã kiểm tra."
)


def _page(client, letter) -> str:
    return client.get(reverse("letters:detail", args=[letter.code])).content.decode()


def _receive(receive, unit, kind, day):
    return receive(unit, kind, CONTENT, name=DENOUNCER_NAME, phone=DENOUNCER_PHONE, when=at(day))


def test_an_ordinary_letter_is_not_linked_to_the_same_persons_denunciation(
    receive, unit_a, client_a
):
    denunciation = _receive(receive, unit_a, "denunciation", "27/01/2026")
    reflection = _receive(receive, unit_a, "reflection", "02/02/2026")
    assert reflection.duplicate_of_id is None and not reflection.is_repeat
    page = _page(client_a, reflection)
    assert DENOUNCER_NAME in page  # an ordinary letter shows its sender
    assert denunciation.code not in page


def test_a_denunciation_is_not_linked_to_the_same_persons_earlier_letter(receive, unit_a, client_a):
    petition = _receive(receive, unit_a, "petition", "27/01/2026")
    denunciation = _receive(receive, unit_a, "denunciation", "02/02/2026")
    assert denunciation.duplicate_of_id is None and not denunciation.is_repeat
    assert petition.code not in _page(client_a, denunciation)


def test_two_denunciations_of_the_same_person_are_still_linked(receive, unit_a, client_a):
    first = _receive(receive, unit_a, "denunciation", "27/01/2026")
    again = _receive(receive, unit_a, "denunciation", "02/02/2026")
    assert again.is_repeat and again.duplicate_of_id == first.pk
    page = _page(client_a, again)
    assert first.code in page and DENOUNCER_NAME not in page


def test_a_correction_into_a_denunciation_unlinks_the_ordinary_letters(
    receive, unit_a, client_a, officer_a
):
    first = _receive(receive, unit_a, "reflection", "27/01/2026")
    second = _receive(receive, unit_a, "reflection", "02/02/2026")
    third = _receive(receive, unit_a, "reflection", "03/02/2026")
    assert second.duplicate_of_id == first.pk and third.duplicate_of_id == second.pk
    # The second turns out to be a denunciation: its sender is protected from now on.
    letter_correct_kind(
        letter=second, actor=officer_a, kind="denunciation", reason="Phân loại nhầm"
    )
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.duplicate_of_id is None and not second.is_repeat
    assert third.duplicate_of_id is None and not third.is_repeat
    assert first.code not in _page(client_a, second)
    page = _page(client_a, third)
    assert DENOUNCER_NAME in page and second.code not in page
