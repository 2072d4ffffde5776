"""The outbox page of a commune: every message to citizens, queued, sent or failed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.cases.selectors_outbox import describe, outbox_counts, outbox_rows, outbox_units
from danvan.core.models import NotificationStatus


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    units = list(outbox_units(request.user))
    if not units:
        raise PermissionDenied(_("Trang này dành cho cán bộ xã, phường."))
    unit = next((u for u in units if u.code == request.GET.get("unit")), units[0])
    status = request.GET.get("status", "")
    status = status if status in NotificationStatus.values else ""
    page = Paginator(outbox_rows(unit.code, status=status), 50).get_page(request.GET.get("page"))
    rows = describe(list(page.object_list))
    return render(
        request,
        "cases/outbox.html",
        {
            "units": units,
            "unit": unit,
            "status": status,
            "statuses": NotificationStatus.choices,
            "counts": outbox_counts(unit.code),
            "page": page,
            "rows": rows,
        },
    )
