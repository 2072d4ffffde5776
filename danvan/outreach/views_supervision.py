"""Pages of joint supervision (issue #15): the Front or an organisation, with the People's
Committee, supervises a subject; the findings, and the recommendations each answered in
writing on the clock (a case of kind ``supervision_answer``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role, organisations_for, signed_in, unit_for_user
from danvan.cases.services import CaseError
from danvan.deadlines.ruleset import rule_for
from danvan.outreach import coordination
from danvan.outreach.forms import (
    FindingsForm,
    RecommendationAnswerForm,
    RecommendationForm,
    SupervisionForm,
)
from danvan.outreach.kinds import SUPERVISION_RULE
from danvan.outreach.services import (
    COORDINATION_ROLES,
    OutreachError,
    SupervisionInput,
    can_run_programme,
    recommendation_add,
    recommendation_answer,
    supervision_create,
    supervision_findings,
)

LIST_LIMIT = 200


def _add_error(form, exc: OutreachError | CaseError) -> None:  # type: ignore[no-untyped-def]
    if exc.code == "forbidden":
        raise PermissionDenied(str(exc.message))
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc.message))


@login_required
def supervisions(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    can_create = has_role(request.user, unit, *COORDINATION_ROLES) or bool(
        organisations_for(request.user, unit)
    )
    form = SupervisionForm(request.POST or None)
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))
        if form.is_valid():
            try:
                row = supervision_create(
                    data=SupervisionInput(unit=unit, **form.cleaned_data),
                    actor=signed_in(request.user),
                )
            except OutreachError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("Đã ghi hoạt động giám sát."))
                return redirect("outreach:supervision", supervision_id=row.pk)
    context = {
        "unit": unit,
        "supervisions": list(coordination.supervisions_for_user(request.user, unit)[:LIST_LIMIT]),
        "form": form if can_create else None,
    }
    return render(
        request, "outreach/supervisions.html", context, status=422 if form.errors else 200
    )


@login_required
def supervision_detail(request: HttpRequest, supervision_id: int) -> HttpResponse:
    supervision = coordination.supervision_for_user(request.user, supervision_id)
    unit = supervision.unit
    post = request.POST if request.method == "POST" else None
    action = (post or {}).get("action")
    findings_form = FindingsForm(
        post if action == "findings" else None, initial={"findings": supervision.findings}
    )
    rec_form = RecommendationForm(post if action == "recommend" else None, prefix="r")
    answer_form = RecommendationAnswerForm(
        post if action == "answer" else None, initial={"answered_on": timezone.localdate()}
    )
    if post is not None:
        user = signed_in(request.user)
        form = {"findings": findings_form, "recommend": rec_form}.get(action, answer_form)
        if form.is_valid():
            d = form.cleaned_data
            try:
                if action == "findings":
                    supervision_findings(supervision=supervision, actor=user, **d)
                elif action == "recommend":
                    recommendation_add(supervision=supervision, actor=user, **d)
                else:
                    rec = coordination.recommendation_of(supervision, d["recommendation"])
                    recommendation_answer(
                        recommendation=rec,
                        answer=d["answer"],
                        answered_on=d["answered_on"],
                        actor=user,
                    )
            except (OutreachError, CaseError) as exc:
                # CaseError: the recommendation's case was closed from the case page meanwhile.
                _add_error(form, exc)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("outreach:supervision", supervision_id=supervision.pk)
    rule = rule_for(SUPERVISION_RULE, timezone.localdate())
    context = {
        "supervision": supervision,
        "unit": unit,
        "recommendations": coordination.recommendations_of(supervision),
        "can_run": can_run_programme(request.user, unit, supervision.organisation),
        "can_answer": has_role(request.user, unit, *COORDINATION_ROLES),
        "findings_form": findings_form,
        "rec_form": rec_form,
        "answer_form": answer_form,
        "rule": rule,
    }
    bad = any(f.errors for f in (findings_form, rec_form, answer_form))
    return render(request, "outreach/supervision.html", context, status=422 if bad else 200)
