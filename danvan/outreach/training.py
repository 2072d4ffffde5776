"""Reads of officials' training: terms, coverage per officer per term, who lacks what."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404

from danvan.accounts.selectors import officer_memberships
from danvan.core.types import User
from danvan.outreach.models import Attendance, Course, RequiredCourse, Term
from danvan.territory.models import Unit


def terms() -> list[Term]:
    return list(Term.objects.order_by("starts"))


def term_of(day: date) -> Term | None:
    return Term.objects.filter(starts__lte=day, ends__gte=day).first()


def term_by_code(code: str) -> Term | None:
    return Term.objects.filter(code=code).first()


def courses() -> list[Course]:
    return list(Course.objects.order_by("code"))


def courses_by_code() -> dict[str, Course]:
    return {c.code: c for c in Course.objects.all()}


def required_by_role() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for role, code in RequiredCourse.objects.order_by("role", "course__code").values_list(
        "role", "course__code"
    ):
        out[role].append(code)
    return dict(out)


@dataclass
class CoverageRow:
    officer_id: int
    username: str
    name: str
    role: str
    required: list[str]
    done: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [c for c in self.required if c not in self.done]


def coverage(unit: Unit, term: Term) -> list[CoverageRow]:
    """One row per officer of ``unit`` and role that requires courses: the required courses,
    those completed within the term (its first and last day included), what is missing.
    Three queries whatever the number of officers."""
    required = required_by_role()
    memberships = (
        officer_memberships([unit.pk], *required)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )
    done: dict[int, set[str]] = defaultdict(set)
    for officer_id, code in Attendance.objects.filter(
        unit=unit,
        completed=True,
        session__date__gte=term.starts,
        session__date__lte=term.ends,
    ).values_list("officer_id", "session__course__code"):
        done[officer_id].add(code)
    rows = []
    for m in memberships:
        needed = required[m.role]
        rows.append(
            CoverageRow(
                officer_id=m.user_id,
                username=m.user.username,
                name=m.user.get_full_name() or m.user.username,
                role=m.role,
                required=list(needed),
                done=[c for c in needed if c in done[m.user_id]],
            )
        )
    return rows


def lacking(unit: Unit, term: Term) -> list[CoverageRow]:
    return [row for row in coverage(unit, term) if row.missing]


def attendance_for_user(user: User | None, attendance_id: int) -> Attendance:
    """An attendance whose commune ``user`` may read, else ``Http404``."""
    from danvan.accounts.access import units_for_user

    attendance = (
        Attendance.objects.select_related("session", "session__course", "unit", "officer")
        .filter(pk=attendance_id, unit__in=units_for_user(user))
        .first()
    )
    if attendance is None:
        raise Http404("No such attendance")
    return attendance


def certificate_for_user(user: User | None, attendance_id: int) -> Attendance:
    """An attendance whose certificate ``user`` may download: the officer's own, or as one
    of the commune's leaders, or holding a province role over it (``Http404`` otherwise,
    as for a certificate that does not exist). A certificate names an officer: the other
    readers of the commune do not get it."""
    from danvan.accounts.access import has_role, memberships_for
    from danvan.accounts.roles import PROVINCE_ROLES, Role

    attendance = attendance_for_user(user, attendance_id)
    if getattr(user, "pk", None) == attendance.officer_id:
        return attendance
    if has_role(user, attendance.unit, Role.LEADER, Role.ADMIN):
        return attendance
    if getattr(user, "is_superuser", False) or any(
        m.role in PROVINCE_ROLES and m.province_id == attendance.unit.province_id
        for m in memberships_for(user)
    ):
        return attendance
    raise Http404("No such attendance")


def attendances_of_unit(unit: Unit, limit: int = 200) -> list[Attendance]:
    return list(
        Attendance.objects.filter(unit=unit)
        .select_related("session", "session__course", "officer")
        .order_by("-session__date", "-id")[:limit]
    )
