"""A phone number searched for in the work queue never appears in a URL (access logs)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(unit_a, unit_b):
    recent = timezone.now() - timedelta(minutes=5)
    return (
        open_case(unit_a, applicant_name="Nguyễn Văn Dân", received_at=recent),
        open_case(unit_b, applicant_name="Trần Thị Bé", received_at=recent),
    )


def test_a_phone_search_posts_and_the_url_carries_only_a_token(client_a, client_b, cases):
    mine, theirs = cases
    response = client_a.post(reverse("cases:queue"), {"q": "0912 345 678", "tab": "unit"})
    assert response.status_code == 302
    location = response["Location"]
    assert "345" not in location and "0912" not in location and "s=" in location
    page = client_a.get(location).content.decode()
    assert mine.code in page and theirs.code not in page  # commune B's case stays hidden
    assert 'value="0912 345 678"' in page  # what was typed stays in the box
    # The token means nothing in another officer's session.
    other = client_b.get(location).content.decode()
    assert theirs.code in other and "0912 345 678" not in other


def test_a_name_or_code_search_stays_a_shareable_url(client_a, cases):
    mine, _theirs = cases
    response = client_a.post(reverse("cases:queue"), {"q": mine.code, "kind": "reflection"})
    assert "q=" in response["Location"] and "kind=reflection" in response["Location"]
    assert mine.code in client_a.get(response["Location"]).content.decode()


def test_the_queue_form_posts(client_a):
    html = client_a.get(reverse("cases:queue")).content.decode()
    assert '<form method="post" class="search-form"' in html
