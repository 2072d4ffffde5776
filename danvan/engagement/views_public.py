"""Citizens' pages (no sign-in, no JavaScript needed): dialogue notices and the question
form, commitments with their status, voters' petitions with their answers. Published facts
only: no asker's name or phone is ever selected for these pages."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.cases.ratelimit import allow
from danvan.engagement import selectors, services
from danvan.engagement.forms import PublicQuestionForm
from danvan.engagement.services import EngagementError

logger = logging.getLogger(__name__)
SESSION_KEY = "danvan_engagement_question"


def _limit() -> tuple[int, int]:
    return (
        int(getattr(settings, "DANVAN_PUBLIC_SUBMIT_LIMIT", 5)),
        int(getattr(settings, "DANVAN_PUBLIC_SUBMIT_WINDOW", 3600)),
    )


def _year(request: HttpRequest) -> int:
    value = request.GET.get("nam", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "engagement/public_index.html",
        {"upcoming": selectors.upcoming_dialogues(limit=50)},
    )


def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.public_unit(code)
    dialogues = list(selectors.public_dialogues(unit)[:50])
    commitments = [(c, selectors.commitment_state(c)) for c in selectors.commitments_of(unit)[:300]]
    return render(
        request,
        "engagement/public_unit.html",
        {"unit": unit, "dialogues": dialogues, "commitments": commitments},
    )


def dialogue(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    unit = selectors.public_unit(code)
    found = selectors.public_dialogue(unit, pk)
    min_seconds = int(getattr(settings, "DANVAN_PUBLIC_FORM_MIN_SECONDS", 3))
    if request.method == "POST":
        return _ask(request, unit, found, min_seconds)
    form = PublicQuestionForm(
        initial={"token": PublicQuestionForm.issue_token()}, min_seconds=min_seconds
    )
    return _render(request, unit, found, form)


def _render(request, unit, found, form, status=200):  # type: ignore[no-untyped-def]
    commitments = [
        (c, selectors.commitment_state(c)) for c in selectors.commitments_of(unit, found)
    ]
    return render(
        request,
        "engagement/public_dialogue.html",
        {
            "unit": unit,
            "dialogue": found,
            "questions": selectors.public_questions(found),
            "commitments": commitments,
            "open": services.accepts_questions(found),
            "form": form,
        },
        status=status,
    )


def _ask(request, unit, found, min_seconds):  # type: ignore[no-untyped-def]
    form = PublicQuestionForm(request.POST, min_seconds=min_seconds)
    if request.POST.get("website"):
        # The honeypot was filled: answer like a success without storing anything.
        logger.info("dialogue question form: honeypot filled")
        return render(
            request, "engagement/public_question_done.html", {"unit": unit, "dialogue": found}
        )
    if not services.accepts_questions(found):
        form.is_valid()
        form.add_error(None, _("Buổi đối thoại này không còn nhận câu hỏi trước."))
        return _again(request, unit, found, form, status=409)
    if not form.is_valid():
        return _again(request, unit, found, form)
    # Typing errors do not count against the quota; every question about to be stored does.
    if not allow(request, "engagement-question", _limit()):
        form.add_error(None, _("Bạn đã gửi quá nhiều lần trong một giờ. Vui lòng thử lại sau."))
        return _again(request, unit, found, form, status=429)
    d = form.cleaned_data
    try:
        services.question_submit(
            dialogue=found,
            content=d["content"],
            name=d["name"],
            phone=d["phone"],
            area=d["area"],
            submission_key=hashlib.sha256(d["token"].encode()).hexdigest(),
        )
    except EngagementError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return _again(request, unit, found, form)
    except IntegrityError:  # pragma: no cover - the service resolves a double submit
        form.add_error(None, _("Vui lòng gửi lại."))
        return _again(request, unit, found, form)
    request.session[SESSION_KEY] = found.pk
    return redirect("engagement:public_question_done", code=unit.code, pk=found.pk)


def _again(request, unit, found, form, status=400):  # type: ignore[no-untyped-def]
    # A fresh token if the old one was bad; the user's text stays in the form.
    data = form.data.copy()
    if "token" in form.errors or not data.get("token"):
        data["token"] = PublicQuestionForm.issue_token()
    form.data = data
    return _render(request, unit, found, form, status=status)


def question_done(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    unit = selectors.public_unit(code)
    found = selectors.public_dialogue(unit, pk)
    if request.session.get(SESSION_KEY) != found.pk:
        return redirect("engagement:public_dialogue", code=unit.code, pk=found.pk)
    return render(
        request, "engagement/public_question_done.html", {"unit": unit, "dialogue": found}
    )


def petitions(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.public_unit(code)
    year = _year(request)
    return render(
        request,
        "engagement/public_petitions.html",
        {
            "unit": unit,
            "year": year,
            "today": timezone.localdate(),
            **selectors.public_petitions(unit, year),
        },
    )
