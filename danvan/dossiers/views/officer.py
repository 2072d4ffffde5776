"""Officers' one-stop pages: reception, the dossier page with its actions, papers, the
tracking book. Objects come only through the access-scoped selectors."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.access import acting_units, has_role, units_for_user
from danvan.accounts.roles import Role
from danvan.cases.selectors import eligible_officers
from danvan.dossiers import forms as f
from danvan.dossiers import papers, services
from danvan.dossiers.exports import tracking_book_xlsx
from danvan.dossiers.models import DossierStage
from danvan.dossiers.selectors import (
    desk_units_for_user,
    dossier_for_user,
    dossiers_for_user,
    procedures_catalogue,
    procedures_for_unit,
    status_label,
    tracking_book,
)

WORK_ROLES = (Role.ONE_STOP, Role.SPECIALIST, Role.LEADER)


def _require_officer(request: HttpRequest) -> None:
    if (
        not acting_units(request.user, *WORK_ROLES).exists()
        and not units_for_user(request.user).exists()
    ):
        raise PermissionDenied(_("Trang này dành cho cán bộ một cửa."))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    _require_officer(request)
    recent = dossiers_for_user(request.user).order_by("-case__received_at", "-id")[:50]
    can_receive = acting_units(request.user, Role.ONE_STOP).exists()
    desk = desk_units_for_user(request.user).exists()
    context = {
        "dossiers": recent,
        "can_receive": can_receive,
        "can_set_up": request.user.is_superuser or desk,
        "can_import": desk,
    }
    return render(request, "dossiers/home.html", context)


@login_required
def receive(request: HttpRequest) -> HttpResponse:
    units = list(
        acting_units(request.user, Role.ONE_STOP).select_related("province").order_by("code")
    )
    if not units:
        raise PermissionDenied(_("Chỉ cán bộ một cửa được tiếp nhận hồ sơ."))
    code = request.POST.get("procedure") or request.GET.get("procedure") or ""
    catalogue = (
        procedures_for_unit(units[0]) if len(units) == 1 else procedures_catalogue(active_only=True)
    )
    procedure = catalogue.filter(code=code).first() if code else None
    if procedure is None:
        error = _("Chọn một thủ tục trong danh mục.") if code else ""
        return render(
            request,
            "dossiers/receive_pick.html",
            {"procedures": catalogue.only("code", "name", "field"), "error": error},
            status=400 if code else 200,
        )
    documents = list(procedure.required_documents)
    if request.method != "POST":
        form = f.ReceptionForm(
            units=units,
            documents=documents,
            initial={"procedure": procedure.code, "token": secrets.token_urlsafe(24)},
        )
        return render(request, "dossiers/receive.html", {"form": form, "procedure": procedure})
    form = f.ReceptionForm(request.POST, units=units, documents=documents)
    if form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if str(u.pk) == data["unit"])
        try:
            dossier = services.dossier_receive(
                unit=unit,
                procedure=procedure,
                actor=request.user,
                applicant_name=data["applicant_name"],
                applicant_phone=data["applicant_phone"],
                applicant_email=data["applicant_email"],
                applicant_address=data["applicant_address"],
                id_number=data["id_number"],
                channel=data["channel"],
                documents_received=list(data["documents"]),
                refusal_reason=data["refusal_reason"] if data["refuse"] else "",
                idempotency_key=data["token"],
            )
        except services.DossierError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(
                request, _("Đã tiếp nhận hồ sơ %(code)s.") % {"code": dossier.case.code}
            )
            return redirect("dossiers:detail", code=dossier.case.code)
    return render(
        request, "dossiers/receive.html", {"form": form, "procedure": procedure}, status=400
    )


def _officers(dossier: Any) -> list[Any]:
    """Only officers who may act on the dossier, with their role and workload."""
    return eligible_officers(dossier.unit)


def _detail_context(request: HttpRequest, dossier: Any, **bound: Any) -> dict[str, Any]:
    can_act = has_role(request.user, dossier.unit, *WORK_ROLES)
    can_desk = has_role(request.user, dossier.unit, Role.ONE_STOP)
    rating = getattr(dossier, "rating", None)
    events = dossier.case.events.select_related("actor").order_by("at", "id")
    latest = None
    if dossier.case.due_date:
        latest = services.latest_apology_day(dossier.case.due_date)
    context = {
        "dossier": dossier,
        "case": dossier.case,
        "events": events,
        "forms_available": papers.available_forms(dossier),
        "form_names": papers.FORMS,
        "can_act": can_act,
        "can_desk": can_desk,
        "can_withdraw": has_role(request.user, dossier.unit, Role.ONE_STOP, Role.LEADER),
        "rating": rating,
        "latest_apology": latest,
        "stage": DossierStage,
        "supplement_form": f.SupplementForm(),
        "note_form": f.NoteForm(),
        "handon_form": f.HandOnForm(officers=_officers(dossier)) if can_act else None,
        "apology_form": f.ApologyForm(),
        "withdraw_form": f.WithdrawForm(),
        "return_form": f.ReturnForm(),
        "rating_form": f.RatingForm(),
        "tracking_url": papers.tracking_url(dossier),
        "source_status": status_label(dossier.source_status) if dossier.is_provincial else "",
    }
    context.update(bound)
    return context


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    dossier = dossier_for_user(request.user, code)
    return render(request, "dossiers/detail.html", _detail_context(request, dossier))


ACTIONS = {
    "yeu-cau-bo-sung": "supplement",
    "nhan-bo-sung": "supplement_received",
    "chuyen": "hand_on",
    "co-ket-qua": "result_ready",
    "tra-ket-qua": "return",
    "xin-loi": "apology",
    "danh-gia": "rate",
    "rut-ho-so": "withdraw",
}


@login_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    dossier = dossier_for_user(request.user, code)
    what = ACTIONS.get(action)
    if what is None:
        raise Http404("No such action")
    if not has_role(request.user, dossier.unit, *WORK_ROLES):
        raise PermissionDenied(_("Bạn không có quyền xử lý hồ sơ của đơn vị này."))
    form, call = _action_form(request, dossier, what)
    if form is None or form.is_valid():
        try:
            call(form.cleaned_data if form is not None else {})
        except services.DossierError as exc:
            if form is not None:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.error(request, str(exc.message))
                return redirect("dossiers:detail", code=code)
        else:
            messages.success(request, _("Đã cập nhật hồ sơ."))
            return redirect("dossiers:detail", code=code)
    context = _detail_context(request, dossier, **{f"{what_key(what)}_form": form, "failed": what})
    return render(request, "dossiers/detail.html", context, status=400)


def what_key(what: str) -> str:
    return {
        "supplement": "supplement",
        "hand_on": "handon",
        "return": "return",
        "apology": "apology",
        "rate": "rating",
        "withdraw": "withdraw",
    }.get(what, "note")


def _action_form(request: HttpRequest, dossier: Any, what: str) -> tuple[Any, Any]:
    user, post = request.user, request.POST
    if what == "supplement":
        form = f.SupplementForm(post)
        return form, lambda d: services.dossier_request_supplement(
            dossier=dossier, actor=user, missing=d["missing"], note=d["note"]
        )
    if what == "supplement_received":
        form = f.NoteForm(post)
        return form, lambda d: services.dossier_supplement_received(
            dossier=dossier, actor=user, note=d["note"]
        )
    if what == "hand_on":
        officers = _officers(dossier)
        form = f.HandOnForm(post, officers=officers)
        by_pk = {str(u.pk): u for u in officers}
        return form, lambda d: services.dossier_hand_on(
            dossier=dossier,
            actor=user,
            to_user=by_pk.get(d["to_user"]),
            to_department=d["to_department"],
            note=d["note"],
        )
    if what == "result_ready":
        form = f.NoteForm(post)
        return form, lambda d: services.dossier_result_ready(
            dossier=dossier, actor=user, note=d["note"]
        )
    if what == "return":
        form = f.ReturnForm(post)
        return form, lambda d: services.dossier_return(
            dossier=dossier, actor=user, method=d["method"], receiver=d["receiver"], note=d["note"]
        )
    if what == "withdraw":
        form = f.WithdrawForm(post)
        return form, lambda d: services.dossier_withdraw(
            dossier=dossier, actor=user, reason=d["reason"]
        )
    if what == "apology":
        form = f.ApologyForm(post)
        return form, lambda d: services.dossier_apologise(
            dossier=dossier, actor=user, new_date=d["new_date"], reason=d["reason"]
        )
    form = f.RatingForm(post)
    return form, lambda d: services.dossier_rate(
        dossier=dossier, scores=form.scores(), channel="desk", actor=user, comment=d["comment"]
    )


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
def paper(request: HttpRequest, code: str, form: str, fmt: str) -> HttpResponse:
    dossier = dossier_for_user(request.user, code)
    if form not in papers.available_forms(dossier) or fmt not in CONTENT_TYPES:
        raise Http404("No such paper")
    document = papers.build(dossier, form)
    body = document.to_pdf() if fmt == "pdf" else document.to_docx()
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="mau-{form}-{dossier.case.code}.{fmt}"'
    )
    return response


@login_required
def book(request: HttpRequest) -> HttpResponse:
    units = list(units_for_user(request.user).order_by("code"))
    if not units:
        raise PermissionDenied(_("Trang này dành cho cán bộ một cửa."))
    # The period defaults to the current month, for each date left out: the book's own
    # link ("Tải sổ (XLSX)") downloads at once, without dates typed first.
    today = timezone.localdate()
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    data = {"start": first.strftime("%d/%m/%Y"), "end": last.strftime("%d/%m/%Y")}
    data.update({k: v for k, v in request.GET.items() if k in ("start", "end") and v.strip()})
    form = f.BookForm(data)
    unit = next((u for u in units if u.code == request.GET.get("unit")), units[0])
    rows: list[Any] = []
    if form.is_valid():
        start: date = form.cleaned_data["start"]
        end: date = form.cleaned_data["end"]
        qs = tracking_book([unit.pk], start, end)
        if request.GET.get("format") == "xlsx":
            body = tracking_book_xlsx(
                qs.iterator(chunk_size=2000), title=unit.name, start=start, end=end
            )
            response = HttpResponse(
                body,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="so-theo-doi-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
            )
            return response
        rows = list(qs[:500])
    context = {
        "form": form,
        "units": units,
        "unit": unit,
        "rows": rows,
        "query": urlencode({"unit": unit.code, "start": data["start"], "end": data["end"]}),
    }
    return render(request, "dossiers/book.html", context, status=200 if form.is_valid() else 400)


def dossier_panel(request: HttpRequest, case: Any) -> tuple[str, dict[str, Any]] | None:
    """The dossier summary on the case page (the panel of the dossier kind's manifest)."""
    dossier = getattr(case, "dossier", None)
    if dossier is None:
        return None
    return "dossiers/_panel.html", {
        "dossier": dossier,
        "detail_url": reverse("dossiers:detail", kwargs={"code": case.code}),
    }
