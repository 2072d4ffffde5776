"""Factories and the standard cast every test uses.

The cast (after healthchecks' alice/bob/charlie): an officer of commune A, an officer of
commune B who must be refused everything of A, a province viewer of A's province, and a
citizen who is not signed in. Units are real codes of Thái Nguyên (province 19) so that
tests read like the field; they are created directly, without loading the whole country.
"""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from danvan.accounts.models import Membership
from danvan.accounts.roles import PROVINCE_ROLES, Role
from danvan.territory.models import Province, Unit, UnitKind, Village

PASSWORD = "correct-horse-battery-staple"


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "19"
    name = "Tỉnh Thái Nguyên"
    division_type = "tỉnh"
    codename = "thai_nguyen"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"98{n:03d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = UnitKind.XA
    codename = factory.Sequence(lambda n: f"xa_thu_nghiem_{n}")
    province = factory.SubFactory(ProvinceFactory)
    households = 1200
    population = 5000


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Thôn {n}")
    households = 120


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Cán bộ"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


def make_officer(
    username: str,
    *,
    unit: Unit | None = None,
    roles: list[str] | None = None,
    province: Province | None = None,
    organisation: str = "",
) -> object:
    """A user holding ``roles`` in ``unit`` (or, for province roles, in ``province``);
    ``organisation`` goes on the ``front`` membership."""
    user = UserFactory(username=username)
    for role in roles or [Role.ONE_STOP]:
        if role in PROVINCE_ROLES:
            Membership.objects.get_or_create(user=user, role=role, province=province)
        else:
            Membership.objects.get_or_create(
                user=user,
                role=role,
                unit=unit,
                defaults={"organisation": organisation if role == Role.FRONT else ""},
            )
    return user
