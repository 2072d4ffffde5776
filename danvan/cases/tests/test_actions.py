"""A kind's app may hide generic actions of the case page for some of its cases."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse

from danvan.cases.kinds import kind_manifest, temporary_kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def hide_closing(case_a):
    def hidden(case):
        return ("close", "extend") if case.pk == case_a.pk else ()

    with temporary_kind(replace(kind_manifest(case_a.kind), hidden_actions=hidden)):
        yield


def test_hidden_actions_are_neither_shown_nor_accepted(client_a, case_a, hide_closing):
    html = client_a.get(reverse("cases:detail", args=[case_a.code])).content.decode()
    assert reverse("cases:act", args=[case_a.code, "close"]) not in html
    assert reverse("cases:act", args=[case_a.code, "extend"]) not in html
    assert reverse("cases:act", args=[case_a.code, "pause"]) in html
    response = client_a.post(
        reverse("cases:act", args=[case_a.code, "close"]), {"close-status": "resolved"}
    )
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert case_a.closed_at is None


def test_without_a_filter_everything_stays(client_a, case_a):
    html = client_a.get(reverse("cases:detail", args=[case_a.code])).content.decode()
    assert reverse("cases:act", args=[case_a.code, "close"]) in html
