"""Administrators' pages of the procedure catalogue: list, create, edit, import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.dossiers import services
from danvan.dossiers.forms import ImportForm, ProcedureForm
from danvan.dossiers.models import Procedure
from danvan.dossiers.selectors import procedure_by_code, procedures_catalogue


def _require_admin(request: HttpRequest) -> None:
    # The catalogue is national: its processing times set every commune's deadlines, so only
    # a system administrator edits it, never the admin of one commune.
    if not (request.user.is_active and request.user.is_superuser):
        raise PermissionDenied(_("Chỉ quản trị viên được sửa danh mục thủ tục."))


@login_required
def procedures(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    rows = procedures_catalogue()
    return render(request, "dossiers/procedures.html", {"procedures": rows})


def _save(request: HttpRequest, procedure: Procedure | None) -> HttpResponse:
    if request.method == "POST":
        form = ProcedureForm(request.POST)
        if procedure is not None:
            form.fields["code"].required = False
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if procedure is None:
                    procedure = services.procedure_create(actor=request.user, data=data)
                else:
                    procedure = services.procedure_update(
                        actor=request.user, procedure=procedure, data=data
                    )
            except services.DossierError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Đã lưu thủ tục %(code)s.") % {"code": procedure.code})
                return redirect("dossiers:procedures")
        status = 400
    else:
        initial = {"level": "commune", "online": "none", "active": True}
        if procedure is not None:
            initial = {
                f: getattr(procedure, f)
                for f in ProcedureForm.base_fields
                if f != "required_documents"
            }
            initial["required_documents"] = "\n".join(procedure.required_documents)
        form = ProcedureForm(initial=initial)
        status = 200
    if procedure is not None:
        form.fields["code"].disabled = True
    return render(
        request,
        "dossiers/procedure_form.html",
        {"form": form, "procedure": procedure},
        status=status,
    )


@login_required
def procedure_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return _save(request, None)


@login_required
def procedure_edit(request: HttpRequest, code: str) -> HttpResponse:
    _require_admin(request)
    procedure = procedure_by_code(code)
    if procedure is None:
        raise Http404("No such procedure")
    return _save(request, procedure)


@login_required
def procedures_import(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = services.procedures_import(
                actor=request.user, file=upload, filename=upload.name
            )
            if result.ok:
                messages.success(
                    request,
                    _("Đã nhập danh mục: %(c)s thủ tục mới, %(u)s thủ tục cập nhật.")
                    % {"c": result.created, "u": result.updated},
                )
                return redirect("dossiers:procedures")
        status = 400
    else:
        form, status = ImportForm(), 200
    return render(
        request, "dossiers/procedures_import.html", {"form": form, "result": result}, status=status
    )
