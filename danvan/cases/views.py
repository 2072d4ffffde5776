"""Officers' views: the work queue and the case page with its actions."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.cases import forms as f
from danvan.cases import services
from danvan.cases.form_html import form_html
from danvan.cases.kinds import hidden_actions, kind_labels, render_panels
from danvan.cases.models import CLOSED_STATUSES, Case, CaseStatus
from danvan.cases.queue_rows import queue_rows
from danvan.cases.selectors import case_for_user, eligible_officers, readable_unit_ids
from danvan.cases.selectors_queue import (
    QUICK,
    ROW_FIELDS,
    TABS,
    QueueFilters,
    days_left,
    paginate,
    queue_cases,
    queue_filter_choices,
)
from danvan.cases.templatetags.cases_tags import badge_for
from danvan.core.boundary import parse_int
from danvan.core.search import looks_like_phone, stash, unstash

WORKERS = (Role.ONE_STOP, Role.SPECIALIST, Role.LEADER)

# action -> (form class, roles that may do it, whether the case must be paused to do it)
ACTIONS: dict[str, tuple[type, tuple[str, ...], bool | None]] = {
    "assign": (f.AssignForm, (Role.LEADER, Role.ONE_STOP), None),
    "hand_on": (f.HandOnForm, WORKERS, None),
    "pause": (f.PauseForm, WORKERS, False),
    "resume": (f.ResumeForm, WORKERS, True),
    "extend": (f.ExtendForm, (Role.LEADER,), None),
    "close": (f.CloseForm, WORKERS, None),
}
UNIT_FORMS = {"assign", "hand_on"}


def _int(value: Any) -> int | None:
    # Range-checked: an id larger than a 64-bit column is an error on SQLite, not "no row".
    return parse_int(value)


def _filters(request: HttpRequest) -> QueueFilters:
    get = request.GET
    kinds, statuses = set(kind_labels()), set(CaseStatus.values)
    return QueueFilters(
        tab=get.get("tab") if get.get("tab") in TABS else "unit",
        quick=get.get("quick") if get.get("quick") in QUICK else "",
        kind=get.get("kind") if get.get("kind") in kinds else "",
        status=get.get("status") if get.get("status") in statuses else "",
        unit=_int(get.get("unit")),
        assignee=_int(get.get("assignee")),
        # A phone number searched for arrives as a session token ("s"), never in the URL.
        q=(get.get("q") or unstash(request, get.get("s")) or "").strip()[:100],
    )


QUEUE_FILTERS = ("tab", "quick", "kind", "status", "unit", "assignee")
# A dossier's code (Decree 61: unit-yymmdd-nnnn) is digits and dashes, like a phone typed
# with dashes; it is a code, and goes in the URL as one.
CASE_CODE = re.compile(r"^\d{5}-\d{6}-\d{4}$")


def _search_redirect(request: HttpRequest) -> HttpResponse:
    """The filter form posts; answer with the results' URL. A phone number is kept in the
    session and the URL names it by a token, so it never reaches an access log."""
    params = QueryDict(mutable=True)
    for name in QUEUE_FILTERS:
        value = (request.POST.get(name) or "").strip()
        if value:
            params[name] = value
    q = (request.POST.get("q") or "").strip()[:100]
    if q and looks_like_phone(q) and not CASE_CODE.match(q):
        params["s"] = stash(request, q)
    elif q:
        params["q"] = q
    url = reverse("cases:queue")
    return redirect(f"{url}?{params.urlencode()}" if params else url)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _search_redirect(request)
    filters = _filters(request)
    today = timezone.localdate()
    cases = queue_cases(request.user, filters, today=today).only(*ROW_FIELDS)
    page = paginate(cases, request.GET.get("page"))
    # Labels resolved once per page: get_FOO_display() per row re-hashes every lazy choice.
    labels = kind_labels()
    status_labels = {k: str(v) for k, v in CaseStatus.choices}
    # One reverse() for the page instead of one per row.
    detail_url = reverse("cases:detail", args=["CODE"]).replace("CODE", "{}")
    for case in page.object_list:
        case.url = detail_url.format(quote(case.code, safe=""))
        case.days_left = days_left(case, today)
        case.badge = badge_for(case)
        case.kind_label = labels.get(case.kind, case.kind)
        case.status_label = status_labels.get(case.status, case.status)
    unit_ids = readable_unit_ids(request.user)
    units, officers = queue_filter_choices(unit_ids)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "cases/queue.html",
        {
            "page": page,
            "rows": queue_rows(page.object_list, show_unit=bool(units)),
            "filters": filters,
            "querystring": params.urlencode(),
            "units": units,
            "officers": officers,
            "kinds": list(labels.items()),
            "statuses": list(status_labels.items()),
            "quick_choices": _quick_choices(),
            "today": today,
        },
    )


def _quick_choices() -> list[tuple[str, str]]:
    return [
        ("", _("Đang giải quyết")),
        ("today", _("Đến hạn hôm nay")),
        ("week", _("Đến hạn tuần này")),
        ("overdue", _("Quá hạn")),
        ("waiting", _("Chờ người dân")),
        ("closed", _("Đã kết thúc")),
    ]


def _allowed_actions(user: Any, case: Case) -> list[str]:
    if case.status in CLOSED_STATUSES:
        return []
    paused = case.paused_at is not None
    hidden = hidden_actions(case)
    return [
        name
        for name, (_form, roles, needs_paused) in ACTIONS.items()
        if name not in hidden
        and has_role(user, case.unit, *roles)
        and (needs_paused is None or needs_paused == paused)
    ]


def _primary_actions(case: Case, allowed: list[str]) -> set[str]:
    """The one or two actions the case waits for now; the others go behind a disclosure.
    Paused: resume. Nobody on it: give it to someone. Otherwise: hand it on, or end it."""
    if case.paused_at is not None:
        wanted = ["resume"]
    elif case.assignee_id is None:
        wanted = ["assign", "hand_on"]
    else:
        wanted = ["close", "hand_on"]
    return set([name for name in wanted if name in allowed][:2])


def _make_form(name: str, case: Case, data: Any = None, officers: Any = None) -> Any:
    form_class = ACTIONS[name][0]
    kwargs = {"unit": case.unit, "officers": officers} if name in UNIT_FORMS else {}
    return form_class(data, prefix=name, **kwargs)


def _explanation(events: list[Any]) -> list[str]:
    """The lines explaining the current due date: from the last event that computed it."""
    key = "explanation_en" if (get_language() or "vi").startswith("en") else "explanation_vi"
    for event in reversed(events):
        lines = (event.data or {}).get(key)
        if lines:
            return [str(line) for line in lines] if isinstance(lines, list) else [str(lines)]
    return []


def _render_detail(
    request: HttpRequest, case: Case, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    events = list(case.events.select_related("actor").order_by("at", "id"))
    allowed = _allowed_actions(request.user, case)
    # Assign and hand on offer the same officers: read once for both.
    officers = eligible_officers(case.unit) if UNIT_FORMS & set(allowed) else None
    action_forms = {name: _make_form(name, case, officers=officers) for name in allowed}
    if bound is not None:
        action_forms[bound[0]] = bound[1]
    case.days_left = days_left(case, timezone.localdate())
    primary = _primary_actions(case, list(action_forms))
    # (name, form, its fields' HTML): empty forms' HTML comes from cases.form_html's cache.
    items = [(n, f, form_html(n, f)) for n, f in action_forms.items()]
    context = {
        "primary_forms": [item for item in items if item[0] in primary],
        "other_forms": [item for item in items if item[0] not in primary],
        "case": case,
        "events": events,
        "explanation": _explanation(events),
        "action_forms": action_forms,
        "panels": render_panels(request, case),
        "can_act": bool(allowed),
    }
    return render(request, "cases/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    return _render_detail(request, case_for_user(request.user, code))


def _call_service(name: str, case: Case, user: Any, data: dict[str, Any]) -> Case:
    if name == "assign":
        return services.case_assign(
            case=case,
            actor=user,
            assignee=data["assignee"],
            department=data["department"],
            note=data["note"],
        )
    if name == "hand_on":
        return services.case_hand_on(
            case=case,
            actor=user,
            to_user=data["to_user"],
            to_department=data["to_department"],
            note=data["note"],
        )
    if name == "pause":
        return services.case_pause(case=case, actor=user, at=data["at"], reason=data["reason"])
    if name == "resume":
        return services.case_resume(
            case=case, actor=user, at=data["at"], restart=data["restart"], note=data["note"]
        )
    if name == "extend":
        return services.case_extend(
            case=case,
            actor=user,
            reason=data["reason"],
            criteria=data["criteria"],
            days=data["days"],
        )
    return services.case_close(
        case=case,
        actor=user,
        status=data["status"],
        at=data["at"],
        note=data["note"],
        public_note=data["public_note"],
    )


def error_message(exc: Exception) -> str:
    """A refusal from a service or the legal clock, in the request's language."""
    describe = getattr(exc, "message", None)
    if callable(describe):  # DeadlineError.message(lang)
        return str(describe(get_language() or "vi"))
    return str(describe or exc)


@login_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("No such action")
    case = case_for_user(request.user, code)
    if not has_role(request.user, case.unit, *ACTIONS[action][1]):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if action not in _allowed_actions(request.user, case):
        messages.error(request, _("Thao tác này không áp dụng cho việc ở trạng thái hiện tại."))
        return redirect("cases:detail", code=case.code)
    form = _make_form(action, case, request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng sửa các lỗi được nêu bên dưới."))
        return _render_detail(request, case, (action, form), status=400)
    try:
        _call_service(action, case, request.user, form.cleaned_data)
    except ValueError as exc:  # CaseError, DeadlineError
        form.add_error(None, error_message(exc))
        messages.error(request, error_message(exc))
        return _render_detail(request, case, (action, form), status=400)
    messages.success(request, _("Đã cập nhật."))
    return redirect("cases:detail", code=case.code)
