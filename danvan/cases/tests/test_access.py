"""Who sees and does what: officers of another commune, province viewers, confidentiality."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.cases.models import CaseStatus
from danvan.cases.selectors import case_for_user, cases_for_user
from danvan.cases.tests.conftest import open_case
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db


def test_officer_b_gets_404_on_a_case_page_and_sees_none_of_a(client_b, case_a, case_b):
    response = client_b.get(reverse("cases:detail", args=[case_a.code]))
    assert response.status_code == 404
    queue = client_b.get(reverse("cases:queue"))
    assert queue.status_code == 200
    assert case_a.code not in queue.content.decode()
    assert case_b.code in queue.content.decode()


def test_officer_b_cannot_act_on_a_case(client_b, case_a):
    url = reverse("cases:act", args=[case_a.code, "close"])
    response = client_b.post(url, {"close-status": CaseStatus.RESOLVED})
    assert response.status_code == 404
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.RECEIVED


def test_anonymous_is_sent_to_login(client, case_a):
    for url in (reverse("cases:queue"), reverse("cases:detail", args=[case_a.code])):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
    response = client.post(reverse("cases:act", args=[case_a.code, "close"]), {})
    assert response.status_code == 302


def test_province_viewer_reads_but_cannot_act(client_viewer, case_a):
    page = client_viewer.get(reverse("cases:detail", args=[case_a.code]))
    assert page.status_code == 200
    assert "Thao tác" not in page.content.decode()
    queue = client_viewer.get(reverse("cases:queue"))
    assert case_a.code in queue.content.decode()
    response = client_viewer.post(
        reverse("cases:act", args=[case_a.code, "close"]), {"close-status": "resolved"}
    )
    assert response.status_code == 403
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.RECEIVED


def test_confidential_case_only_for_leaders_and_assignee(unit_a, officer_a):
    clerk = make_officer("dung", unit=unit_a, roles=[Role.SPECIALIST])
    handler = make_officer("em", unit=unit_a, roles=[Role.SPECIALIST])
    secret_case = open_case(
        unit_a,
        kind="denunciation",
        rule_id="denunciation.resolve",
        applicant_name="",
        assignee=handler,
    )
    assert secret_case in cases_for_user(officer_a)  # leader of A
    assert secret_case in cases_for_user(handler)  # assignee
    assert secret_case not in cases_for_user(clerk)
    with pytest.raises(Http404):
        case_for_user(clerk, secret_case.code)
    c = Client()
    c.force_login(clerk)
    assert c.get(reverse("cases:detail", args=[secret_case.code])).status_code == 404
    assert secret_case.code not in c.get(reverse("cases:queue")).content.decode()


def test_unknown_action_is_404(client_a, case_a):
    response = client_a.post(reverse("cases:act", args=[case_a.code, "delete"]), {})
    assert response.status_code == 404


def test_actions_need_post_and_csrf(officer_a, case_a):
    c = Client(enforce_csrf_checks=True)
    c.force_login(officer_a)
    url = reverse("cases:act", args=[case_a.code, "close"])
    assert c.get(url).status_code == 405
    assert c.post(url, {"close-status": "resolved"}).status_code == 403
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.RECEIVED
