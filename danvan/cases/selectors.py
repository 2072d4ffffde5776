"""Reads of the case core: access-scoped querysets, the one way views fetch a case, and the
public lookup by code and secret."""

from __future__ import annotations

import hmac
import unicodedata
from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts.access import memberships_for, unit_ids_for_user
from danvan.accounts.roles import Role
from danvan.cases.kinds import event_label, kind_label
from danvan.cases.models import OPEN_STATUSES, Case
from danvan.core.notes import translate_note
from danvan.core.periods import period, period_bounds


def readable_unit_ids(user: Any) -> list[int]:
    """Ids of the units whose cases ``user`` may read (cached on the user object)."""
    cached = getattr(user, "_danvan_case_unit_ids", None)
    if cached is None:
        blind = _case_blind_unit_ids(user)
        cached = [pk for pk in unit_ids_for_user(user) if pk not in blind]
        if getattr(user, "is_authenticated", False):
            user._danvan_case_unit_ids = cached
    return cached


# Roles that do not read the commune's case files: the Front's and the mass organisations'
# members act in their own role (joint programmes, models, supervision, issue #15) and see
# what is their organisation's, not the one-stop desk's queue or the letters' files.
CASE_BLIND_ROLES = frozenset({Role.FRONT})


def _case_blind_unit_ids(user: Any) -> set[int]:
    """Units where every role ``user`` holds is case-blind (from the cached memberships)."""
    memberships = memberships_for(user)
    if any(m.unit_id is None for m in memberships):
        # A province role reads its communes whatever else the user holds.
        return set()
    roles: dict[int, set[str]] = {}
    for m in memberships:
        roles.setdefault(m.unit_id, set()).add(m.role)
    return {unit_id for unit_id, held in roles.items() if held <= CASE_BLIND_ROLES}


def leader_unit_ids(user: Any) -> list[int]:
    """Units where ``user`` is a leader (from the cached memberships: no query)."""
    return sorted({m.unit_id for m in memberships_for(user) if m.unit_id and m.role == Role.LEADER})


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def cases_for_user(user: Any) -> QuerySet[Case]:
    """Cases ``user`` may read: those of their units; a confidential case only for the leaders of its unit and its assignee."""
    if not _active(user):
        return Case.objects.none()
    qs = Case.objects.all()
    if not user.is_superuser:
        qs = qs.filter(unit_id__in=readable_unit_ids(user))
    visible = Q(confidential=False)
    visible |= Q(assignee_id=user.pk)
    visible |= Q(unit_id__in=leader_unit_ids(user))
    return qs.filter(visible)


def case_for_user(user: Any, code: str) -> Case:
    """The case ``code`` if ``user`` may read it, else ``Http404`` (no hint it exists)."""
    case = (
        cases_for_user(user)
        .select_related("unit", "unit__province", "assignee")
        .filter(code=code)
        .first()
    )
    if case is None:
        raise Http404("No such case")
    return case


def typed_code(text: str | None) -> str:
    """A code or secret as a person typed or pasted it, without what cannot be part of one:
    spaces, and the invisible characters a chat app copies with a message (zero-width
    space, word joiner, byte-order mark...). Codes never hold a space."""
    return "".join(c for c in (text or "") if not c.isspace() and unicodedata.category(c) != "Cf")


def case_public_lookup(code: str, secret: str) -> Case | None:
    """The case for the public tracking page, or None for an unknown code or a wrong secret
    (the same answer for both, so the page is no oracle for valid codes)."""
    code = typed_code(code)
    given = typed_code(secret).upper().encode()
    if not code or not given or len(code) > 40:
        return None
    # As printed (every code generator writes capitals) or as typed: an index lookup each.
    case = Case.objects.select_related("unit").filter(code__in={code, code.upper()}).first()
    if case is None:
        # Compare anyway so an unknown code costs the same time as a wrong secret.
        hmac.compare_digest(given, b"XXXXXXXX")
        return None
    if not hmac.compare_digest(given, case.secret.upper().encode()):
        return None
    return case


def public_events(case: Case) -> QuerySet[Any]:
    """The steps a citizen may see: public events only, oldest first."""
    return case.events.filter(public=True).order_by("at", "id")


def public_case(case: Case) -> dict[str, Any]:
    """Everything the public may know about a case, and nothing more: an explicit allow-list
    (no names, phones, addresses, title, assignee or internal notes), shared by the tracking
    page and the API so they cannot drift apart."""
    return {
        "code": case.code,
        "kind": case.kind,
        "kind_label": kind_label(case.kind),
        "unit": {"code": case.unit.code, "name": case.unit.name},
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "received_at": case.received_at,
        "due_date": case.due_date,
        "closed_at": case.closed_at,
        "on_time": case.on_time,
        "paused": case.paused_at is not None,
        "overdue": bool(
            case.is_open
            and case.paused_at is None
            and case.due_date is not None
            and case.due_date < timezone.localdate()
        ),
        "steps": [
            {
                "at": event.at,
                "kind": event.kind,
                "label": event_label(event.kind),
                # Stored in Vietnamese; read in the request's language (an API client's
                # Accept-Language, a page's chosen language).
                "note": translate_note(event.note),
            }
            for event in public_events(case)
        ],
    }


def tracking_url(case: Case, *, absolute: bool = False) -> str:
    """The public tracking link printed on slips and in QR codes: ``/tra-cuu/<code>/?secret=S``"""
    from urllib.parse import urlencode

    from django.conf import settings
    from django.urls import reverse

    path = reverse("tracking:detail", args=[case.code])
    url = f"{path}?{urlencode({'secret': case.secret})}"
    return f"{getattr(settings, 'SITE_ROOT', '')}{url}" if absolute else url


def on_time_by_unit(
    cases: QuerySet[Case], month_start: date, month_end: date, *, closed_status: str | None = None
) -> dict[int, tuple[float, float]]:
    """Closed on time ÷ due, per commune, over ``cases`` (already narrowed to a kind and to
    the communes asked for): closed in the period (with ``closed_status`` only, when given),
    plus still open with a due date in the period that has passed — Decision 766's
    arithmetic, which every kind's on-time indicator applies. Two queries."""
    start, end = period_bounds(month_start, month_end)
    first, last = period(month_start, month_end)
    closed = cases.filter(closed_at__gte=start, closed_at__lt=end)
    if closed_status is not None:
        closed = closed.filter(status=closed_status)
    finished = (
        closed.values("unit_id")
        .order_by()
        .annotate(n=Count("id"), ok=Count("id", filter=Q(on_time=True)))
    )
    overdue = (
        cases.filter(
            status__in=OPEN_STATUSES,
            due_date__gte=first,
            due_date__lte=last,
            due_date__lt=timezone.localdate(),
        )
        .values("unit_id")
        .order_by()
        .annotate(n=Count("id"))
    )
    num: dict[int, float] = defaultdict(float)
    den: dict[int, float] = defaultdict(float)
    for row in finished:
        num[row["unit_id"]] += row["ok"]
        den[row["unit_id"]] += row["n"]
    for row in overdue:
        den[row["unit_id"]] += row["n"]
    return {uid: (num[uid], d) for uid, d in den.items() if d}


# Who may be handed a case to act on: the roles that work cases (accounts.roles); the
# Front, the People's Inspection Board, the village head supervise and are not handed work.
CASE_WORK_ROLES = (Role.ONE_STOP, Role.SPECIALIST, Role.LEADER)


def open_workload(user_ids: list[int]) -> dict[int, int]:
    """user id -> number of open cases assigned to them: one grouped query for the list."""
    rows = (
        Case.objects.filter(assignee_id__in=user_ids, status__in=OPEN_STATUSES)
        .values("assignee_id")
        .annotate(n=Count("id"))
        .values_list("assignee_id", "n")
    )
    return dict(rows)


def eligible_officers(unit: Any) -> list[Any]:
    """The officers of ``unit`` who may act on its cases, each with ``role_labels`` (their
    working roles there) and ``open_cases`` (their current workload): three queries whatever
    the number of officers."""
    from danvan.accounts.selectors import officers_of_unit, roles_in_unit

    officers = list(officers_of_unit(unit, *CASE_WORK_ROLES))
    ids = [o.pk for o in officers]
    held = roles_in_unit(unit, ids, *CASE_WORK_ROLES)
    loads = open_workload(ids)
    labels = {str(r.value): str(r.label) for r in Role}
    for officer in officers:
        officer.role_labels = [labels.get(code, code) for code in held.get(officer.pk, [])]
        officer.open_cases = loads.get(officer.pk, 0)
    return officers


def officer_choice_label(officer: Any) -> str:
    """ "Name — role(s) · N open cases": how an eligible officer is offered in a hand-on list."""
    from django.utils.translation import ngettext

    name = officer.get_full_name() or officer.get_username()
    roles = ", ".join(getattr(officer, "role_labels", []))
    n = getattr(officer, "open_cases", 0)
    load = ngettext("%(n)d việc đang mở", "%(n)d việc đang mở", n) % {"n": n}
    return f"{name} — {roles} · {load}" if roles else f"{name} · {load}"
