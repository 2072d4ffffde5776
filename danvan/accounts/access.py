"""Who may read and act where: THE contract other apps use to scope commune data.

Every function takes a user (possibly anonymous) and answers from the user's memberships.
The memberships are loaded once per user object and cached on it (``request.user`` lives for
one request, so the cache is per request); services that change memberships call
:func:`forget_memberships` so a long-lived user object does not keep stale answers.

Rules:
- an officer reads and acts only in the units (communes) of their memberships;
- a ``province_viewer`` membership lets its holder READ every unit of that province, and act
  nowhere (it is a viewing role);
- a superuser reads every unit; acting still needs a membership, except that a superuser
  counts as ``admin`` of every unit (only when ``admin`` is asked for explicitly) so the
  system can be administered;
- an anonymous or inactive user reads and does nothing.
"""

from __future__ import annotations

from typing import TypeGuard

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from danvan.accounts.models import Membership
from danvan.accounts.roles import PROVINCE_ROLES, Organisation, Role
from danvan.core.types import Account, User
from danvan.territory.models import Unit

_CACHE_ATTR = "_danvan_memberships"


def _active(user: User | None) -> TypeGuard[Account]:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
    )


def memberships_for(user: User | None) -> list[Membership]:
    """The user's memberships (with unit and province), loaded once per user object."""
    if not _active(user):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user)
            .select_related("unit", "unit__province", "province")
            .order_by("unit__code", "province__code", "role")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user: User | None) -> None:
    """Drop the cached memberships of ``user`` (after a membership was added or removed)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_for(user: User | None) -> set[str]:
    """Every role code the user holds anywhere (commune and province roles alike).

    A superuser also gets ``admin`` so role-gated navigation shows administration entries.
    """
    if not _active(user):
        return set()
    roles = {str(m.role) for m in memberships_for(user)}
    if user.is_superuser:
        roles.add(Role.ADMIN.value)
    return roles


def units_for_user(user: User | None) -> QuerySet[Unit]:
    """Units the user may READ.

    The units of their commune memberships, plus every unit of the province of each
    ``province_viewer`` membership; all units for a superuser; none for anonymous users.
    """
    if not _active(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    unit_ids = {m.unit_id for m in memberships_for(user) if m.unit_id is not None}
    province_ids = {
        m.province_id
        for m in memberships_for(user)
        if m.province_id is not None and m.role in PROVINCE_ROLES
    }
    if not unit_ids and not province_ids:
        return Unit.objects.none()
    return Unit.objects.filter(Q(pk__in=unit_ids) | Q(province_id__in=province_ids))


def unit_ids_for_user(user: User | None) -> list[int]:
    """The ids of ``units_for_user(user)``, in its order. Without a province role they are
    the memberships' own units, already loaded with them: no query (every officer's page
    asked for them once more)."""
    if not _active(user):
        return []
    memberships = memberships_for(user)
    if user.is_superuser or any(
        m.province_id is not None and m.role in PROVINCE_ROLES for m in memberships
    ):
        return list(units_for_user(user).values_list("pk", flat=True))
    units = {m.unit.pk: m.unit for m in memberships if m.unit is not None}
    return [u.pk for u in sorted(units.values(), key=lambda u: (u.province.code, u.code))]


def unit_for_user(user: User | None, code: str) -> Unit:
    """The unit ``code`` if ``user`` may read its data, else ``Http404`` (no hint that it
    exists); the caller then checks the role its action needs."""
    unit = units_for_user(user).select_related("province").filter(code=code).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def acting_units(user: User | None, *roles: str) -> QuerySet[Unit]:
    """Units where the user holds one of ``roles`` (any commune role when none is given).

    Province roles never act: a ``province_viewer`` gets no unit here even if asked for. A
    superuser gets every unit when ``admin`` is among ``roles``.
    """
    if not _active(user):
        return Unit.objects.none()
    wanted = set(roles)
    if user.is_superuser and Role.ADMIN in wanted:
        return Unit.objects.all()
    unit_ids = {
        m.unit_id
        for m in memberships_for(user)
        if m.unit_id is not None
        and m.role not in PROVINCE_ROLES
        and (not wanted or m.role in wanted)
    }
    if not unit_ids:
        return Unit.objects.none()
    return Unit.objects.filter(pk__in=unit_ids)


def has_role(user: User | None, unit: Unit | int | None, *roles: str) -> bool:
    """Whether the user may ACT in ``unit`` holding one of ``roles`` (any role if none).

    Acting needs a commune membership in that very unit; province roles never act. A
    superuser passes when ``admin`` is explicitly among the asked roles.
    """
    if unit is None or not _active(user):
        return False
    unit_id = unit if isinstance(unit, int) else unit.pk
    wanted = set(roles)
    if user.is_superuser and Role.ADMIN in wanted:
        return True
    return any(
        m.unit_id == unit_id and m.role not in PROVINCE_ROLES and (not wanted or m.role in wanted)
        for m in memberships_for(user)
    )


def can_read_unit(user: User | None, unit: Unit | None) -> bool:
    """Whether the user may READ the data of ``unit`` (see :func:`units_for_user`)."""
    if unit is None or not _active(user):
        return False
    if user.is_superuser:
        return True
    for m in memberships_for(user):
        if m.unit_id is not None and m.unit_id == unit.pk:
            return True
        in_province = m.province_id is not None and m.province_id == unit.province_id
        if in_province and m.role in PROVINCE_ROLES:
            return True
    return False


def signed_in(user: User | None) -> Account:
    """The signed-in, active account ``user`` (what a ``login_required`` view holds), else
    ``PermissionDenied``: a view hands services an account, never the anonymous visitor."""
    if not _active(user):
        raise PermissionDenied(_("Bạn cần đăng nhập bằng tài khoản đang hoạt động."))
    return user


def require_role(user: User | None, unit: Unit | None, *roles: str) -> None:
    """Raise ``PermissionDenied`` (Vietnamese message) unless :func:`has_role` holds."""
    if not has_role(user, unit, *roles):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))


def organisations_for(user: User | None, unit: Unit | int | None) -> set[str]:
    """The organisations (``Organisation`` codes) ``user`` speaks for in ``unit``, through
    ``front`` memberships there: what each organisation may see as its own (joint
    programmes, its models). A front membership without one speaks for the Front itself.

    Empty for anybody else — other roles, other communes, province roles, superusers (they
    read through :func:`units_for_user`, but speak for no organisation) and anonymous users.
    """
    if unit is None or not _active(user):
        return set()
    unit_id = unit if isinstance(unit, int) else unit.pk
    return {
        m.organisation or Organisation.FRONT.value
        for m in memberships_for(user)
        if m.unit_id == unit_id and m.role == Role.FRONT
    }
