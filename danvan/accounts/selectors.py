"""Reads of accounts: tokens, officers of a unit, the audit log as a leader may see it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts.access import acting_units, has_role
from danvan.accounts.models import ApiToken, Membership
from danvan.accounts.roles import AUDIT_READERS, Role
from danvan.core.models import AuditEntry
from danvan.core.types import Account, User
from danvan.territory.models import Unit

OFFICER_MANAGERS = (Role.LEADER, Role.ADMIN)


def tokens_of(user: Account) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def token_of_user(user: Account, pk: int) -> ApiToken:
    """The user's own token ``pk``; 404 for anybody else's."""
    token = ApiToken.objects.filter(user=user, pk=pk).select_related("user").first()
    if token is None:
        raise Http404
    return token


def units_managed_by(user: User) -> QuerySet[Unit]:
    """Units whose officers ``user`` may list (leader or admin there; all for a superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Unit.objects.all()
    return acting_units(user, *OFFICER_MANAGERS)


def unit_managed_by(user: User, code: str) -> Unit:
    """The unit ``code`` if ``user`` may list its officers; 404 otherwise (even if it exists)."""
    unit = Unit.objects.filter(code=code).select_related("province").first()
    if unit is None or not has_role(user, unit, *OFFICER_MANAGERS):
        raise Http404
    return unit


def officers_of_unit(unit: Unit | int, *roles: str) -> QuerySet[Account]:
    """Active accounts holding a membership in ``unit`` (one of ``roles`` when given), by
    name: THE list of officers of a unit (assignees, transfers, the desk's officer choice)."""
    memberships = Membership.objects.filter(unit=unit)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .order_by("last_name", "first_name", "username")
    )


def officer_memberships(unit_ids: list[int], *roles: str) -> QuerySet[Membership]:
    """Memberships of active accounts in ``unit_ids`` (one of ``roles`` when given): the
    officers of many units at once, with their role, for figures computed in one query."""
    memberships = Membership.objects.filter(unit_id__in=unit_ids, user__is_active=True)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships


def account_named(username: str, *, active_only: bool = False) -> Account | None:
    """The account called ``username`` (as typed, then lower-cased), or None."""
    accounts = get_user_model().objects.all()
    if active_only:
        accounts = accounts.filter(is_active=True)
    return (
        accounts.filter(username=username).first()
        or accounts.filter(username=username.lower()).first()
    )


def memberships_of_unit(unit: Unit) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("user__username", "role")
    )


def membership_in_unit(unit: Unit, pk: int) -> Membership:
    membership = Membership.objects.filter(unit=unit, pk=pk).select_related("user", "unit").first()
    if membership is None:
        raise Http404
    return membership


def audit_unit_codes(user: User) -> list[str] | None:
    """Unit codes whose audit entries ``user`` may read; None means every entry (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    return list(acting_units(user, *AUDIT_READERS).values_list("code", flat=True))


def _day_start(day: date) -> datetime:
    # Dates typed by officers are days in Vietnam, not in UTC.
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def audit_entries(
    codes: list[str] | None,
    *,
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    person: str = "",
    case: str = "",
) -> QuerySet[AuditEntry]:
    """Entries of units ``codes`` (all when None), newest first, optionally filtered: by
    action, by day, by the person who acted (user name or full name, in part) and by the
    record acted on (a case code, in part)."""
    entries = AuditEntry.objects.all()
    if codes is not None:
        entries = entries.filter(unit_code__in=codes)
    if action:
        entries = entries.filter(action=action)
    person = person.strip()
    if person:
        entries = entries.filter(
            Q(actor_name__icontains=person) | Q(actor__username__iexact=person)
        )
    case = case.strip()
    if case:
        entries = entries.filter(object_repr__icontains=case)
    if date_from:
        entries = entries.filter(at__gte=_day_start(date_from))
    if date_to:
        entries = entries.filter(at__lt=_day_start(date_to + timedelta(days=1)))
    return entries.order_by("-at", "-id")


def audit_actions(codes: list[str] | None) -> list[str]:
    entries = AuditEntry.objects.all()
    if codes is not None:
        entries = entries.filter(unit_code__in=codes)
    return list(entries.order_by("action").values_list("action", flat=True).distinct())


def roles_in_unit(unit: Unit | int, user_ids: list[int], *roles: str) -> dict[int, list[str]]:
    """user id -> the codes of the roles each holds in ``unit`` (among ``roles`` when given),
    in one query for a whole list of officers."""
    memberships = Membership.objects.filter(unit=unit, user_id__in=user_ids)
    if roles:
        memberships = memberships.filter(role__in=roles)
    held: dict[int, list[str]] = {}
    for user_id, role in memberships.order_by("role").values_list("user_id", "role"):
        held.setdefault(user_id, []).append(role)
    return held
