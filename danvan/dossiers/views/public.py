"""Citizens' pages (no sign-in): the procedure catalogue and the online rating."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.dossiers import services
from danvan.dossiers.forms import RatingForm
from danvan.dossiers.models import DossierStage
from danvan.dossiers.selectors import (
    dossier_public_lookup,
    procedure_public,
    procedures_catalogue,
)


def procedures(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100]
    qs = procedures_catalogue(active_only=True)
    if query:
        qs = qs.filter(name__icontains=query) | qs.filter(code__icontains=query)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "dossiers/public_procedures.html", {"page": page, "query": query})


def procedure(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "dossiers/public_procedure.html", {"procedure": procedure_public(code)})


def rate(request: HttpRequest, code: str) -> HttpResponse:
    """Online rating through the slip's QR code: the secret printed on the slip is the key."""
    secret = request.POST.get("secret") or request.GET.get("secret") or ""
    dossier = dossier_public_lookup(code, secret)
    if dossier is None:
        context = {"error": _("Mã hồ sơ hoặc mã bí mật không đúng."), "code": code}
        return render(request, "dossiers/public_rate.html", context, status=404)
    context = {"dossier": dossier, "secret": secret, "code": code}
    if hasattr(dossier, "rating"):
        context["done"] = True
        return render(request, "dossiers/public_rate.html", context)
    if dossier.stage not in (DossierStage.RESULT_READY, DossierStage.RETURNED):
        context["not_ready"] = True
        return render(request, "dossiers/public_rate.html", context)
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                services.dossier_rate(
                    dossier=dossier,
                    scores=form.scores(),
                    channel="online",
                    comment=form.cleaned_data["comment"],
                )
            except services.DossierError as exc:
                form.add_error(None, str(exc.message))
            else:
                context["done"] = context["thanks"] = True
                return render(request, "dossiers/public_rate.html", context)
        context["form"] = form
        return render(request, "dossiers/public_rate.html", context, status=400)
    context["form"] = RatingForm()
    return render(request, "dossiers/public_rate.html", context)
