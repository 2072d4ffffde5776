"""The demo accounts seeder."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from danvan.accounts import access, demo
from danvan.accounts.models import Membership
from danvan.core.registry import registries
from danvan.testing.factories import ProvinceFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_demo_accounts_idempotent():
    province = ProvinceFactory(code="19")
    bac_kan = UnitFactory(code="01843", name="Phường Bắc Kạn", province=province)
    cho_don = UnitFactory(code="02020", name="Xã Chợ Đồn", province=province)
    seeder = registries.demo_seeders.get("accounts")
    assert seeder.order == 20
    out = StringIO()
    seeder.seed(out)
    model = get_user_model()
    admin = model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("danvan-admin")
    leader = model.objects.get(username="lanhdao.backan")
    assert leader.check_password("danvan-demo")
    assert access.has_role(leader, bac_kan, "leader")
    assert access.has_role(model.objects.get(username="motcua.chodon"), cho_don, "one_stop")
    viewer = model.objects.get(username="tinh.thainguyen")
    assert set(access.units_for_user(viewer)) == {bac_kan, cho_don}
    table = out.getvalue()
    assert "| lanhdao.backan | danvan-demo | leader | Phường Bắc Kạn (01843) |" in table
    assert "| admin | danvan-admin | superuser | — |" in table
    users, memberships = model.objects.count(), Membership.objects.count()
    assert (users, memberships) == (12, 11)
    # The Party secretary and a Women's Union member of Phường Bắc Kạn.
    secretary = model.objects.get(username="bithu.backan")
    assert access.has_role(secretary, bac_kan, "party_secretary")
    assert not access.has_role(secretary, cho_don)
    women = model.objects.get(username="phunu.backan")
    assert access.organisations_for(women, bac_kan) == {"women"}
    assert access.organisations_for(women, cho_don) == set()
    assert access.organisations_for(model.objects.get(username="mttq.backan"), bac_kan) == {"front"}
    assert "| phunu.backan | danvan-demo | front (women) | Phường Bắc Kạn (01843) |" in table
    seeder.seed(StringIO())
    assert (model.objects.count(), Membership.objects.count()) == (users, memberships)
    assert demo.table() in table
