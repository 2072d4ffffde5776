"""Supervision boards, their members and their recommendations (cases on a 15-day clock)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.accounts.access import has_role
from danvan.democracy import selectors
from danvan.democracy.forms import AnswerForm, BoardCreateForm, MemberForm, RecommendationForm
from danvan.democracy.services.common import SUPERVISION_ROLES
from danvan.democracy.services.errors import DemocracyError
from danvan.democracy.services.supervision import (
    board_create,
    board_member_add,
    recommendation_answer,
    recommendation_receive,
)
from danvan.democracy.views.common import readable_unit, refuse, require_role


@login_required
def boards(request: HttpRequest, code: str) -> HttpResponse:
    unit = readable_unit(request, code)
    form = BoardCreateForm()
    status = 200
    if request.method == "POST":
        require_role(request, unit, SUPERVISION_ROLES)
        form = BoardCreateForm(request.POST)
        if form.is_valid():
            try:
                board = board_create(actor=request.user, unit=unit, **form.cleaned_data)
            except DemocracyError as exc:
                refuse(form, exc)
            else:
                return redirect("democracy:board_detail", pk=board.pk)
        status = 400
    return render(
        request,
        "democracy/boards.html",
        {
            "unit": unit,
            "boards": list(selectors.boards_for_unit(unit)),
            "recommendations": list(selectors.recommendations_for_unit(unit)[:100]),
            "form": form,
            "can_manage": has_role(request.user, unit, *SUPERVISION_ROLES),
        },
        status=status,
    )


@login_required
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.board_for_user(request.user, pk)
    unit = board.unit
    villages = selectors.villages_of(unit)
    member_form: Any = MemberForm(villages=villages)
    rec_form: Any = RecommendationForm()
    status = 200
    if request.method == "POST":
        require_role(request, unit, SUPERVISION_ROLES)
        if request.POST.get("action") == "recommendation":
            rec_form = RecommendationForm(request.POST)
            if rec_form.is_valid():
                try:
                    recommendation_receive(actor=request.user, board=board, **rec_form.cleaned_data)
                except DemocracyError as exc:
                    refuse(rec_form, exc)
                else:
                    return redirect("democracy:board_detail", pk=board.pk)
        else:
            member_form = MemberForm(request.POST, villages=villages)
            if member_form.is_valid():
                d = dict(member_form.cleaned_data)
                d["village"] = next(v for v in villages if v.pk == d["village"])
                try:
                    board_member_add(actor=request.user, board=board, **d)
                except DemocracyError as exc:
                    refuse(member_form, exc)
                else:
                    return redirect("democracy:board_detail", pk=board.pk)
        status = 400
    return render(
        request,
        "democracy/board_detail.html",
        {
            "unit": unit,
            "board": board,
            "members": list(board.members.select_related("village")),
            "recommendations": list(board.recommendations.select_related("case")),
            "member_form": member_form,
            "rec_form": rec_form,
            "answer_form": AnswerForm(),
            "can_manage": has_role(request.user, unit, *SUPERVISION_ROLES),
            "can_answer": has_role(request.user, unit, "leader"),
        },
        status=status,
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_for_user(request.user, pk)
    require_role(request, recommendation.unit, ("leader",))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            recommendation_answer(
                actor=request.user,
                recommendation=recommendation,
                answer=form.cleaned_data["answer"],
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            return redirect("democracy:board_detail", pk=recommendation.board_id)
    return render(
        request,
        "democracy/answer.html",
        {"unit": recommendation.unit, "recommendation": recommendation, "form": form},
        status=400,
    )
