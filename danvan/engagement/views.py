"""Officers' pages of engagement (signed in; scoped by commune and role).

Reading needs the commune among the user's units (``unit_for_user``: 404 otherwise); acting
needs the role the service asks for (403 otherwise). Bad input re-renders the form with the
user's text and the message, with status 400.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.access import has_role, unit_for_user, units_for_user
from danvan.cases.models import OPEN_STATUSES
from danvan.engagement import forms as f
from danvan.engagement import selectors, services
from danvan.engagement.models import DialogueStatus
from danvan.engagement.services import EngagementError, Forbidden

PAGE_SIZE = 50


def _fail(form: Any, exc: EngagementError) -> None:
    if isinstance(exc, Forbidden):
        raise PermissionDenied(str(exc.message))
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


def _roles(user: Any, unit: Any) -> dict[str, bool]:
    return {
        "can_schedule": has_role(user, unit, *services.SCHEDULERS),
        "can_organise": has_role(user, unit, *services.ORGANISERS),
        "can_commit": has_role(user, unit, *services.COMMITTERS),
        "is_front": has_role(user, unit, "front"),
        "can_record_petition": has_role(user, unit, *services.PETITION_RECORDERS),
        "can_handle_petition": has_role(user, unit, *services.PETITION_HANDLERS),
    }


def _unit(request: HttpRequest, code: str) -> Any:
    """Reading: the commune if the user may read it (404 otherwise). Writing (POST): the
    commune if the user holds a role there (403 otherwise, another commune's officer
    included); the service then checks the role the act needs."""
    if request.method == "POST":
        unit = selectors.unit_for_actor(request.user, code)
        if unit is None:
            raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))
        return unit
    return unit_for_user(request.user, code)


def _aware(value: datetime) -> datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = list(units_for_user(request.user).order_by("code")[:200])
    if len(units) == 1:
        return redirect("engagement:unit", code=units[0].code)
    return render(request, "engagement/home.html", {"units": units})


@login_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    dialogues = Paginator(selectors.dialogues_of(unit), PAGE_SIZE).get_page(request.GET.get("page"))
    commitments = [
        (c, selectors.commitment_state(c))
        for c in selectors.commitments_of(unit).filter(case__status__in=OPEN_STATUSES)[:200]
    ]
    return render(
        request,
        "engagement/unit.html",
        {"unit": unit, "page": dialogues, "commitments": commitments, **_roles(request.user, unit)},
    )


@login_required
def dialogue_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    if not has_role(request.user, unit, *services.SCHEDULERS):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND xã lên lịch đối thoại."))
    form = f.DialogueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            dialogue = services.dialogue_schedule(
                unit=unit,
                actor=request.user,
                data=services.DialogueInput(
                    kind=d["kind"],
                    title=d["title"],
                    scheduled_at=_aware(d["scheduled_at"]),
                    place=d["place"],
                    notice=d["notice"],
                ),
            )
        except EngagementError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Đã lên lịch đối thoại và đăng thông báo."))
            return redirect("engagement:dialogue", code=unit.code, pk=dialogue.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "engagement/dialogue_form.html", {"unit": unit, "form": form}, status=status
    )


def _dialogue_context(request: HttpRequest, unit: Any, dialogue: Any, **forms: Any) -> dict:
    questions = list(dialogue.questions.order_by("created_at", "id"))
    now = timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)
    failed = forms.get("complete")
    # One completion form per open commitment, with ids of its own so each label finds its
    # field; the one that failed comes back with the officer's text and its errors.
    commitments = [
        (
            c,
            selectors.commitment_state(c),
            failed
            if failed is not None and forms.get("complete_pk") == c.pk
            else f.CompleteForm(initial={"at": now}, auto_id=f"id_c{c.pk}_%s"),
        )
        for c in selectors.commitments_of(unit, dialogue)
    ]
    return {
        "unit": unit,
        "dialogue": dialogue,
        "questions": questions,
        "commitments": commitments,
        "hold_form": forms.get("hold") or f.HoldForm(initial={"held_at": now}),
        "cancel_form": forms.get("cancel") or f.CancelForm(),
        "question_form": forms.get("question") or f.QuestionRecordForm(),
        "commitment_form": forms.get("commitment") or f.CommitmentForm(questions=questions),
        "answer_form": f.AnswerForm(),
        "held": dialogue.status == DialogueStatus.HELD,
        "scheduled": dialogue.status == DialogueStatus.SCHEDULED,
        **_roles(request.user, unit),
    }


@login_required
def dialogue_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    unit = _unit(request, code)
    dialogue = selectors.dialogue_for_user(request.user, unit, pk)
    return render(request, "engagement/dialogue.html", _dialogue_context(request, unit, dialogue))


ACTIONS = ("confirm-front", "hold", "cancel", "question", "commitment")


@login_required
@require_POST
def dialogue_act(request: HttpRequest, code: str, pk: int, action: str) -> HttpResponse:
    unit = _unit(request, code)
    dialogue = selectors.dialogue_for_user(request.user, unit, pk)
    if action not in ACTIONS:
        return render(
            request,
            "engagement/dialogue.html",
            _dialogue_context(request, unit, dialogue),
            status=404,
        )
    handler = {
        "confirm-front": _confirm_front,
        "hold": _hold,
        "cancel": _cancel,
        "question": _question,
        "commitment": _commitment,
    }[action]
    done, forms = handler(request, dialogue)
    if done:
        return redirect("engagement:dialogue", code=unit.code, pk=dialogue.pk)
    context = _dialogue_context(request, unit, dialogue, **forms)
    return render(request, "engagement/dialogue.html", context, status=400)


def _confirm_front(request: HttpRequest, dialogue: Any) -> tuple[bool, dict]:
    try:
        services.dialogue_confirm_front(dialogue=dialogue, actor=request.user)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from exc
    except EngagementError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Mặt trận đã xác nhận phối hợp tổ chức."))
    return True, {}


def _hold(request: HttpRequest, dialogue: Any) -> tuple[bool, dict]:
    form = f.HoldForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.dialogue_hold(
                dialogue=dialogue,
                actor=request.user,
                held_at=_aware(d["held_at"]),
                attendance=d["attendance"],
                summary=d["summary"],
            )
            messages.success(request, _("Đã ghi nhận buổi đối thoại."))
            return True, {}
        except EngagementError as exc:
            _fail(form, exc)
    return False, {"hold": form}


def _cancel(request: HttpRequest, dialogue: Any) -> tuple[bool, dict]:
    form = f.CancelForm(request.POST)
    if form.is_valid():
        try:
            services.dialogue_cancel(
                dialogue=dialogue, actor=request.user, reason=form.cleaned_data["reason"]
            )
            return True, {}
        except EngagementError as exc:
            _fail(form, exc)
    return False, {"cancel": form}


def _question(request: HttpRequest, dialogue: Any) -> tuple[bool, dict]:
    form = f.QuestionRecordForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.question_record(
                dialogue=dialogue,
                actor=request.user,
                content=d["content"],
                stage=d["stage"],
                area=d["area"],
            )
            messages.success(request, _("Đã ghi câu hỏi."))
            return True, {}
        except EngagementError as exc:
            _fail(form, exc)
    return False, {"question": form}


def _commitment(request: HttpRequest, dialogue: Any) -> tuple[bool, dict]:
    questions = list(dialogue.questions.order_by("created_at", "id"))
    form = f.CommitmentForm(request.POST, questions=questions)
    if form.is_valid():
        d = form.cleaned_data
        question = next((q for q in questions if q.pk == d["question"]), None)
        try:
            services.commitment_record(
                dialogue=dialogue,
                actor=request.user,
                data=services.CommitmentInput(
                    content=d["content"],
                    responsible=d["responsible"],
                    committed_date=d["committed_date"],
                    question=question,
                ),
            )
            messages.success(request, _("Đã ghi cam kết; thời hạn là ngày đã cam kết."))
            return True, {}
        except EngagementError as exc:
            _fail(form, exc)
    return False, {"commitment": form}


@login_required
@require_POST
def question_answer(request: HttpRequest, code: str, pk: int, qpk: int) -> HttpResponse:
    unit = _unit(request, code)
    dialogue = selectors.dialogue_for_user(request.user, unit, pk)
    question = selectors.question_for_user(request.user, dialogue, qpk)
    form = f.AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.question_answer(
                question=question, actor=request.user, answer=form.cleaned_data["answer"]
            )
            messages.success(request, _("Đã ghi câu trả lời."))
            return redirect("engagement:dialogue", code=unit.code, pk=dialogue.pk)
        except EngagementError as exc:
            _fail(form, exc)
    messages.error(request, _("Câu trả lời không được để trống."))
    context = _dialogue_context(request, unit, dialogue)
    return render(request, "engagement/dialogue.html", context, status=400)


@login_required
@require_POST
def commitment_complete(request: HttpRequest, code: str, case_code: str) -> HttpResponse:
    unit = _unit(request, code)
    commitment = selectors.commitment_for_user(request.user, case_code)
    if commitment.unit_id != unit.pk:
        raise PermissionDenied
    form = f.CompleteForm(request.POST, auto_id=f"id_c{commitment.pk}_%s")
    if form.is_valid():
        try:
            services.commitment_complete(
                commitment=commitment,
                actor=request.user,
                result=form.cleaned_data["result"],
                at=_aware(form.cleaned_data["at"]),
            )
            messages.success(request, _("Đã ghi kết quả thực hiện cam kết."))
            return redirect("engagement:dialogue", code=unit.code, pk=commitment.dialogue_id)
        except EngagementError as exc:
            _fail(form, exc)
    context = _dialogue_context(
        request, unit, commitment.dialogue, complete=form, complete_pk=commitment.pk
    )
    return render(request, "engagement/dialogue.html", context, status=400)


# ---- petitions --------------------------------------------------------------------------


@login_required
def petitions(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    page = Paginator(selectors.petitions_of(unit), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/petitions.html",
        {
            "unit": unit,
            "page": page,
            "today": timezone.localdate(),
            "meeting_form": f.MeetingForm(),
            **_roles(request.user, unit),
        },
    )


@login_required
@require_POST
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    if not has_role(request.user, unit, *services.PETITION_RECORDERS):
        raise PermissionDenied
    form = f.MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_record(unit=unit, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Đã ghi hội nghị tiếp xúc cử tri."))
            return redirect("engagement:petition_new", code=unit.code)
        except EngagementError as exc:
            _fail(form, exc)
    page = Paginator(selectors.petitions_of(unit), PAGE_SIZE).get_page(1)
    return render(
        request,
        "engagement/petitions.html",
        {"unit": unit, "page": page, "meeting_form": form, **_roles(request.user, unit)},
        status=400,
    )


def _petition_form(unit: Any, data: Any = None) -> f.PetitionForm:
    meetings = list(selectors.meetings_of(unit)[:100])
    earlier = list(selectors.petitions_of(unit)[:300])
    return f.PetitionForm(data, meetings=meetings, earlier=earlier)


@login_required
def petition_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    if not has_role(request.user, unit, *services.PETITION_RECORDERS):
        raise PermissionDenied
    form = _petition_form(unit, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        meeting = selectors.meetings_of(unit).filter(pk=d["meeting"]).first()
        previous = selectors.petitions_of(unit).filter(pk=d["previous"]).first()
        try:
            petition = services.petition_record(
                actor=request.user,
                data=services.PetitionInput(
                    meeting=meeting,  # type: ignore[arg-type]  # a choice of this unit
                    content=d["content"],
                    source=d["source"],
                    competent_level=d["competent_level"],
                    competent_body=d["competent_body"],
                    area=d["area"],
                    previous=previous if d["previous"] else None,
                ),
            )
        except EngagementError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Đã ghi kiến nghị cử tri; thời hạn trả lời đã được tính."))
            return redirect("engagement:petition", code=unit.code, case_code=petition.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "engagement/petition_form.html",
        {"unit": unit, "form": form, "meeting_form": f.MeetingForm()},
        status=status,
    )


def _petition_context(request: HttpRequest, unit: Any, petition: Any, **forms: Any) -> dict:
    now = timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)
    return {
        "unit": unit,
        "petition": petition,
        "chain": selectors.chain(petition),
        "later": list(petition.raised_again.select_related("case")),
        "assign_form": forms.get("assign")
        or f.AssignForm(
            initial={
                "competent_level": petition.competent_level,
                "competent_body": petition.competent_body,
            }
        ),
        "answer_form": forms.get("answer") or f.PetitionAnswerForm(initial={"at": now}),
        **_roles(request.user, unit),
    }


@login_required
def petition_detail(request: HttpRequest, code: str, case_code: str) -> HttpResponse:
    unit = _unit(request, code)
    petition = selectors.petition_for_user(request.user, case_code)
    if petition.unit_id != unit.pk:
        raise PermissionDenied
    forms: dict[str, Any] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "assign":
            form: Any = f.AssignForm(request.POST)
            forms["assign"] = form
            if form.is_valid():
                try:
                    services.petition_assign(
                        petition=petition, actor=request.user, **form.cleaned_data
                    )
                    return redirect("engagement:petition", code=unit.code, case_code=case_code)
                except EngagementError as exc:
                    _fail(form, exc)
        elif action == "answer":
            form = f.PetitionAnswerForm(request.POST)
            forms["answer"] = form
            if form.is_valid():
                d = form.cleaned_data
                try:
                    services.petition_answer(
                        petition=petition,
                        actor=request.user,
                        answer=d["answer"],
                        answered_by_body=d["answered_by_body"],
                        at=_aware(d["at"]),
                    )
                    messages.success(request, _("Đã ghi và công khai câu trả lời."))
                    return redirect("engagement:petition", code=unit.code, case_code=case_code)
                except EngagementError as exc:
                    _fail(form, exc)
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
        context = _petition_context(request, unit, petition, **forms)
        return render(request, "engagement/petition.html", context, status=400)
    return render(request, "engagement/petition.html", _petition_context(request, unit, petition))
