"""The audit log, as leaders and administrators of a unit may read it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.accounts import selectors
from danvan.accounts.forms import AuditFilterForm
from danvan.territory.selectors import unit_names

PAGE_SIZE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    codes = selectors.audit_unit_codes(request.user)
    if codes is not None and not codes:
        raise PermissionDenied(_("Chỉ lãnh đạo hoặc quản trị của đơn vị xem được nhật ký."))
    form = AuditFilterForm(request.GET or None, actions=selectors.audit_actions(codes))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = selectors.audit_entries(
        codes,
        action=filters.get("action") or "",
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    # One query for the names of the units on this page, not one per row.
    names = unit_names({r.unit_code for r in rows if r.unit_code})
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": [(r, names.get(r.unit_code, r.unit_code)) for r in rows],
            "query": query.urlencode(),
            "status_ok": not form.is_bound or form.is_valid(),
        },
        status=200 if (not form.is_bound or form.is_valid()) else 400,
    )
