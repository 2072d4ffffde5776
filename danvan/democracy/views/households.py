"""A village's households: the list (officers of the commune) and its import."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.accounts.access import has_role
from danvan.democracy import selectors
from danvan.democracy.forms import HouseholdImportForm
from danvan.democracy.services.common import VILLAGE_ROLES
from danvan.democracy.services.households import HouseholdImportError, households_import
from danvan.democracy.views.common import require_role


@login_required
def village_households(request: HttpRequest, pk: int) -> HttpResponse:
    village = selectors.village_for_user(request.user, pk)
    can_import = has_role(request.user, village.unit, *VILLAGE_ROLES)
    form = HouseholdImportForm()
    issues: list = []
    imported = None
    status = 200
    if request.method == "POST":
        require_role(request, village.unit, VILLAGE_ROLES)
        form = HouseholdImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                imported = households_import(
                    actor=request.user, village=village, file=upload, filename=upload.name
                )
            except HouseholdImportError as exc:
                issues, status = exc.issues, 400
        else:
            status = 400
        village.refresh_from_db()
    rows = list(selectors.households_of_village(village)[:2000])
    return render(
        request,
        "democracy/households.html",
        {
            "unit": village.unit,
            "village": village,
            "rows": rows,
            "form": form,
            "issues": issues,
            "imported": imported,
            "can_import": can_import,
        },
        status=status,
    )
