"""The access contract other apps rely on."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from danvan.accounts import access
from danvan.accounts.roles import Role
from danvan.testing.factories import ProvinceFactory, UnitFactory, UserFactory, make_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_province_unit():
    other = ProvinceFactory(code="01", name="Thành phố Hà Nội", codename="ha_noi")
    return UnitFactory(code="00004", name="Phường Ba Đình", province=other)


def test_officer_reads_and_acts_in_own_unit_only(officer_a, unit_a, unit_b):
    assert set(access.units_for_user(officer_a)) == {unit_a}
    assert access.can_read_unit(officer_a, unit_a)
    assert not access.can_read_unit(officer_a, unit_b)
    assert access.has_role(officer_a, unit_a, Role.LEADER)
    assert access.has_role(officer_a, unit_a)
    assert not access.has_role(officer_a, unit_b, Role.LEADER)
    assert not access.has_role(officer_a, unit_a, Role.ADMIN)
    assert set(access.acting_units(officer_a, Role.ONE_STOP)) == {unit_a}
    assert not access.acting_units(officer_a, Role.FRONT).exists()
    assert access.roles_for(officer_a) == {"one_stop", "specialist", "leader"}


def test_officer_b_refused_a(officer_b, unit_a, unit_b):
    assert set(access.units_for_user(officer_b)) == {unit_b}
    with pytest.raises(PermissionDenied) as exc:
        access.require_role(officer_b, unit_a, Role.LEADER)
    assert "quyền" in str(exc.value)
    access.require_role(officer_b, unit_b, Role.LEADER)  # no exception


def test_province_viewer_reads_whole_province_and_acts_nowhere(
    province_viewer, unit_a, unit_b, other_province_unit
):
    assert set(access.units_for_user(province_viewer)) == {unit_a, unit_b}
    assert access.can_read_unit(province_viewer, unit_a)
    assert not access.can_read_unit(province_viewer, other_province_unit)
    assert not access.acting_units(province_viewer).exists()
    assert not access.acting_units(province_viewer, Role.PROVINCE_VIEWER).exists()
    assert not access.has_role(province_viewer, unit_a)
    assert not access.has_role(province_viewer, unit_a, Role.PROVINCE_VIEWER)
    assert access.roles_for(province_viewer) == {"province_viewer"}


def test_superuser_reads_everything(unit_a, unit_b, other_province_unit):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert set(access.units_for_user(root)) == {unit_a, unit_b, other_province_unit}
    assert access.can_read_unit(root, other_province_unit)
    assert access.has_role(root, unit_a, Role.ADMIN)
    assert not access.has_role(root, unit_a, Role.ONE_STOP)
    assert not access.has_role(root, unit_a)
    assert set(access.acting_units(root, Role.ADMIN)) == {unit_a, unit_b, other_province_unit}
    assert not access.acting_units(root, Role.LEADER).exists()
    assert "admin" in access.roles_for(root)


def test_anonymous_and_inactive_get_nothing(unit_a):
    anon = AnonymousUser()
    assert not access.units_for_user(anon).exists()
    assert access.roles_for(anon) == set()
    assert not access.can_read_unit(anon, unit_a)
    assert not access.has_role(anon, unit_a)
    gone = make_officer("gone", unit=unit_a, roles=[Role.LEADER])
    gone.is_active = False
    assert not access.units_for_user(gone).exists()
    assert not access.has_role(gone, unit_a, Role.LEADER)


def test_memberships_loaded_once_per_user_object(officer_a, unit_a, django_assert_num_queries):
    access.roles_for(officer_a)
    with django_assert_num_queries(0):
        access.roles_for(officer_a)
        access.has_role(officer_a, unit_a, Role.LEADER)
        access.can_read_unit(officer_a, unit_a)


def test_unit_ids_are_those_of_units_for_user_and_a_commune_officer_costs_no_query(
    unit_a, unit_b, other_province_unit, django_assert_num_queries
):
    from danvan.accounts.models import Membership

    two = make_officer("two_communes", unit=unit_b, roles=[Role.ONE_STOP])
    Membership.objects.create(user=two, unit=other_province_unit, role=Role.SPECIALIST)
    Membership.objects.create(user=two, unit=unit_a, role=Role.LEADER)
    viewer = make_officer("pv_ids", province=unit_a.province, roles=[Role.PROVINCE_VIEWER])
    admin = UserFactory(username="root_ids", is_superuser=True)
    for user in (two, viewer, admin):
        expected = list(access.units_for_user(user).values_list("pk", flat=True))
        assert access.unit_ids_for_user(user) == expected
    assert access.unit_ids_for_user(two) == [other_province_unit.pk, unit_a.pk, unit_b.pk]
    assert set(access.unit_ids_for_user(viewer)) == {unit_a.pk, unit_b.pk}
    assert access.unit_ids_for_user(AnonymousUser()) == []
    fresh = type(two).objects.get(pk=two.pk)
    access.memberships_for(fresh)
    with django_assert_num_queries(0):
        access.unit_ids_for_user(fresh)
