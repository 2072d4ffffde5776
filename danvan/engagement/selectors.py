"""Reads of engagement, scoped by commune: officers through ``danvan.accounts.access``,
citizens through the public selectors (published facts only, never a person)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from danvan.accounts.access import units_for_user
from danvan.cases.models import OPEN_STATUSES
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


def _count(qs: QuerySet[Any]) -> Coalesce:
    """``qs`` (filtered on ``unit=OuterRef("pk")``) counted as a scalar subquery."""
    counted = qs.order_by().values("unit").annotate(n=Count("id")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _figures(unit: Unit, today: date) -> dict[str, int]:
    """Every figure of the commune page's section in one query (scalar subqueries), so a
    commune with nothing to show costs the page a single query."""
    mine = OuterRef("pk")
    commitments = Commitment.objects.filter(unit=mine)
    closed = commitments.exclude(case__status__in=OPEN_STATUSES)
    petitions = VoterPetition.objects.filter(unit=mine)
    row = (
        Unit.objects.filter(pk=unit.pk)
        .annotate(
            upcoming=_count(
                Dialogue.objects.filter(
                    unit=mine, status=DialogueStatus.SCHEDULED, scheduled_at__gte=timezone.now()
                )
            ),
            c_total=_count(commitments),
            c_done=_count(closed),
            c_on_time=_count(closed.filter(case__on_time=True)),
            c_overdue=_count(
                commitments.filter(case__status__in=OPEN_STATUSES, case__due_date__lt=today)
            ),
            p_total=_count(petitions),
            p_answered=_count(petitions.filter(answered_at__isnull=False)),
            p_upward=_count(petitions.filter(answered_at__isnull=True, competent_level="higher")),
            p_reraised=_count(petitions.filter(previous__isnull=False)),
        )
        .values(
            "upcoming",
            "c_total",
            "c_done",
            "c_on_time",
            "c_overdue",
            "p_total",
            "p_answered",
            "p_upward",
            "p_reraised",
        )
        .first()
    )
    return row or {}


def unit_summary(unit: Unit) -> dict[str, Any]:
    """The commune page's figures and the latest commitments and answers: one query when
    the commune has nothing, at most four otherwise."""
    today = timezone.localdate()
    f = _figures(unit, today)
    recent: list[Commitment] = []
    if f.get("c_total"):
        recent = list(
            Commitment.objects.filter(unit=unit)
            .select_related("case")
            .order_by("-case__received_at", "committed_date", "-id")[:5]
        )
    answered: list[VoterPetition] = []
    if f.get("p_answered"):
        answered = list(
            VoterPetition.objects.filter(unit=unit, answered_at__isnull=False)
            .select_related("case")
            .order_by("-answered_at", "-id")[:3]
        )
    return {
        "upcoming": upcoming_dialogues(unit, limit=3) if f.get("upcoming") else [],
        "recent_commitments": [(c, commitment_state(c, today)) for c in recent],
        "recent_answers": answered,
        "commitments": {
            "total": f.get("c_total", 0),
            "done": f.get("c_done", 0),
            "on_time": f.get("c_on_time", 0),
            "overdue": f.get("c_overdue", 0),
        },
        "petitions": {
            "total": f.get("p_total", 0),
            "answered": f.get("p_answered", 0),
            "upward_waiting": f.get("p_upward", 0),
            "reraised": f.get("p_reraised", 0),
        },
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


def dashboard_figures(user: Any) -> dict[str, Any] | None:
    """The officer's card: overdue commitments, petitions awaiting an answer (and overdue),
    the next dialogue — over the communes the user reads, in two queries."""
    from danvan.cases.models import Case

    units = units_for_user(user)
    today = timezone.localdate()
    open_cases = Case.objects.filter(unit__in=units, status__in=OPEN_STATUSES)
    figures = open_cases.aggregate(
        commitments_overdue=Count("id", filter=Q(kind="commitment", due_date__lt=today)),
        petitions_waiting=Count("id", filter=Q(kind="voter_petition")),
        petitions_overdue=Count("id", filter=Q(kind="voter_petition", due_date__lt=today)),
    )
    figures["next_dialogue"] = (
        Dialogue.objects.filter(
            unit__in=units, status=DialogueStatus.SCHEDULED, scheduled_at__gte=timezone.now()
        )
        .select_related("unit")
        .order_by("scheduled_at", "id")
        .first()
    )
    return figures


# ---- the API (unscoped helpers: the API module checks access before calling them) --------


def petitions_for_api(unit: Unit) -> QuerySet[VoterPetition]:
    return (
        VoterPetition.objects.filter(unit=unit)
        .select_related("case", "unit", "meeting", "previous__case")
        .order_by("-case__received_at", "-id")
    )


def dialogues_for_api(unit: Unit) -> QuerySet[Dialogue]:
    return (
        Dialogue.objects.filter(unit=unit).select_related("unit").order_by("-scheduled_at", "-id")
    )


def petition_of_code(code: str) -> VoterPetition | None:
    """Unscoped, to choose between 403 and acting; the caller checks the role first."""
    return VoterPetition.objects.select_related("unit").filter(case__code=code).first()


def dialogue_of_pk(pk: int) -> Dialogue | None:
    """Unscoped, to choose between 403 and acting; the caller checks the role first."""
    return Dialogue.objects.select_related("unit").filter(pk=pk).first()
