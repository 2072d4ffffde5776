"""Reads of the officers' work queue: filters, search, counts and a paginator that stays fast
on a million cases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from danvan.cases.models import CLOSED_STATUSES, OPEN_STATUSES, Case
from danvan.cases.selectors import cases_for_user
from danvan.cases.text import fold

PAGE_SIZE = 50
# Beyond this many rows the paginator stops counting exactly ("more than 1000"): an exact
# COUNT over a commune's whole history, or a province's, would cost more than the page.
COUNT_CAP = 1_000

TABS = ("mine", "unit")
QUICK = ("", "today", "week", "overdue", "waiting", "closed")

_PHONE = re.compile(r"^\+?[\d .\-]{6,20}$")


@dataclass(frozen=True)
class QueueFilters:
    tab: str = "unit"
    quick: str = ""
    kind: str = ""
    status: str = ""
    unit: int | None = None
    assignee: int | None = None
    q: str = ""


def phone_variants(text: str) -> list[str]:
    """The ways a phone number may have been typed: 0912345678, 84912345678, +84912345678."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("84") and len(digits) >= 10:
        local = "0" + digits[2:]
    elif digits.startswith("0"):
        local = digits
    else:
        local = "0" + digits
    national = "84" + local[1:]
    return sorted({digits, local, national, "+" + national})


def _search(qs: QuerySet[Case], q: str) -> QuerySet[Case]:
    q = q.strip()[:100]
    if not q:
        return qs
    if _PHONE.match(q) and sum(ch.isdigit() for ch in q) >= 6:
        return qs.filter(applicant_phone__in=phone_variants(q))
    folded = fold(q)
    # A code is matched by its start (an index range scan, case kept as printed); a name
    # accent-insensitively anywhere in it.
    return qs.filter(Q(code__startswith=q.upper()) | Q(code=q) | Q(search_name__contains=folded))


def _exact_code(qs: QuerySet[Case], q: str) -> QuerySet[Case] | None:
    """The case whose code is exactly ``q``, among those the officer may read, whatever its
    status, assignee or the other filters: a code typed in is a case looked for. A code of
    digits and dashes (a dossier's) is looked up here before it could pass for a phone."""
    q = q.strip()[:100]
    if not q or " " in q:
        return None
    found = qs.filter(code__in={q, q.upper()})
    if not found.exists():
        return None
    return found.select_related("unit", "assignee").order_by("id")


def week_end(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def due_q(state: str, today: date, *, field: str = "due_date") -> Q:
    """The queue's due filters as a condition on ``field`` (``case__due_date`` from a kind's
    own rows): due from today to Sunday (``week``) or before today (``overdue``). Open cases
    only is the caller's part."""
    if state == "week":
        return Q(**{f"{field}__gte": today, f"{field}__lte": week_end(today)})
    if state == "overdue":
        return Q(**{f"{field}__lt": today})
    raise ValueError(f"unknown due state {state!r}")


def queue_cases(user: Any, filters: QueueFilters, *, today: date | None = None) -> QuerySet[Case]:
    """The cases of the work queue for ``user`` under ``filters``, most urgent first."""
    today = today or timezone.localdate()
    qs = cases_for_user(user)
    exact = _exact_code(qs, filters.q)
    if exact is not None:
        return exact
    if filters.tab == "mine":
        qs = qs.filter(assignee_id=user.pk)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.assignee:
        qs = qs.filter(assignee_id=filters.assignee)
    if filters.quick == "closed":
        qs = qs.filter(status__in=CLOSED_STATUSES)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    else:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if filters.quick == "today":
        qs = qs.filter(due_date=today)
    elif filters.quick in ("week", "overdue"):
        qs = qs.filter(due_q(filters.quick, today), status__in=OPEN_STATUSES)
    elif filters.quick == "waiting":
        qs = qs.filter(status="waiting_citizen")
    qs = _search(qs, filters.q)
    qs = qs.select_related("unit", "assignee")
    if filters.quick == "closed" or (filters.status and filters.status in CLOSED_STATUSES):
        # Every closed case has closed_at (case_close sets it): saying so lets the database
        # walk the partial index case_closed_recent in order.
        return qs.filter(closed_at__isnull=False).order_by("-closed_at", "-id")
    return qs.order_by(F("due_date").asc(nulls_last=True), "id")


class CappedPaginator(Paginator):
    """A paginator whose count stops at ``COUNT_CAP`` (``capped`` says so)."""

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        # No ORDER BY in the count: the database stops at the cap instead of sorting first.
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


# What a row of the work queue shows: loading only these keeps a page cheap to build.
ROW_FIELDS = (
    "id", "code", "kind", "title", "confidential", "applicant_name", "applicant_phone",
    "status", "due_date", "paused_at", "on_time", "closed_at", "unit_id", "assignee_id",
    "unit__id", "unit__name", "unit__code",
    "assignee__id", "assignee__username", "assignee__first_name", "assignee__last_name",
)  # fmt: skip


def paginate(qs: QuerySet[Case], page: Any) -> Any:
    return CappedPaginator(qs, PAGE_SIZE).get_page(page)


def days_left(case: Case, today: date) -> int | None:
    if case.due_date is None:
        return None
    return (case.due_date - today).days


def queue_counts(user: Any, *, today: date | None = None) -> dict[str, int]:
    """Figures for the "my work" card: my open cases, and of them those due this week and
    those overdue — each the count of the list its link opens (``tab=mine`` with the same
    ``quick`` filter of ``queue_cases``)."""
    today = today or timezone.localdate()
    return (
        cases_for_user(user)
        .filter(status__in=OPEN_STATUSES, assignee_id=getattr(user, "pk", None))
        .aggregate(
            mine=Count("id", filter=Q(assignee_id=getattr(user, "pk", None))),
            week=Count("id", filter=due_q("week", today)),
            overdue=Count("id", filter=due_q("overdue", today)),
        )
    )


def queue_filter_choices(unit_ids: list[int]) -> tuple[list[Any], list[Any]]:
    """The queue's commune and assignee choices for a reader of ``unit_ids``: the communes
    (only when there are several) and the officers of the first fifty of them, by user name."""
    from django.contrib.auth import get_user_model

    from danvan.territory.models import Unit

    units = list(Unit.objects.filter(pk__in=unit_ids).order_by("name")) if len(unit_ids) > 1 else []
    officers = list(
        get_user_model()
        .objects.filter(memberships__unit_id__in=unit_ids[:50], is_active=True)
        .distinct()
        .order_by("username")[:300]
    )
    return units, officers
