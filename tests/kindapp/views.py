"""The kind's public page: the repair status for the holder of the report's code and secret
(the same check as the tracking page: an unknown code and a wrong secret look alike)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.cases.selectors import case_public_lookup, public_case
from tests.kindapp.kind import KIND


def status(request: HttpRequest, code: str) -> HttpResponse:
    case = case_public_lookup(code, request.GET.get("secret", ""))
    if case is None or case.kind != KIND:
        raise Http404("No such report")
    return render(request, "kindapp/status.html", {"result": public_case(case)})
