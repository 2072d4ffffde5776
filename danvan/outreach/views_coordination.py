"""Pages of coordination with the Front and the mass organisations: the yearly joint
programmes, their tasks on the clock and the quarterly review meetings with minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.access import has_role, signed_in, unit_for_user
from danvan.outreach import coordination
from danvan.outreach.forms import MeetingForm, ProgrammeForm, TaskForm
from danvan.outreach.services import (
    COORDINATION_ROLES,
    OutreachError,
    can_run_programme,
    joint_task_add,
    joint_task_done,
    programme_create,
    review_record,
)


def _add_error(form, exc: OutreachError) -> None:  # type: ignore[no-untyped-def]
    if exc.code == "forbidden":
        raise PermissionDenied(str(exc.message))
    form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))


@login_required
def programmes(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    can_create = has_role(request.user, unit, *COORDINATION_ROLES)
    form = ProgrammeForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))
        if form.is_valid():
            try:
                programme = programme_create(
                    unit=unit, actor=signed_in(request.user), **form.cleaned_data
                )
            except OutreachError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("Đã lập chương trình phối hợp."))
                return redirect("outreach:programme", programme_id=programme.pk)
    context = {
        "unit": unit,
        "programmes": list(coordination.programmes_for_user(request.user, unit)[:200]),
        "form": form if can_create else None,
    }
    return render(request, "outreach/programmes.html", context, status=422 if form.errors else 200)


def _programme_page(request, programme, task_form=None, meeting_form=None, status=200):  # type: ignore[no-untyped-def]
    context = {
        "programme": programme,
        "unit": programme.unit,
        "tasks": coordination.tasks_of(programme),
        "meetings": coordination.meetings_of(programme),
        "can_run": can_run_programme(request.user, programme.unit, programme.organisation),
        "can_add_task": can_run_programme(request.user, programme.unit),
        "task_form": task_form or TaskForm(prefix="t"),
        "meeting_form": meeting_form or MeetingForm(prefix="m"),
    }
    return render(request, "outreach/programme.html", context, status=status)


@login_required
def programme_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = coordination.programme_for_user(request.user, programme_id)
    if request.method != "POST":
        return _programme_page(request, programme)
    user = signed_in(request.user)
    if "t-title" in request.POST:
        form = TaskForm(request.POST, prefix="t")
        if form.is_valid():
            try:
                joint_task_add(programme=programme, actor=user, **form.cleaned_data)
            except OutreachError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("Đã giao nhiệm vụ."))
                return redirect("outreach:programme", programme_id=programme.pk)
        return _programme_page(request, programme, task_form=form, status=422)
    form = MeetingForm(request.POST, prefix="m")
    if form.is_valid():
        try:
            review_record(programme=programme, actor=user, **form.cleaned_data)
        except OutreachError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Đã ghi cuộc họp giao ban."))
            return redirect("outreach:programme", programme_id=programme.pk)
    return _programme_page(request, programme, meeting_form=form, status=422)


@login_required
@require_POST
def task_done(request: HttpRequest, programme_id: int, task_id: int) -> HttpResponse:
    programme = coordination.programme_for_user(request.user, programme_id)
    task = coordination.task_of(programme, task_id)
    try:
        joint_task_done(task=task, actor=signed_in(request.user))
    except OutreachError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(str(exc.message)) from exc
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã ghi nhận hoàn thành nhiệm vụ."))
    return redirect("outreach:programme", programme_id=programme.pk)
