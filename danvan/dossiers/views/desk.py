"""The commune's one-stop set-up, by its leader: agency code, place name and signatory,
and which procedures the commune handles. One-stop officers of the commune may look."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import unit_for_user, units_for_user
from danvan.dossiers import services
from danvan.dossiers.forms import DeskSettingsForm
from danvan.dossiers.selectors import (
    desk_procedures,
    desk_settings_of,
    desk_units_for_user,
)
from danvan.dossiers.services.codes import agency_code, format_code
from danvan.dossiers.services.desk import can_edit_desk, can_view_desk, require_edit_desk
from danvan.territory.models import Unit

SEARCH_LIMIT = 50


@login_required
def desk_units(request: HttpRequest) -> HttpResponse:
    """The communes whose desk the user sets up or works at; a system administrator, who
    belongs to none, searches one by code or name."""
    units = list(desk_units_for_user(request.user)[:200])
    query = (request.GET.get("q") or "").strip()[:100]
    is_admin = request.user.is_active and request.user.is_superuser
    if is_admin and query:
        found = units_for_user(request.user).filter(Q(code=query) | Q(name__icontains=query))
        units = list(found.select_related("province").order_by("code")[:SEARCH_LIMIT])
    if not units and not is_admin:
        raise PermissionDenied(_("Trang này dành cho lãnh đạo và cán bộ một cửa của xã."))
    if len(units) == 1 and not is_admin:
        return redirect("dossiers:desk_settings", code=units[0].code)
    context = {"units": units, "query": query, "searchable": is_admin}
    return render(request, "dossiers/desk_units.html", context)


def _unit(request: HttpRequest, code: str) -> Unit:
    unit = unit_for_user(request.user, code)
    if not can_view_desk(request.user, unit):
        raise PermissionDenied(_("Trang này dành cho lãnh đạo và cán bộ một cửa của xã."))
    return unit


def _settings_page(
    request: HttpRequest, unit: Unit, form: DeskSettingsForm, status: int = 200
) -> HttpResponse:
    prefix = agency_code(unit)
    context = {
        "unit": unit,
        "form": form,
        "can_edit": can_edit_desk(request.user, unit),
        "current_prefix": prefix,
        "example_code": format_code(prefix, timezone.localdate(), 1),
    }
    return render(request, "dossiers/desk_settings.html", context, status=status)


@login_required
def desk_settings(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    if request.method != "POST":
        current = desk_settings_of(unit)
        initial = {f: getattr(current, f) for f in services.SETTINGS_FIELDS} if current else {}
        form = DeskSettingsForm(initial=initial)
        if not can_edit_desk(request.user, unit):
            for field in form.fields.values():
                field.disabled = True
        return _settings_page(request, unit, form)
    require_edit_desk(request.user, unit)  # before the form: 403, not 400
    form = DeskSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.unit_settings_update(actor=request.user, unit=unit, **form.cleaned_data)
        except services.DossierError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("Đã lưu thiết lập một cửa của xã."))
            return redirect("dossiers:desk_settings", code=unit.code)
    return _settings_page(request, unit, form, status=400)


def _procedures_page(
    request: HttpRequest, unit: Unit, checked: set[str] | None = None, status: int = 200
) -> HttpResponse:
    rows: list[dict[str, Any]] = []
    for procedure, handled, default in desk_procedures(unit):
        on = handled if checked is None else procedure.code in checked
        rows.append({"procedure": procedure, "on": on, "default": default})
    context = {"unit": unit, "rows": rows, "can_edit": can_edit_desk(request.user, unit)}
    return render(request, "dossiers/desk_procedures.html", context, status=status)


@login_required
def desk_procedures_view(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    if request.method != "POST":
        return _procedures_page(request, unit)
    require_edit_desk(request.user, unit)  # before the form: 403, not 400
    wanted = {c.strip()[:30] for c in request.POST.getlist("enabled")[:5000] if c.strip()}
    try:
        switched = services.unit_procedures_set(actor=request.user, unit=unit, enabled=wanted)
    except services.DossierError as exc:
        messages.error(request, str(exc.message))
        return _procedures_page(request, unit, checked=wanted, status=400)
    messages.success(
        request,
        _("Đã lưu: %(on)s thủ tục được áp dụng thêm, %(off)s thủ tục ngừng áp dụng tại xã.")
        % {"on": len(switched["on"]), "off": len(switched["off"])},
    )
    return redirect("dossiers:desk_procedures", code=unit.code)
