"""Reads of letters, scoped by the user's units and by the case's confidentiality: a
denunciation is seen only by the leaders of its commune and its assignee (cases_for_user)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts.access import has_role, memberships_for, units_for_user
from danvan.cases.models import OPEN_STATUSES, Case
from danvan.cases.selectors import cases_for_user
from danvan.cases.selectors_queue import due_q
from danvan.letters.kinds import LetterCaseKind
from danvan.letters.models import (
    Decision,
    Letter,
    LetterKind,
    ReceptionEntry,
    ReceptionSession,
    SessionKind,
    SessionStatus,
)
from danvan.letters.models.letters import protected_q
from danvan.letters.models.reception import HostRole
from danvan.territory.models import Unit


def letters_for_user(user: Any) -> QuerySet[Letter]:
    return Letter.objects.filter(case__in=cases_for_user(user).values("pk"))


def letter_for_user(user: Any, code: str) -> Letter:
    letter = (
        letters_for_user(user)
        .select_related("case", "unit", "unit__province", "case__assignee", "duplicate_of__case")
        .filter(case__code=code)
        .first()
    )
    if letter is None:
        raise Http404("No such letter")
    return letter


def entries_for_user(user: Any) -> QuerySet[ReceptionEntry]:
    return ReceptionEntry.objects.filter(unit__in=units_for_user(user)).select_related(
        "unit", "case"
    )


def entry_for_user(user: Any, pk: int) -> ReceptionEntry:
    entry = entries_for_user(user).filter(pk=pk).first()
    if entry is None:
        raise Http404("No such entry")
    return entry


def sessions_for_user(user: Any) -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.filter(unit__in=units_for_user(user)).select_related("unit")


def session_for_user(user: Any, pk: int) -> ReceptionSession:
    session = sessions_for_user(user).filter(pk=pk).first()
    if session is None:
        raise Http404("No such session")
    return session


def public_unit(code: str) -> Unit:
    unit = Unit.objects.select_related("province").filter(code=code).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def public_sessions(unit: Unit, year: int) -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.filter(unit=unit, date__year=year).order_by("date", "id")


def public_statistics(unit: Unit, year: int) -> dict[str, Any]:
    """Aggregates only: counts by kind, on-time share of closed letters, backlog."""
    received = Letter.objects.filter(unit=unit, received_at__year=year)
    # A letter split by content counts once as received; its outcome is its parts'.
    letters = received.filter(split_from__isnull=True)
    by_kind = dict(letters.values_list("kind").annotate(n=Count("id")).order_by())
    handled = received.exclude(decision=Decision.SPLIT)
    closed = handled.filter(case__closed_at__isnull=False).aggregate(
        n=Count("id"), on_time=Count("id", filter=Q(case__on_time=True))
    )
    today = timezone.localdate()
    backlog = Letter.objects.filter(unit=unit, case__status__in=OPEN_STATUSES).aggregate(
        n=Count("id"), overdue=Count("id", filter=Q(case__due_date__lt=today))
    )
    sessions = ReceptionSession.objects.filter(
        unit=unit,
        date__year=year,
        kind=SessionKind.WEEKLY,
        host_role=HostRole.CHAIRMAN,
        date__lte=today,
    ).aggregate(
        n=Count("id"),
        held=Count("id", filter=Q(status=SessionStatus.HELD)),
        delegated=Count("id", filter=Q(status=SessionStatus.DELEGATED)),
    )
    return {
        "total": sum(by_kind.values()),
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in LetterKind.choices],
        "closed": closed["n"],
        "on_time": closed["on_time"],
        "on_time_share": (closed["on_time"] / closed["n"] * 100) if closed["n"] else None,
        "backlog": backlog["n"],
        "overdue": backlog["overdue"],
        "sessions": sessions["n"],
        "sessions_held": sessions["held"],
        "sessions_delegated": sessions["delegated"],
    }


def may_act(user: Any, unit: Unit) -> bool:
    from danvan.letters.services.decisions import ACTING_ROLES

    return has_role(user, unit, *ACTING_ROLES)


def queue_counts(user: Any) -> dict[str, int]:
    today: date = timezone.localdate()
    open_cases = Case.objects.filter(
        pk__in=letters_for_user(user).values("case_id"), status__in=OPEN_STATUSES
    )
    return open_cases.aggregate(open=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))


def letters_due(qs: QuerySet[Letter], state: str, today: date) -> QuerySet[Letter]:
    """The list's due-date filters, the same as the work queue's: open letters due from
    today to Sunday (``week``) or before today (``overdue``)."""
    state = state if state == "week" else "overdue"
    return qs.filter(due_q(state, today, field="case__due_date"), case__status__in=OPEN_STATUSES)


def acting_unit_ids(user: Any) -> list[int]:
    """Units where ``user`` deals with letters (from the cached memberships: no query)."""
    from danvan.letters.services.decisions import ACTING_ROLES

    return sorted(
        {m.unit_id for m in memberships_for(user) if m.unit_id and m.role in ACTING_ROLES}
    )


def dashboard_figures(user: Any, *, today: date | None = None) -> dict[str, Any] | None:
    """The letters card of the officers' dashboard: counts only, for the units where the
    user deals with letters, in three queries whatever the number of letters. None for
    someone who deals with letters nowhere (the card is then not shown).

    Counts go through ``letters_for_user``/``cases_for_user``, so a clerk is not told about
    denunciations they may not read, and each count equals the list it links to."""
    unit_ids = acting_unit_ids(user)
    if not unit_ids:
        return None
    today = today or timezone.localdate()
    open_q = Q(case__status__in=OPEN_STATUSES)
    letters = (
        letters_for_user(user)
        .filter(unit_id__in=unit_ids)
        .aggregate(
            pending=Count("id", filter=Q(decision=Decision.PENDING)),
            week=Count("id", filter=open_q & due_q("week", today, field="case__due_date")),
            overdue=Count("id", filter=open_q & due_q("overdue", today, field="case__due_date")),
        )
    )
    reception = (
        cases_for_user(user)
        .filter(unit_id__in=unit_ids, kind=LetterCaseKind.RECEPTION, status__in=OPEN_STATUSES)
        .aggregate(
            week=Count("id", filter=due_q("week", today)),
            overdue=Count("id", filter=due_q("overdue", today)),
        )
    )
    session = (
        ReceptionSession.objects.filter(
            unit_id__in=unit_ids,
            host_role=HostRole.CHAIRMAN,
            status=SessionStatus.SCHEDULED,
            date__gte=today,
        )
        .select_related("unit")
        .only("id", "date", "kind", "place", "unit__id", "unit__name")
        .order_by("date", "id")
        .first()
    )
    return {
        "letters": letters,
        "reception": reception,
        "next_session": session,
        # A single commune: the work queue's links can be narrowed to it.
        "unit_id": unit_ids[0] if len(unit_ids) == 1 else None,
        "several_units": len(unit_ids) > 1,
    }


def letter_by_submission_key(key: str) -> Letter | None:
    """The letter a public form submission already stored (a double submit finds it)."""
    return Letter.objects.select_related("case").filter(submission_key=key).first()


def upcoming_sessions(unit: Unit, today: date, *, limit: int) -> list[ReceptionSession]:
    """The next reception days of ``unit`` from ``today`` (one query)."""
    return list(
        ReceptionSession.objects.filter(unit=unit, date__gte=today).order_by("date", "id")[:limit]
    )


def letter_by_any_submission_key(keys: list[str]) -> Letter | None:
    """The letter stored under one of ``keys`` (an Open311 retry keyed by its content in the
    current or the previous window)."""
    return Letter.objects.select_related("case").filter(submission_key__in=keys).first()


def public_reflections() -> QuerySet[Letter]:
    """Reflections the public feed (Open311) may show. A reflection that was once a
    denunciation stays confidential: never in the public feed."""
    return Letter.objects.filter(kind=LetterKind.REFLECTION, sender_protected=False).select_related(
        "case", "unit"
    )


def sessions_of_host(
    unit_ids: list[int], host_role: str, first: date | None, last: date
) -> QuerySet[ReceptionSession]:
    """The reception sessions of one host (e.g. the Party secretary's days, issue #15) in
    ``unit_ids`` between ``first`` (None: from the start) and ``last``."""
    qs = ReceptionSession.objects.filter(unit_id__in=unit_ids, host_role=host_role, date__lte=last)
    if first is not None:
        qs = qs.filter(date__gte=first)
    return qs.order_by("date", "id")


def related_letter_counts(
    unit_id: int,
    windows: list[tuple[date, date]],
    *,
    category: str = "",
    keywords: list[str] | tuple[str, ...] = (),
    letter_ids: list[int] | tuple[int, ...] = (),
) -> list[int]:
    """How many letters of ``unit_id`` received in each (first, last) window — days in
    Vietnam — are "related": of ``category``, with one of ``keywords`` in their summary, or
    among ``letter_ids``. Duplicates of another letter are not counted twice. Counts only,
    one query whatever the number of windows (a campaign's before/after, issue #15)."""
    from datetime import datetime, time, timedelta

    from danvan.core.localtime import LOCAL_TZ

    related = Q(pk__in=list(letter_ids)) if letter_ids else Q(pk__in=[])
    if category:
        related |= Q(category=category)
    # Keywords are free text anyone acting on a campaign may type: matched against a protected
    # letter, a typed name would tell whether denunciations name that person.
    for word in keywords:
        if word.strip():
            related |= Q(title__icontains=word.strip()) & ~protected_q()
    qs = Letter.objects.filter(unit_id=unit_id, duplicate_of__isnull=True).filter(related)

    def moment(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)

    counts = qs.aggregate(
        **{
            f"w{n}": Count(
                "id",
                filter=Q(received_at__gte=moment(a), received_at__lt=moment(b + timedelta(days=1))),
            )
            for n, (a, b) in enumerate(windows)
        }
    )
    return [counts[f"w{n}"] for n in range(len(windows))]


def letter_in_unit(user: Any, unit: Unit, code: str) -> Letter | None:
    """The letter ``code`` of ``unit`` if ``user`` may read it (for linking), else None."""
    return letters_for_user(user).filter(unit=unit, case__code=code.strip()).first()


def letter_categories() -> list[tuple[str, str]]:
    """The letters' fields (categories) as (code, label), for other apps' choices."""
    from danvan.letters.categories import CATEGORIES

    return [(c.code, str(c.name)) for c in CATEGORIES]
