"""Public tracking of a case by its code and the secret printed on the slip. Works without
JavaScript; the slip's QR code links to ``/tra-cuu/<code>/?secret=S``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from danvan.cases.forms import TrackForm
from danvan.cases.kinds import tracking_links
from danvan.cases.ratelimit import allow
from danvan.cases.selectors import case_public_lookup, public_case


def form_url() -> str:
    return reverse("tracking:form")


def _render(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    return render(request, "cases/track.html", {"form_url": form_url(), **context}, status=status)


def _answer(request: HttpRequest, form: TrackForm) -> HttpResponse:
    if not allow(request):
        form.is_valid()  # keep what was typed, show field errors if any
        message = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")
        return _render(request, {"form": form, "error": message}, status=429)
    if not form.is_valid():
        return _render(request, {"form": form}, status=400)
    case = case_public_lookup(form.cleaned_data["code"], form.cleaned_data["secret"])
    if case is None:
        # The same words for an unknown code and a wrong secret: no oracle.
        message = _(
            "Không tìm thấy hồ sơ với mã tra cứu và mã bí mật này. Vui lòng kiểm tra lại phiếu hẹn."
        )
        return _render(request, {"form": form, "error": message}, status=404)
    context = {"form": form, "result": public_case(case), "links": tracking_links(case)}
    return _render(request, context)


@never_cache
def track_form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _answer(request, TrackForm(request.POST))
    if request.GET.get("secret"):
        return _answer(request, TrackForm(request.GET))
    if request.GET.get("code"):  # a link carrying the code only: ask for the secret
        return _render(request, {"form": TrackForm(initial={"code": request.GET["code"][:40]})})
    return _render(request, {"form": TrackForm()})


@never_cache
def track(request: HttpRequest, code: str) -> HttpResponse:
    secret = request.GET.get("secret", "")
    if not secret:
        return _render(request, {"form": TrackForm(initial={"code": code})})
    return _answer(request, TrackForm({"code": code, "secret": secret}))
