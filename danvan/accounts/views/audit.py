"""The audit log, as leaders and administrators of a unit may read it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import selectors
from danvan.accounts.audit_export import audit_xlsx, purpose_of
from danvan.accounts.forms import AuditFilterForm
from danvan.core.audit_labels import action_label
from danvan.territory.selectors import unit_names

PAGE_SIZE = 50


# An export is capped: an inspector narrows the period or the person for more.
EXPORT_LIMIT = 20_000


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    codes = selectors.audit_unit_codes(request.user)
    if codes is not None and not codes:
        raise PermissionDenied(_("Chỉ lãnh đạo hoặc quản trị của đơn vị xem được nhật ký."))
    params = request.GET.copy()
    wants_xlsx = params.pop("format", [""])[0] == "xlsx"
    params.pop("page", None)
    bound = any(v for v in params.values())
    form = AuditFilterForm(params if bound else None, actions=selectors.audit_actions(codes))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = selectors.audit_entries(
        codes,
        action=filters.get("action") or "",
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        person=filters.get("person") or "",
        case=filters.get("case") or "",
    )
    valid = not form.is_bound or form.is_valid()
    if wants_xlsx and valid:
        rows: list[Any] = list(entries[:EXPORT_LIMIT])  # typed: page rows below get attributes
        names = unit_names({r.unit_code for r in rows if r.unit_code})
        body = audit_xlsx(rows, names, title=", ".join(sorted(set(names.values()))) or "danvan")
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="nhat-ky-{timezone.localdate():%Y%m%d}.xlsx"'
        )
        return response
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    # One query for the names of the units on this page, not one per row.
    names = unit_names({r.unit_code for r in rows if r.unit_code})
    for row in rows:
        row.action_label = action_label(row.action)
        row.purpose = purpose_of(row)
    query = params.urlencode()
    return render(
        request,
        "accounts/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": [(r, names.get(r.unit_code, r.unit_code)) for r in rows],
            "query": query,
            "status_ok": valid,
        },
        status=200 if valid else 400,
    )
