"""The web form, page by page, without JavaScript: officers and enumerators start a draft
from a survey they may collect for; citizens from a survey's public link (with the public
forms' robot check and rate limit). Every page is checked on the server; what the user typed
stays on the page when it is refused; the draft is saved on every step; the last step
submits once (the draft's instanceID is fixed at its start)."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import acting_units, signed_in
from danvan.cases.ratelimit import allow
from danvan.core.boundary import parse_int
from danvan.core.public_forms import HumanCheckedForm
from danvan.surveys import selectors, webform
from danvan.surveys.instance import InstanceError
from danvan.surveys.models import SubmissionDraft, Survey
from danvan.surveys.services.webforms import FIXED_KEY, draft_save, draft_start, draft_submit
from danvan.territory.models import Unit

SESSION_KEY = "surveys_drafts"


class PublicStartForm(HumanCheckedForm):
    form_salt = "danvan.surveys.public_start"

    # A province survey asks where the citizen lives, so the village list is theirs.
    unit = forms.ChoiceField(label=gettext_lazy("Xã, phường nơi ông/bà sinh sống"), required=False)

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = [] if survey.unit_id else selectors.province_units(survey.province_id)
        if self.units:
            self.fields["unit"].required = True
            self.fields["unit"].choices = [("", "—")] + [(u.code, u.name) for u in self.units]
        else:
            del self.fields["unit"]

    def chosen_unit(self, survey: Survey) -> Unit | None:
        if survey.unit_id:
            return survey.unit
        code = self.cleaned_data.get("unit")
        return next((u for u in self.units if u.code == code), None)


class StartForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Xã, phường nơi thu thập"), required=True)


def _may_fill(user: Any, survey: Survey) -> bool:
    return selectors.may_collect(user, survey, assigned_only=False)


def _units_for(user: Any, survey: Survey) -> list[Unit]:
    if survey.unit_id is not None:
        return [survey.unit]
    units = list(acting_units(user).filter(province_id=survey.province_id).order_by("code")[:300])
    if not units and selectors.may_manage(user, survey):
        units = selectors.province_units(survey.province_id)
    return units


@login_required
def start(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.survey_for_user(request.user, code)
    if not survey.is_open or survey.current_version is None:
        raise Http404("closed")
    if not _may_fill(request.user, survey):
        raise PermissionDenied(_("Bạn không được phân công thu thập cho khảo sát này."))
    units = _units_for(request.user, survey)
    form = StartForm(request.POST or None)
    form.fields["unit"].choices = [(u.code, f"{u.name} ({u.code})") for u in units]
    if request.method == "POST" and form.is_valid():
        unit = next(u for u in units if u.code == form.cleaned_data["unit"])
        draft = draft_start(
            survey=survey, actor=signed_in(request.user), fixed=_fixed(survey, unit)
        )
        return redirect("surveys:fill", token=draft.token, page=0)
    return render(
        request, "surveys/fill_start.html", {"survey": survey, "form": form, "public": False}
    )


def public_start(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.survey_by_code(code)
    if survey is None or not survey.is_public or not survey.is_open or not survey.current_version:
        raise Http404("not public")
    min_seconds = int(getattr(settings, "DANVAN_PUBLIC_FORM_MIN_SECONDS", 3))
    if request.method == "POST":
        form = PublicStartForm(request.POST, min_seconds=min_seconds, survey=survey)
        if request.POST.get("website"):
            return render(request, "surveys/fill_done.html", {"survey": survey})
        if not allow(request, scope="surveys.public"):
            form.is_valid()
            form.add_error(None, _("Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau."))
            return _start_again(request, survey, form, 429)
        if form.is_valid():
            unit = form.chosen_unit(survey)
            # The token names this start: a double click opens one draft.
            token = hashlib.sha256(form.cleaned_data["token"].encode()).hexdigest()
            draft = draft_start(survey=survey, actor=None, fixed=_fixed(survey, unit), token=token)
            request.session.setdefault(SESSION_KEY, [])
            request.session[SESSION_KEY] = [*request.session[SESSION_KEY][-20:], draft.token]
            return redirect("surveys:fill", token=draft.token, page=0)
        return _start_again(request, survey, form, 400)
    form = PublicStartForm(
        initial={"token": PublicStartForm.issue_token()}, min_seconds=min_seconds, survey=survey
    )
    return render(
        request, "surveys/fill_start.html", {"survey": survey, "form": form, "public": True}
    )


def _start_again(request: HttpRequest, survey: Survey, form: Any, status: int) -> HttpResponse:
    data = form.data.copy()
    data["token"] = PublicStartForm.issue_token()
    form.data = data
    return render(
        request,
        "surveys/fill_start.html",
        {"survey": survey, "form": form, "public": True},
        status=status,
    )


def _fixed(survey: Survey, unit: Unit | None) -> dict[str, Any]:
    names = {q["name"] for q in survey.current_version.questions}  # type: ignore[union-attr]
    return {"commune": unit.code} if unit is not None and "commune" in names else {}


def _draft(request: HttpRequest, token: str) -> SubmissionDraft:
    draft = selectors.draft_by_token(token)
    if draft is None:
        raise Http404("no draft")
    if draft.user_id is not None:
        if not request.user.is_authenticated or request.user.pk != draft.user_id:
            raise Http404("not yours")
    elif token not in request.session.get(SESSION_KEY, []):
        raise Http404("not this browser's")
    return draft


def _villages(draft: SubmissionDraft) -> list[str]:
    code = (draft.values.get(FIXED_KEY) or {}).get("commune") or (
        draft.survey.unit.code if draft.survey.unit_id else ""
    )
    return selectors.village_names(code) if code else []


def fill(request: HttpRequest, token: str, page: int) -> HttpResponse:
    draft = _draft(request, token)
    if draft.submission_id is not None:
        return redirect("surveys:fill_done", token=draft.token)
    version = draft.form_version
    pages = webform.pages_of(version.questions)
    if not pages:
        raise Http404("empty form")
    index = min(max(parse_int(page, lo=0, hi=10_000) or 0, 0), len(pages) - 1)
    current = pages[index]
    values = {k: v for k, v in draft.values.items() if k != FIXED_KEY}
    fixed = draft.values.get(FIXED_KEY) or {}
    evaluator = webform.Evaluator(version, values)
    result = None
    notice = ""
    if request.method == "POST":
        action = request.POST.get("action", "next")
        validate = action in ("next", "submit")
        shown_before = set(request.POST.getlist("shown"))
        result = webform.read_page(evaluator, current, request.POST, validate=validate, fixed=fixed)
        if action.startswith("add:") and current.repeat is not None:
            evaluator.values.setdefault(current.repeat["name"], []).append({})
            evaluator.rebuild()
        elif action.startswith("remove:") and current.repeat is not None:
            position = parse_int(action.rsplit(":", 1)[-1], lo=0, hi=1000)
            items = evaluator.values.get(current.repeat["name"]) or []
            if position is not None and position < len(items):
                items.pop(position)
                evaluator.rebuild()
        draft_save(draft=draft, values=evaluator.values, page=index)
        if action == "save":
            notice = _("Đã lưu nháp. Bạn có thể mở lại đường dẫn này để làm tiếp.")
        if action == "back":
            return redirect(
                "surveys:fill", token=draft.token, page=_step(evaluator, pages, index, -1)
            )
        if validate and not result.errors:
            appeared = webform.shown_fields(evaluator, current) - shown_before
            if appeared and shown_before:
                # Answers on this page opened new questions: show them before moving on.
                notice = _("Có câu hỏi mới tùy theo câu trả lời của bạn; hãy xem lại trang này.")
            elif action == "next" and index < len(pages) - 1:
                return redirect(
                    "surveys:fill", token=draft.token, page=_step(evaluator, pages, index, 1)
                )
            else:
                return _submit(request, draft, evaluator, pages)
    rows = webform.render_fields(evaluator, current, result, fixed=fixed, villages=_villages(draft))
    is_last = _step(evaluator, pages, index, 1) == index
    status = 400 if result is not None and result.errors else 200
    return render(
        request,
        "surveys/fill_page.html",
        {
            "draft": draft,
            "survey": draft.survey,
            "page": current,
            "page_title": webform.pick(current.title),
            "index": index,
            "count": len(pages),
            "rows": rows,
            "errors": bool(result and result.errors),
            "notice": notice,
            "is_first": index == 0,
            "is_last": is_last,
            "repeat": current.repeat,
            "repeat_count": len(evaluator.values.get(current.repeat["name"]) or [])
            if current.repeat
            else 0,
        },
        status=status,
    )


def _step(evaluator: webform.Evaluator, pages: list[webform.Page], index: int, step: int) -> int:
    """The next (or previous) relevant page; ``index`` when there is none."""
    position = index + step
    while 0 <= position < len(pages):
        if webform.page_relevant(evaluator, pages[position]):
            return position
        position += step
    return index


def _submit(
    request: HttpRequest, draft: SubmissionDraft, evaluator: webform.Evaluator, pages: list
) -> HttpResponse:
    bad = webform.first_invalid_page(
        evaluator, [p for p in pages if webform.page_relevant(evaluator, p)]
    )
    if bad is not None:
        return redirect("surveys:fill", token=draft.token, page=bad)
    values = webform.drop_irrelevant(evaluator)
    values = {**values, FIXED_KEY: draft.values.get(FIXED_KEY) or {}}
    actor = request.user if request.user.is_authenticated else None
    try:
        draft_submit(draft=draft, values=values, actor=actor, public=draft.user_id is None)
    except InstanceError as exc:
        return render(
            request,
            "surveys/fill_closed.html",
            {"survey": draft.survey, "message": exc.message},
            status=409,
        )
    return redirect("surveys:fill_done", token=draft.token)


def fill_done(request: HttpRequest, token: str) -> HttpResponse:
    draft = _draft(request, token)
    if draft.submission_id is None:
        return redirect("surveys:fill", token=draft.token, page=draft.page)
    return render(request, "surveys/fill_done.html", {"survey": draft.survey, "draft": draft})
