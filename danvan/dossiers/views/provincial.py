"""Taking dossiers from the provincial one-stop system: the upload page of a commune's
one-stop officers and leaders, and the example file."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.accounts.access import acting_units, unit_for_user
from danvan.dossiers import services
from danvan.dossiers.forms import ProvincialImportForm
from danvan.dossiers.services.provincial import IMPORT_ROLES, can_import

# About 10 s at the first-import rate measured on PostgreSQL (85–105 new dossiers/s, see
# bench/provincial_import.py): well inside a web worker's timeout (gunicorn: 30 s). Dossiers
# already taken cost little to re-import and are not counted. A month of an average commune
# (~700 dossiers) fits; a first load of a year's history goes through the command.
WEB_MAX_NEW = 1000
EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "provincial_example.csv"


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("Chỉ cán bộ một cửa hoặc lãnh đạo của xã được nhập hồ sơ."))


@login_required
def provincial_units(request: HttpRequest) -> HttpResponse:
    units = list(acting_units(request.user, *IMPORT_ROLES).order_by("code")[:200])
    if not units:
        raise _refuse()
    if len(units) == 1:
        return redirect("dossiers:provincial_import", code=units[0].code)
    return render(request, "dossiers/provincial_units.html", {"units": units})


@login_required
def provincial_import(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    if not can_import(request.user, unit):
        raise _refuse()
    result, filename, status = None, "", 200
    if request.method == "POST":
        form = ProvincialImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            filename = upload.name
            result = services.provincial_import(
                unit=unit,
                file=upload,
                filename=upload.name,
                actor=request.user,
                max_new=WEB_MAX_NEW,
            )
            if not result.ok:
                status = 400
        else:
            status = 400
    else:
        form = ProvincialImportForm()
    context = {"unit": unit, "form": form, "result": result, "filename": filename}
    return render(request, "dossiers/provincial_import.html", context, status=status)


@login_required
def provincial_example(request: HttpRequest) -> HttpResponse:
    if not acting_units(request.user, *IMPORT_ROLES).exists() and not request.user.is_superuser:
        raise _refuse()
    response = FileResponse(EXAMPLE.open("rb"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ho-so-tu-tinh-mau.csv"'
    return response
