"""The officers' home: only the cards an officer's roles call for, each from its ``render``."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.roles import Role
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db
HOME = "/can-bo/"


def test_a_working_officer_sees_the_work_cards(client_a):
    html = client_a.get(HOME).content.decode()
    assert 'data-testid="letters-card"' in html
    assert "việc tôi đang xử lý" in html


def test_a_village_head_sees_none_of_them(unit_a):
    user = make_officer("thon.truong", unit=unit_a, roles=[Role.VILLAGE_HEAD])
    client = Client()
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="letters-card"' not in html
    assert "việc tôi đang xử lý" not in html
    assert "Chưa có mục nào." in html
