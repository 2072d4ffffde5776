"""Reads of engagement, scoped by commune: officers through ``danvan.accounts.access``,
citizens through the public selectors (published facts only, never a person)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts.access import units_for_user
from danvan.cases.models import OPEN_STATUSES, CaseStatus
from danvan.engagement.models import (
    Commitment,
    Dialogue,
    DialogueQuestion,
    DialogueStatus,
    VoterMeeting,
    VoterPetition,
)
from danvan.territory.models import Unit

# ---- officers ---------------------------------------------------------------------------


def dialogue_for_user(user: Any, unit: Unit, pk: int) -> Dialogue:
    """A dialogue of ``unit`` (already read-checked by ``unit_for_user``), else 404."""
    found = (
        Dialogue.objects.select_related("unit")
        .filter(unit__in=units_for_user(user), unit=unit, pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such dialogue")
    return found


def question_for_user(user: Any, dialogue: Dialogue, pk: int) -> DialogueQuestion:
    found = (
        DialogueQuestion.objects.select_related("unit", "dialogue")
        .filter(unit__in=units_for_user(user), dialogue=dialogue, pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such question")
    return found


def commitment_for_user(user: Any, code: str) -> Commitment:
    found = (
        Commitment.objects.select_related("case", "case__unit", "unit", "dialogue")
        .filter(unit__in=units_for_user(user), case__code=code)
        .first()
    )
    if found is None:
        raise Http404("No such commitment")
    return found


def petition_for_user(user: Any, code: str) -> VoterPetition:
    found = (
        VoterPetition.objects.select_related(
            "case", "case__unit", "unit", "meeting", "previous__case"
        )
        .filter(unit__in=units_for_user(user), case__code=code)
        .first()
    )
    if found is None:
        raise Http404("No such petition")
    return found


def dialogues_of(unit: Unit) -> QuerySet[Dialogue]:
    return (
        Dialogue.objects.filter(unit=unit)
        .annotate(
            n_questions=Count("questions", distinct=True),
            n_commitments=Count("commitments", distinct=True),
        )
        .order_by("-scheduled_at", "-id")
    )


def commitments_of(unit: Unit, dialogue: Dialogue | None = None) -> QuerySet[Commitment]:
    qs = Commitment.objects.filter(unit=unit).select_related("case", "dialogue")
    if dialogue is not None:
        qs = qs.filter(dialogue=dialogue)
    return qs.order_by("committed_date", "id")


def petitions_of(unit: Unit) -> QuerySet[VoterPetition]:
    return (
        VoterPetition.objects.filter(unit=unit)
        .select_related("case", "meeting", "previous__case")
        .annotate(times_raised_again=Count("raised_again"))
        .order_by("-case__received_at", "-id")
    )


def meetings_of(unit: Unit) -> QuerySet[VoterMeeting]:
    return VoterMeeting.objects.filter(unit=unit).order_by("-held_on", "-id")


def chain(petition: VoterPetition) -> list[VoterPetition]:
    """The petition's earlier selves, oldest first, then itself ("followed to the end")."""
    out = [petition]
    seen = {petition.pk}
    current = petition
    while current.previous_id is not None and current.previous_id not in seen:
        current = VoterPetition.objects.select_related("case").get(pk=current.previous_id)
        seen.add(current.pk)
        out.append(current)
    return list(reversed(out))


def commitment_state(commitment: Commitment, today: date | None = None) -> str:
    """``done_on_time``, ``done_late``, ``overdue`` or ``pending`` (for badges)."""
    case = commitment.case
    if case.status in OPEN_STATUSES:
        due = case.due_date or commitment.committed_date
        return "overdue" if due < (today or timezone.localdate()) else "pending"
    return "done_on_time" if case.on_time else "done_late"


# ---- citizens ---------------------------------------------------------------------------


def public_unit(code: str) -> Unit:
    unit = Unit.objects.select_related("province").filter(code=code).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def public_dialogues(unit: Unit) -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(unit=unit).order_by("-scheduled_at", "-id")


def public_dialogue(unit: Unit, pk: int) -> Dialogue:
    found = Dialogue.objects.select_related("unit").filter(unit=unit, pk=pk).first()
    if found is None:
        raise Http404("No such dialogue")
    return found


def upcoming_dialogues(unit: Unit | None = None, limit: int = 20) -> list[Dialogue]:
    qs = Dialogue.objects.filter(
        status=DialogueStatus.SCHEDULED, scheduled_at__gte=timezone.now()
    ).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return list(qs.order_by("scheduled_at", "id")[:limit])


def public_questions(dialogue: Dialogue) -> list[DialogueQuestion]:
    """Questions with their answers; the asker is never selected."""
    return list(
        DialogueQuestion.objects.filter(dialogue=dialogue)
        .only("id", "stage", "content", "answer", "answered_at", "asker_area", "created_at")
        .order_by("created_at", "id")
    )


def public_petitions(unit: Unit, year: int) -> dict[str, list[VoterPetition]]:
    """Waiting: every petition not yet answered, whatever its age and wherever it was sent
    (an upward petition stays here until its answer is recorded). Answered: those answered
    in ``year``, with their answer."""
    base = VoterPetition.objects.filter(unit=unit).select_related(
        "case", "meeting", "previous__case"
    )
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))
    return {
        "waiting": list(base.filter(answered_at__isnull=True).order_by("case__due_date", "id")),
        "answered": list(
            base.filter(answered_at__gte=start, answered_at__lt=end).order_by("-answered_at")
        ),
    }


def unit_summary(unit: Unit) -> dict[str, Any]:
    """The commune page's figures, in three aggregate queries."""
    today = timezone.localdate()
    commitments = Commitment.objects.filter(unit=unit).aggregate(
        total=Count("id"),
        done=Count("id", filter=~Q(case__status__in=OPEN_STATUSES)),
        on_time=Count("id", filter=Q(case__on_time=True) & ~Q(case__status__in=OPEN_STATUSES)),
        overdue=Count("id", filter=Q(case__status__in=OPEN_STATUSES, case__due_date__lt=today)),
    )
    petitions = VoterPetition.objects.filter(unit=unit).aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        upward_waiting=Count("id", filter=Q(answered_at__isnull=True, competent_level="higher")),
        reraised=Count("id", filter=Q(previous__isnull=False)),
    )
    return {
        "upcoming": upcoming_dialogues(unit, limit=3),
        "commitments": commitments,
        "petitions": petitions,
        "since": today - timedelta(days=365),
        "resolved_status": CaseStatus.RESOLVED,
    }


def unit_for_actor(user: Any, code: str) -> Unit | None:
    """The commune ``code`` if ``user`` holds a role there (acting), else None — the same
    answer for an unknown code and another commune's, so a write is refused with 403
    without telling which."""
    from danvan.accounts.access import has_role

    unit = Unit.objects.select_related("province").filter(code=code).first()
    if unit is None or not has_role(user, unit):
        return None
    return unit


def commitments_of_code(code: str) -> Commitment | None:
    """The commitment with this case code, unscoped: only to decide between 403 and acting
    (the caller checks the role before reading anything from it)."""
    return Commitment.objects.select_related("unit").filter(case__code=code).first()
