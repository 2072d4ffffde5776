"""The tracking code as a citizen types or pastes it: in small letters (a phone keyboard),
with spaces around it, or carrying the invisible characters a chat app adds when a message
is copied (zero-width space, word joiner, byte-order mark). Each found the case; before, a
code typed in small letters was "not found" on the page, the API and the rating page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.cases.selectors import case_public_lookup

pytestmark = pytest.mark.django_db

SECRET = "ABCD2345"


def _typed(code: str) -> list[str]:
    return [
        code.lower(),
        f"  {code.lower()} ",
        f"\u200b{code}\u200b",
        code[:3] + "\u2060" + code[3:],
        "\ufeff" + code,
        code.replace("-", "-\u00a0", 1),
    ]


def test_the_lookup_finds_the_code_however_it_was_typed(case_a):
    for typed in _typed(case_a.code):
        assert case_public_lookup(typed, SECRET.lower()) == case_a, repr(typed)
    # Still no oracle: a wrong secret finds nothing, whatever the code's case.
    assert case_public_lookup(case_a.code.lower(), "WRONG234") is None
    assert case_public_lookup("", SECRET) is None
    assert case_public_lookup("\u200b", SECRET) is None


def test_the_page_and_the_api_find_a_code_typed_in_small_letters(client, case_a):
    code = case_a.code.lower()
    page = client.post(reverse("cases:track_form"), {"code": code, "secret": SECRET.lower()})
    assert page.status_code == 200 and "16/03/2026" in page.content.decode()
    link = client.get(f"/tra-cuu/{code}/", {"secret": SECRET})
    assert link.status_code == 200 and "16/03/2026" in link.content.decode()
    api = client.get(f"/api/v1/track/{code}", {"secret": SECRET})
    assert api.status_code == 200 and api.json()["code"] == case_a.code
