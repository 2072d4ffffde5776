"""Reads of coordination: the programmes a user sees (each organisation its own), one
programme with its tasks (and their cases) and review meetings."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.access import units_for_user
from danvan.core.types import User
from danvan.outreach.models import JointProgramme, JointTask, ReviewMeeting
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
