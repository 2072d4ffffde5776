"""The work queue tells the truth: each figure of the "my work" card is the number of rows
of the list its link opens, and an exact code finds its case whatever its status or
assignee (within the officer's communes)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.cases import services
from danvan.cases.models import CaseStatus
from danvan.testing.factories import make_officer

from .conftest import at, open_case

pytestmark = pytest.mark.django_db


def _rows(html: str) -> int:
    found = re.search(r"(\d+) việc\.", html)
    assert found, "the list says how many cases it holds"
    return int(found.group(1))


def _card(html: str, testid: str) -> tuple[int, str]:
    found = re.search(rf'data-testid="{testid}">(\d+)</span> <a href="([^"]+)"', html)
    assert found, testid
    return int(found.group(1)), found.group(2).replace("&amp;", "&")


def test_card_counts_equal_the_lists_they_link_to(client_a, unit_a, officer_a):
    # Overdue cases of the commune nobody gave to this officer do not count as theirs.
    for _ in range(3):
        open_case(unit_a)  # received March 2026: overdue by now
    mine_overdue = open_case(unit_a)
    services.case_assign(case=mine_overdue, actor=officer_a, assignee=officer_a)
    mine_fresh = open_case(unit_a, received_at=timezone.now())
    services.case_assign(case=mine_fresh, actor=officer_a, assignee=officer_a)
    home = client_a.get(reverse("portal:officer_home")).content.decode()
    figures = {}
    for testid in ("mine", "mine-week", "mine-overdue"):
        count, url = _card(home, testid)
        figures[testid] = count
        assert count == _rows(client_a.get(url).content.decode()), testid
    assert figures["mine"] == 2 and figures["mine-overdue"] == 1


def test_officer_handling_nothing_is_told_of_no_overdue_case(unit_a, officer_a, client):
    open_case(unit_a)
    idle = make_officer("nhan", unit=unit_a, roles=[Role.ONE_STOP])
    client.force_login(idle)
    home = client.get(reverse("portal:officer_home")).content.decode()
    assert _card(home, "mine-overdue")[0] == 0 and _card(home, "mine")[0] == 0


def test_exact_code_finds_the_case_whatever_its_status_or_assignee(
    client_a, unit_a, unit_b, officer_a, officer_b
):
    closed = open_case(unit_a, code="01843-261201-0001")
    services.case_close(case=closed, actor=officer_a, status=CaseStatus.RETURNED, at=at(2026, 3, 3))
    someone = make_officer("khac", unit=unit_a, roles=[Role.SPECIALIST])
    fresh = open_case(unit_a, code="01843-261204-0007", received_at=timezone.now())
    services.case_assign(case=fresh, actor=officer_a, assignee=someone)
    elsewhere = open_case(unit_b, code="02020-261204-0001", actor=officer_b)
    for case, params in (
        (closed, {}),
        (closed, {"tab": "mine", "quick": "overdue"}),
        (fresh, {"tab": "mine"}),
        (fresh, {"quick": "closed"}),
    ):
        # typed in the search form: posted, then the results' URL
        response = client_a.post(reverse("cases:queue"), {"q": case.code, **params}, follow=True)
        html = response.content.decode()
        assert reverse("cases:detail", args=[case.code]) in html, (case.code, params)
        assert _rows(html) == 1, (case.code, params)
        assert f"q={case.code}" in response.redirect_chain[-1][0]
    # another commune's case stays out of reach
    html = client_a.get(reverse("cases:queue"), {"q": elsewhere.code}).content.decode()
    detail = reverse("cases:detail", args=[elsewhere.code])
    assert detail not in html and _rows(html) == 0
