"""Officers of a unit, for its leaders and administrators; administrators add and remove roles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import selectors
from danvan.accounts.access import acting_units, has_role, require_role
from danvan.accounts.forms import ImportForm, MembershipForm
from danvan.accounts.importing import OfficersImportError, officers_import_file
from danvan.accounts.roles import Role
from danvan.accounts.services import membership_add, membership_remove, normalize_username
from danvan.territory.models import Unit


@login_required
def officer_units(request: HttpRequest) -> HttpResponse:
    units = list(selectors.units_managed_by(request.user)[:200])
    if not units:
        raise PermissionDenied(
            _("Chỉ lãnh đạo hoặc quản trị của đơn vị xem được danh sách cán bộ.")
        )
    if len(units) == 1:
        return HttpResponseRedirect(reverse("accounts:officers", args=[units[0].code]))
    return render(request, "accounts/officer_units.html", {"units": units})


def _page(
    request: HttpRequest, unit: Unit, form: MembershipForm, status: int = 200
) -> HttpResponse:
    memberships = list(selectors.memberships_of_unit(unit))
    return render(
        request,
        "accounts/officers.html",
        {
            "unit": unit,
            "memberships": memberships,
            "can_manage": has_role(request.user, unit, Role.ADMIN),
            "form": form,
        },
        status=status,
    )


@login_required
def officers(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_managed_by(request.user, code)
    if request.method != "POST":
        return _page(request, unit, MembershipForm())
    require_role(request.user, unit, Role.ADMIN)
    form = MembershipForm(request.POST)
    if form.is_valid():
        username = normalize_username(form.cleaned_data["username"])
        user = selectors.account_named(username, active_only=True)
        if user is None:
            form.add_error(
                "username", _("Không có cán bộ mang tên đăng nhập “%(name)s”.") % {"name": username}
            )
        else:
            try:
                _m, created = membership_add(
                    user=user,
                    role=form.cleaned_data["role"],
                    unit=unit,
                    organisation=form.cleaned_data["organisation"],
                    actor=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if created:
                    messages.success(
                        request, _("Đã thêm vai trò cho %(name)s.") % {"name": username}
                    )
                else:
                    messages.info(request, _("%(name)s đã có vai trò này.") % {"name": username})
                return HttpResponseRedirect(reverse("accounts:officers", args=[unit.code]))
    return _page(request, unit, form, status=400)


@login_required
@require_POST
def membership_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    unit = selectors.unit_managed_by(request.user, code)
    require_role(request.user, unit, Role.ADMIN)
    membership = selectors.membership_in_unit(unit, pk)
    membership_remove(membership=membership, actor=request.user)
    messages.success(
        request, _("Đã bỏ vai trò của %(name)s.") % {"name": membership.user.get_username()}
    )
    return HttpResponseRedirect(reverse("accounts:officers", args=[unit.code]))


@login_required
def officers_import_view(request: HttpRequest) -> HttpResponse:
    """Upload a sheet of officers: all rows or none; new passwords are shown once."""
    user = request.user
    if not acting_units(user, Role.ADMIN).exists():
        raise PermissionDenied(_("Chỉ quản trị của đơn vị được nhập danh sách cán bộ."))
    allowed = (
        None
        if user.is_superuser
        else set(acting_units(user, Role.ADMIN).values_list("pk", flat=True))
    )
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form, "errors": [], "result": None}
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["result"] = officers_import_file(
                upload, upload.name, actor=user, allowed_unit_ids=allowed
            )
        except OfficersImportError as exc:
            context["errors"] = [str(e) for e in exc.errors]
            status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/officers_import.html", context, status=status)
