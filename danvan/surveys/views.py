"""Officers' survey pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.surveys import selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    surveys = list(selectors.surveys_for_user(request.user).select_related("unit")[:200])
    return render(request, "surveys/home.html", {"surveys": surveys})
