"""Reads of the democracy app, scoped by commune (``danvan.accounts.access``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts.access import units_for_user
from danvan.democracy.categories import DISCLOSURE_CATEGORIES
from danvan.democracy.models import (
    Board,
    Comment,
    Consultation,
    Decision,
    Disclosure,
    Household,
    Posting,
    Recommendation,
)
from danvan.democracy.services.disclosures import Compliance, compliance_of
from danvan.territory.models import Unit, Village


def _int(value: Any) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def village_for_user(user: Any, village_id: Any) -> Village:
    pk = _int(village_id)
    village = (
        Village.objects.select_related("unit").filter(pk=pk, unit__in=units_for_user(user)).first()
        if pk
        else None
    )
    if village is None:
        raise Http404("No such village")
    return village


def households_for_user(user: Any, village_id: Any) -> QuerySet[Household]:
    village = village_for_user(user, village_id)
    return Household.objects.filter(village=village).order_by("number", "id")


def decision_for_user(user: Any, pk: Any) -> Decision:
    number = _int(pk)
    decision = (
        Decision.objects.select_related("unit", "unit__province", "village")
        .filter(pk=number, unit__in=units_for_user(user))
        .first()
        if number
        else None
    )
    if decision is None:
        raise Http404("No such decision")
    return decision


def decisions_for_unit(unit: Unit) -> QuerySet[Decision]:
    return Decision.objects.filter(unit=unit).select_related("village").order_by("-opens", "-id")


def decision_public(pk: Any) -> Decision | None:
    number = _int(pk)
    if not number:
        return None
    return Decision.objects.select_related("unit", "village").filter(pk=number).first()


def consultation_public(pk: Any) -> Consultation | None:
    number = _int(pk)
    if not number:
        return None
    return Consultation.objects.select_related("unit", "village").filter(pk=number).first()


def consultation_for_user(user: Any, pk: Any) -> Consultation:
    number = _int(pk)
    found = (
        Consultation.objects.select_related("unit", "village")
        .filter(pk=number, unit__in=units_for_user(user))
        .first()
        if number
        else None
    )
    if found is None:
        raise Http404("No such consultation")
    return found


def consultations_for_unit(unit: Unit) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(unit=unit)
        .select_related("village")
        .annotate(comment_count=Count("comments"))
        .order_by("-opens", "-id")
    )


def open_consultations(unit: Unit, now: datetime | None = None) -> QuerySet[Consultation]:
    now = now or timezone.now()
    return consultations_for_unit(unit).filter(opens__lte=now, closes__gt=now)


def comments_of(consultation: Consultation) -> QuerySet[Comment]:
    return consultation.comments.order_by("created_at", "id")


def disclosures_for_unit(unit: Unit) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(unit=unit)
        .prefetch_related(
            Prefetch(
                "postings",
                queryset=Posting.objects.select_related("village").order_by("starts", "id"),
            )
        )
        .order_by("-decided_on", "-id")
    )


def current_disclosures(unit: Unit, today: date | None = None) -> QuerySet[Disclosure]:
    """Disclosures still posted somewhere (a posting without an end, or ending after today)."""
    today = today or timezone.localdate()
    return (
        Disclosure.objects.filter(unit=unit)
        .filter(Q(postings__ends__isnull=True) | Q(postings__ends__gte=today))
        .distinct()
        .order_by("-decided_on", "-id")
    )


def disclosure_for_user(user: Any, pk: Any) -> Disclosure:
    number = _int(pk)
    found = (
        Disclosure.objects.select_related("unit")
        .filter(pk=number, unit__in=units_for_user(user))
        .first()
        if number
        else None
    )
    if found is None:
        raise Http404("No such disclosure")
    return found


def disclosure_public(pk: Any) -> Disclosure | None:
    number = _int(pk)
    return Disclosure.objects.select_related("unit").filter(pk=number).first() if number else None


def compliance_for_unit(unit: Unit, year: int, today: date | None = None) -> dict[str, Any]:
    """Late, too short and incomplete disclosures of ``year``, and the categories with no
    disclosure at all this year (items 1–13; item 14 is "other")."""
    today = today or timezone.localdate()
    village_ids = set(Village.objects.filter(unit=unit).values_list("pk", flat=True))
    rows: list[Compliance] = [
        compliance_of(d, village_ids, today)
        for d in disclosures_for_unit(unit).filter(decided_on__year=year)
    ]
    seen = {c.disclosure.category for c in rows}
    missing = [c for c in DISCLOSURE_CATEGORIES if c.code != "other" and c.code not in seen]
    return {
        "rows": rows,
        "late": [c for c in rows if c.late],
        "too_short": [c for c in rows if c.too_short],
        "incomplete": [c for c in rows if not c.complete],
        "missing_categories": missing,
    }


def boards_for_unit(unit: Unit) -> QuerySet[Board]:
    return Board.objects.filter(unit=unit).prefetch_related("members__village")


def board_for_user(user: Any, pk: Any) -> Board:
    number = _int(pk)
    found = (
        Board.objects.select_related("unit")
        .filter(pk=number, unit__in=units_for_user(user))
        .first()
        if number
        else None
    )
    if found is None:
        raise Http404("No such board")
    return found


def recommendations_for_unit(unit: Unit) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(unit=unit).select_related("case", "board")


def recommendation_for_user(user: Any, pk: Any) -> Recommendation:
    number = _int(pk)
    found = (
        Recommendation.objects.select_related("unit", "case", "board")
        .filter(pk=number, unit__in=units_for_user(user))
        .first()
        if number
        else None
    )
    if found is None:
        raise Http404("No such recommendation")
    return found


def posting_for_user(user: Any, pk: Any) -> Posting:
    number = _int(pk)
    found = (
        Posting.objects.select_related("unit", "disclosure", "disclosure__unit")
        .filter(pk=number, unit__in=units_for_user(user))
        .first()
        if number
        else None
    )
    if found is None:
        raise Http404("No such posting")
    return found


def village_public(pk: Any) -> Village | None:
    number = _int(pk)
    return Village.objects.select_related("unit").filter(pk=number).first() if number else None


def village_disclosures(village: Village) -> QuerySet[Disclosure]:
    """Disclosures posted at the village's cultural house."""
    return disclosures_for_unit(village.unit).filter(postings__village=village).distinct()


def unit_public(code: str) -> Unit | None:
    """A commune by its code, for the public pages (its disclosures are public by law)."""
    code = (code or "")[:10]
    return Unit.objects.select_related("province").filter(code=code).first() if code else None


def villages_of(unit: Unit) -> list[Village]:
    return list(Village.objects.filter(unit=unit).order_by("name"))


def households_of_unit(unit: Unit) -> QuerySet[Household]:
    return Household.objects.filter(unit=unit).order_by("number", "id")


def households_of_village(village: Village) -> QuerySet[Household]:
    return Household.objects.filter(village=village).order_by("number", "id")


def households_in_scope(decision: Decision) -> QuerySet[Household]:
    """The households that vote on ``decision`` (its village, or the whole commune)."""
    if decision.scope == Decision.Scope.COMMUNE:
        return households_of_unit(decision.unit)
    return Household.objects.filter(village_id=decision.village_id).order_by("number", "id")


def household_in_unit(unit: Unit, pk: Any) -> Household | None:
    number = _int(pk)
    return Household.objects.filter(pk=number, unit=unit).first() if number else None


def village_upcoming_decisions(village: Village, now: datetime) -> QuerySet[Decision]:
    return Decision.objects.filter(village=village, closes__gt=now).order_by("opens")


def online_decisions_for(household: Household, now: datetime) -> list[Decision]:
    """The online votes open now to ``household`` (its village's, or commune-wide)."""
    return list(
        Decision.objects.filter(unit_id=household.unit_id, form="online")
        .filter(opens__lte=now, closes__gt=now)
        .filter(Q(village__isnull=True) | Q(village_id=household.village_id))
        .select_related("village")
    )
