"""Reads of "Dân vận khéo" models: what each officer sees (each organisation its own), one
model, the public gallery (recognised models only), who has not registered this year."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.accounts.access import has_role, organisations_for, units_for_user
from danvan.accounts.roles import Role
from danvan.core.types import User
from danvan.outreach.models import ModelStatus, Registrant, SkilfulModel
from danvan.territory.models import Unit
from danvan.territory.selectors import strip_diacritics

# Commune roles that see every model of the commune; a member holding only ``front`` sees
# the models of the organisations it speaks for.
ALL_MODELS_ROLES = (
    Role.LEADER,
    Role.PARTY_SECRETARY,
    Role.SPECIALIST,
    Role.ONE_STOP,
    Role.COUNCIL,
    Role.ADMIN,
)


def _scope(user: User | None, unit: Unit) -> Q | None:
    """The filter of the models of ``unit`` that ``user`` sees, or None for none."""
    from danvan.accounts.access import can_read_unit

    if not can_read_unit(user, unit):
        return None
    if has_role(user, unit, *ALL_MODELS_ROLES) or not has_role(user, unit):
        # Leaders and officers of the commune; or a reader without a commune role there (a
        # province viewer, a superuser).
        return Q(unit=unit)
    return Q(unit=unit, registrant__in=organisations_for(user, unit))


def models_for_user(user: User | None, unit: Unit) -> QuerySet[SkilfulModel]:
    scope = _scope(user, unit)
    if scope is None:
        return SkilfulModel.objects.none()
    return SkilfulModel.objects.filter(scope).select_related("unit").order_by("-year", "-id")


def model_for_user(user: User | None, model_id: int) -> SkilfulModel:
    model = (
        SkilfulModel.objects.select_related("unit", "unit__province")
        .filter(pk=model_id, unit__in=units_for_user(user))
        .first()
    )
    if model is None:
        raise Http404("No such model")
    scope = _scope(user, model.unit)
    if scope is None or not SkilfulModel.objects.filter(scope, pk=model.pk).exists():
        raise Http404("No such model")
    return model


def progress_of(model: SkilfulModel) -> list:  # type: ignore[type-arg]
    return list(model.progress.order_by("-date", "-id"))


def gallery(query: str = "", topic: str = "") -> QuerySet[SkilfulModel]:
    """Recognised models of every commune, for the public: searched by topic and words of
    the title (with or without diacritics)."""
    rows = SkilfulModel.objects.filter(status=ModelStatus.RECOGNISED).select_related(
        "unit", "unit__province"
    )
    if topic:
        rows = rows.filter(topic=topic)
    rows = rows.order_by("-exemplary", "-year", "title", "id")
    if query:
        words = strip_diacritics(query).lower().split()
        ids = [
            m.pk
            for m in rows[:2000]
            if all(
                w in strip_diacritics(f"{m.title} {m.area} {m.unit.name}").lower() for w in words
            )
        ]
        rows = rows.filter(pk__in=ids)
    return rows


def registrants_missing(unit: Unit, year: int) -> list[str]:
    """Bodies of the commune that registered no model for ``year`` (each must register at
    least one)."""
    have = set(
        SkilfulModel.objects.filter(unit=unit, year=year)
        .exclude(status=ModelStatus.REMOVED)
        .values_list("registrant", flat=True)
    )
    return [code for code in Registrant.values if code not in have]
