"""Pages where a commune's administrators edit its attributes and villages.

They live in ``accounts`` because who may edit is a question of people and roles, which
territory (to the left of accounts) knows nothing of; the data and its writes stay
territory's (``territory.services``). Mounted at ``dia-ban/`` beside territory's own pages
(``accounts.territory_urls``), and linked from a commune's page through
``registries.unit_page_sections``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.accounts.access import acting_units, has_role
from danvan.territory import selectors, services
from danvan.territory.forms import UnitAttributesForm, VillageForm, VillageImportForm
from danvan.territory.models import Unit, UnitKind, Village, VillageKind

EDITOR_ROLES = ("admin", "leader")


def _can_edit(user: Any, unit: Unit) -> bool:
    return has_role(user, unit, *EDITOR_ROLES)


def _unit_for_editor(user: Any, code: str) -> Unit:
    """The unit ``code`` if the user administers it: 404 if unknown, 403 if not theirs."""
    unit = selectors.unit_by_code(code)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị hành chính mã %(code)s.") % {"code": code})
    if not _can_edit(user, unit):
        raise PermissionDenied(_("Bạn không có quyền quản lý địa bàn của đơn vị này."))
    return unit


def _village_for_editor(user: Any, village_id: int) -> Village:
    """A village of a unit the user administers; anyone else's is 'not found'."""
    village = selectors.village_by_id(village_id)
    if village is None or not _can_edit(user, village.unit):
        raise Http404(_("Không tìm thấy thôn, tổ dân phố."))
    return village


def _data(request: HttpRequest) -> Any:
    # Bind on every POST, even an empty one (all boxes unticked), never on GET.
    return request.POST if request.method == "POST" else None


def _form_error(form: Any, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


@login_required
def my_units(request: HttpRequest) -> HttpResponse:
    units = acting_units(request.user, *EDITOR_ROLES).select_related("province").order_by("code")
    return render(request, "accounts/territory/my_units.html", {"units": list(units)})


@login_required
def unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit_for_editor(request.user, code)
    initial = {
        "is_remote": unit.is_remote,
        "is_especially_difficult": unit.is_especially_difficult,
        "population": unit.population,
        "households": unit.households,
    }
    form = UnitAttributesForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update_attributes(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin của %(unit)s.") % {"unit": unit.name})
            return redirect("territory:unit", code=unit.code)
    return render(request, "accounts/territory/unit_edit.html", {"unit": unit, "form": form})


@login_required
def village_add(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit_for_editor(request.user, code)
    default_kind = VillageKind.TO_DAN_PHO if unit.kind == UnitKind.PHUONG else VillageKind.THON
    form = VillageForm(_data(request), initial={"kind": default_kind})
    if request.method == "POST" and form.is_valid():
        try:
            village = services.village_create(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": village.name})
            return redirect("territory:unit", code=unit.code)
    return render(
        request,
        "accounts/territory/village_form.html",
        {"unit": unit, "form": form, "village": None},
    )


@login_required
def village_edit(request: HttpRequest, pk: int) -> HttpResponse:
    village = _village_for_editor(request.user, pk)
    initial = {
        "name": village.name,
        "kind": village.kind,
        "households": village.households,
        "population": village.population,
    }
    form = VillageForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.village_update(actor=request.user, village=village, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": village.name})
            return redirect("territory:unit", code=village.unit.code)
    return render(
        request,
        "accounts/territory/village_form.html",
        {"unit": village.unit, "form": form, "village": village},
    )


@login_required
def village_delete(request: HttpRequest, pk: int) -> HttpResponse:
    village = _village_for_editor(request.user, pk)
    if request.method == "POST":
        code, name = village.unit.code, village.name
        services.village_delete(actor=request.user, village=village)
        messages.success(request, _("Đã xóa %(name)s.") % {"name": name})
        return redirect("territory:unit", code=code)
    return render(request, "accounts/territory/village_delete.html", {"village": village})


@login_required
def village_import(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit_for_editor(request.user, code)
    form = VillageImportForm(_data(request), request.FILES if request.method == "POST" else None)
    issues: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.villages_import(
                actor=request.user, unit=unit, file=upload, filename=upload.name
            )
        except services.VillageImportError as exc:
            issues = exc.issues
        else:
            messages.success(
                request,
                _("Đã nhập %(count)s thôn, tổ dân phố vào %(unit)s.")
                % {"count": result.created, "unit": unit.name},
            )
            return redirect("territory:unit", code=unit.code)
    status = 400 if request.method == "POST" and (issues or form.errors) else 200
    return render(
        request,
        "accounts/territory/village_import.html",
        {"unit": unit, "form": form, "issues": issues},
        status=status,
    )
