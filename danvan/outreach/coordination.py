"""Reads of coordination: the programmes a user sees (each organisation its own), one
programme with its tasks (and their cases) and review meetings, the joint supervisions and
their recommendations."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from danvan.accounts.access import units_for_user
from danvan.core.types import User
from danvan.outreach.models import (
    JointProgramme,
    JointSupervision,
    JointTask,
    ReviewMeeting,
    SupervisionRecommendation,
)
from danvan.outreach.models_selectors import _scope
from danvan.territory.models import Unit


def _programme_filter(user: User | None, unit: Unit) -> dict[str, object] | None:
    scope = _scope(user, unit)
    if scope is None:
        return None
    # ``_scope`` filters models by registrant; a programme's field is ``organisation``.
    children = dict(scope.children)
    out: dict[str, object] = {"unit": unit}
    if "registrant__in" in children:
        out["organisation__in"] = children["registrant__in"]
    return out


def programmes_for_user(user: User | None, unit: Unit) -> QuerySet[JointProgramme]:
    filters = _programme_filter(user, unit)
    if filters is None:
        return JointProgramme.objects.none()
    return JointProgramme.objects.filter(**filters).order_by("-year", "organisation")


def programme_for_user(user: User | None, programme_id: int) -> JointProgramme:
    programme = (
        JointProgramme.objects.select_related("unit", "unit__province")
        .filter(pk=programme_id, unit__in=units_for_user(user))
        .first()
    )
    if (
        programme is None
        or not programmes_for_user(user, programme.unit).filter(pk=programme.pk).exists()
    ):
        raise Http404("No such programme")
    return programme


def tasks_of(programme: JointProgramme) -> list[JointTask]:
    return list(programme.tasks.select_related("case").order_by("deadline", "id"))


def meetings_of(programme: JointProgramme) -> list[ReviewMeeting]:
    return list(programme.meetings.order_by("quarter"))


def task_of(programme: JointProgramme, task_id: int) -> JointTask:
    task = programme.tasks.select_related("case", "programme", "unit").filter(pk=task_id).first()
    if task is None:
        raise Http404("No such task")
    return task


def supervisions_for_user(user: User | None, unit: Unit) -> QuerySet[JointSupervision]:
    """The unit's joint supervisions ``user`` sees: all of them for the commune's officers, a
    Front or organisation member those its organisations led."""
    filters = _programme_filter(user, unit)
    if filters is None:
        return JointSupervision.objects.none()
    return (
        JointSupervision.objects.filter(**filters)
        .annotate(
            recommendation_count=Count("recommendations"),
            open_count=Count("recommendations", filter=Q(recommendations__answered_on=None)),
        )
        .order_by("-starts", "-id")
    )


def supervision_for_user(user: User | None, supervision_id: int) -> JointSupervision:
    row = (
        JointSupervision.objects.select_related("unit", "unit__province", "programme")
        .filter(pk=supervision_id, unit__in=units_for_user(user))
        .first()
    )
    if row is None or not supervisions_for_user(user, row.unit).filter(pk=row.pk).exists():
        raise Http404("No such supervision")
    return row


def supervision_by_id(supervision_id: int) -> JointSupervision | None:
    """Unscoped: for writes, which then check the acting role (403, not 404)."""
    return JointSupervision.objects.select_related("unit").filter(pk=supervision_id).first()


def recommendations_of(supervision: JointSupervision) -> list[SupervisionRecommendation]:
    return list(supervision.recommendations.select_related("case").order_by("sent_on", "id"))


def recommendation_of(supervision: JointSupervision, rec_id: int) -> SupervisionRecommendation:
    row = supervision.recommendations.select_related("case", "unit").filter(pk=rec_id).first()
    if row is None:
        raise Http404("No such recommendation")
    return row


def programme_by_id(programme_id: int) -> JointProgramme | None:
    return JointProgramme.objects.select_related("unit").filter(pk=programme_id).first()


def programme_by_key(key: str) -> JointProgramme | None:
    return JointProgramme.objects.filter(submission_key=key).first()


def task_by_key(key: str) -> JointTask | None:
    return JointTask.objects.filter(submission_key=key).first()


def supervision_by_key(key: str) -> JointSupervision | None:
    return JointSupervision.objects.filter(submission_key=key).first()


def programmes_with_counts(user: User | None, unit: Unit) -> QuerySet[JointProgramme]:
    """``programmes_for_user`` with the tasks' counts for a list (one query)."""
    return programmes_for_user(user, unit).annotate(
        task_count=Count("tasks", distinct=True),
        tasks_done=Count("tasks", filter=Q(tasks__case__closed_at__isnull=False), distinct=True),
        meeting_count=Count("meetings", distinct=True),
    )
