"""The public tracking page offers the online rating once, through the cases registry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.dossiers.services import dossier_rate, dossier_result_ready, dossier_return

from .conftest import vn
from .test_processing import SCORES

pytestmark = pytest.mark.django_db


def _track(client, case):  # type: ignore[no-untyped-def]
    response = client.get(reverse("cases:track", args=[case.code]), {"secret": case.secret})
    assert response.status_code == 200
    return response.content.decode()


def _rate_url(case) -> str:  # type: ignore[no-untyped-def]
    return f"{reverse('dossiers:public_rate', args=[case.code])}?secret={case.secret}"


def test_resolved_unrated_dossier_links_to_the_rating(client, receive, officer_a):
    dossier = dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 7, 9, 0))
    html = _track(client, dossier.case)
    assert _rate_url(dossier.case) in html
    assert "Đánh giá việc giải quyết hồ sơ" in html
    # The link leads to a rating form the citizen can use.
    page = client.get(_rate_url(dossier.case))
    assert page.status_code == 200 and page.context.get("form") is not None


def test_returned_dossier_still_links_until_rated(client, receive, officer_a):
    dossier = dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 7, 9, 0))
    dossier = dossier_return(dossier=dossier, actor=officer_a, at=vn(2026, 10, 8, 9, 0))
    assert _rate_url(dossier.case) in _track(client, dossier.case)
    dossier_rate(dossier=dossier, scores=SCORES, channel="online")
    html = _track(client, dossier.case)
    assert reverse("dossiers:public_rate", args=[dossier.case.code]) not in html


def test_dossier_in_progress_has_no_rating_link(client, receive):
    dossier = receive()
    html = _track(client, dossier.case)
    assert reverse("dossiers:public_rate", args=[dossier.case.code]) not in html


def test_wrong_secret_shows_no_link(client, receive, officer_a):
    dossier = dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 7, 9, 0))
    response = client.get(reverse("cases:track", args=[dossier.case.code]), {"secret": "ZZZZ9999"})
    assert response.status_code == 404
    assert "danh-gia" not in response.content.decode()
