"""Pages of "Dân vận khéo" models: the commune's list (each organisation its own), register,
a model with its follow-up and the decision, and the public gallery."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import signed_in, unit_for_user
from danvan.outreach import models_selectors as selectors
from danvan.outreach.forms import DecisionForm, ModelForm, ProgressForm
from danvan.outreach.models import ModelTopic, Registrant
from danvan.outreach.services import (
    ModelInput,
    OutreachError,
    can_decide_model,
    model_decide,
    model_progress_add,
    model_register,
    registrants_for,
)

GALLERY_LIMIT = 100


def _add_error(form, exc: OutreachError) -> None:  # type: ignore[no-untyped-def]
    form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))


@login_required
def model_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    year = timezone.localdate().year
    context = {
        "unit": unit,
        "models": list(selectors.models_for_user(request.user, unit)[:200]),
        "can_register": bool(registrants_for(request.user, unit)),
        "missing": [Registrant(c).label for c in selectors.registrants_missing(unit, year)],
        "year": year,
    }
    return render(request, "outreach/models.html", context)


@login_required
def model_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    registrants = registrants_for(request.user, unit)
    if not registrants:
        raise PermissionDenied(_("Bạn không đăng ký mô hình thay cho đơn vị này được."))
    form = ModelForm(
        request.POST or None,
        registrants=registrants,
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            model = model_register(
                data=ModelInput(unit=unit, **form.cleaned_data), actor=signed_in(request.user)
            )
        except OutreachError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Đã đăng ký mô hình."))
            return redirect("outreach:model", model_id=model.pk)
    return render(
        request,
        "outreach/model_form.html",
        {"unit": unit, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def model_detail(request: HttpRequest, model_id: int) -> HttpResponse:
    model = selectors.model_for_user(request.user, model_id)
    progress_form = ProgressForm(prefix="p")
    decision_form = DecisionForm(prefix="d")
    status = 200
    if request.method == "POST":
        user = signed_in(request.user)
        try:
            if "p-result" in request.POST:
                progress_form = ProgressForm(request.POST, prefix="p")
                if progress_form.is_valid():
                    model_progress_add(
                        model=model,
                        day=progress_form.cleaned_data["date"],
                        result=progress_form.cleaned_data["result"],
                        evidence=progress_form.cleaned_data["evidence"],
                        actor=user,
                    )
                    messages.success(request, _("Đã ghi kết quả."))
                    return redirect("outreach:model", model_id=model.pk)
            else:
                decision_form = DecisionForm(request.POST, prefix="d")
                if decision_form.is_valid():
                    data = decision_form.cleaned_data
                    model_decide(
                        model=model,
                        decision=data["decision"],
                        day=data["date"],
                        level=data["level"],
                        exemplary=data["exemplary"],
                        reason=data["reason"],
                        actor=user,
                    )
                    messages.success(request, _("Đã ghi quyết định."))
                    return redirect("outreach:model", model_id=model.pk)
        except OutreachError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied(str(exc.message)) from exc
            _add_error(progress_form if "p-result" in request.POST else decision_form, exc)
        status = 422
    context = {
        "model": model,
        "unit": model.unit,
        "progress": selectors.progress_of(model),
        "progress_form": progress_form,
        "decision_form": decision_form,
        "can_follow": model.registrant in registrants_for(request.user, model.unit),
        "can_decide": can_decide_model(request.user, model, "commune")
        or can_decide_model(request.user, model, "province"),
    }
    return render(request, "outreach/model.html", context, status=status)


def gallery(request: HttpRequest) -> HttpResponse:
    """Public: recognised models of every commune, so a good model is copied."""
    query = (request.GET.get("q") or "").strip()[:100]
    topic = (request.GET.get("linh_vuc") or "").strip()[:16]
    if topic not in ModelTopic.values:
        topic = ""
    rows = selectors.gallery(query, topic)
    context = {
        "models": list(rows[:GALLERY_LIMIT]),
        "query": query,
        "topic": topic,
        "topics": ModelTopic.choices,
    }
    return render(request, "outreach/gallery.html", context)
