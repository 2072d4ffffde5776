"""Residents' pages: no login, no JavaScript needed. Disclosures and consultations of a
commune, commenting (one per phone number, spam-protected like the letters form), voting with
the household's code, and checking a receipt."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.cases.ratelimit import allow
from danvan.democracy import selectors
from danvan.democracy.categories import DISCLOSURE_BY_CODE, Choice
from danvan.democracy.forms import PublicCommentForm, PublicVoteForm, ReceiptForm
from danvan.democracy.models import Decision
from danvan.democracy.services.consultations import comment_add
from danvan.democracy.services.decisions import VoteInput, is_open, receipt_lookup, vote_cast
from danvan.democracy.services.errors import DemocracyError
from danvan.democracy.services.households import voter_by_code
from danvan.democracy.views.common import refuse

logger = logging.getLogger(__name__)
SESSION_RECEIPT = "danvan_democracy_receipt"


def home(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("xa", "").strip()[:5]
    if code:
        if selectors.unit_public(code) is not None:
            return redirect("democracy:public_unit", code=code)
        return render(request, "democracy/public/home.html", {"not_found": code}, status=404)
    return render(request, "democracy/public/home.html", {})


def unit(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.unit_public(code)
    if found is None:
        raise Http404(_("Không tìm thấy xã."))
    return render(
        request,
        "democracy/public/unit.html",
        {
            "unit": found,
            "villages": list(found.villages.order_by("name")),
            "disclosures": list(selectors.disclosures_for_unit(found)[:50]),
            "categories": DISCLOSURE_BY_CODE,
            "consultations": list(selectors.consultations_for_unit(found)[:30]),
            "now": timezone.now(),
        },
    )


def village(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.village_public(pk)
    if found is None:
        raise Http404(_("Không tìm thấy thôn, tổ dân phố."))
    now = timezone.now()
    return render(
        request,
        "democracy/public/village.html",
        {
            "village": found,
            "unit": found.unit,
            "disclosures": list(selectors.village_disclosures(found)[:50]),
            "consultations": list(
                selectors.consultations_for_unit(found.unit).filter(village=found)[:30]
            ),
            "decisions": list(selectors.village_upcoming_decisions(found, now)[:20]),
        },
    )


def document(request: HttpRequest, pk: int) -> FileResponse:
    """A disclosure's document: public by law (Art. 11)."""
    disclosure = selectors.disclosure_public(pk)
    if disclosure is None or not disclosure.document:
        raise Http404(_("Không tìm thấy văn bản."))
    extension = "pdf" if disclosure.document_type == "application/pdf" else "docx"
    response = FileResponse(
        disclosure.document.open("rb"),
        content_type=disclosure.document_type,
        as_attachment=True,
        filename=f"cong-khai-{disclosure.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.consultation_public(pk)
    if found is None:
        raise Http404(_("Không tìm thấy nội dung lấy ý kiến."))
    min_seconds = int(getattr(settings, "DANVAN_PUBLIC_FORM_MIN_SECONDS", 3))
    now = timezone.now()
    open_now = found.opens <= now < found.closes
    sent = request.session.pop("danvan_democracy_comment", None) == found.pk
    status = 200
    if request.method == "POST":
        form = PublicCommentForm(request.POST, min_seconds=min_seconds)
        if request.POST.get("website"):
            logger.info("consultation form: honeypot filled")
            return redirect("democracy:public_consultation", pk=found.pk)
        status = 400
        if not allow(request, "democracy-comment"):
            form.is_valid()
            form.add_error(None, _("Bạn gửi quá nhiều lần. Vui lòng thử lại sau."))
            status = 429
        elif form.is_valid():
            d = form.cleaned_data
            try:
                comment_add(
                    consultation=found,
                    name=d["name"],
                    phone=d["phone"],
                    content=d["content"],
                    submission_key=hashlib.sha256(d["token"].encode()).hexdigest(),
                )
            except DemocracyError as exc:
                refuse(form, exc)
                status = exc.status if exc.status in (409,) else 400
            else:
                request.session["danvan_democracy_comment"] = found.pk
                return redirect("democracy:public_consultation", pk=found.pk)
        data = form.data.copy()
        data["token"] = PublicCommentForm.issue_token()
        form.data = data
    else:
        form = PublicCommentForm(
            initial={"token": PublicCommentForm.issue_token()}, min_seconds=min_seconds
        )
    published = found.synthesis_published_at is not None
    return render(
        request,
        "democracy/public/consultation.html",
        {
            "consultation": found,
            "form": form,
            "open_now": open_now,
            "sent": sent,
            "published": published,
            "comments": list(selectors.comments_of(found)) if published else [],
        },
        status=status,
    )


def vote(request: HttpRequest) -> HttpResponse:
    """Step 1: the household types its code and sees the decisions open to it; step 2: it
    chooses and gets a receipt. Both are POSTs: a voting code never travels in a URL (no
    browser history, server log or Referer carries it); a ``?code=`` (an old link, a
    bookmark) is dropped by a redirect to the bare page, so no page echoes it."""
    if request.method == "GET" and "code" in request.GET:
        return _private(redirect(request.path))
    status = 200
    decisions: list[Decision] = []
    household = None
    code = (request.POST.get("code") or "").strip()[:40] if request.method == "POST" else ""
    form = None
    if code:
        if not allow(request, "democracy-vote"):
            return _private(
                render(
                    request,
                    "democracy/public/vote.html",
                    {"error": _("Bạn thử quá nhiều lần. Vui lòng thử lại sau."), "code": code},
                    status=429,
                )
            )
        voter = voter_by_code(code)
        household = voter[0] if voter else None
        if household is None:
            return _private(
                render(
                    request,
                    "democracy/public/vote.html",
                    {"error": _("Mã bỏ phiếu không đúng."), "code": code},
                    status=400,
                )
            )
        decisions = selectors.online_decisions_for(household, timezone.now())
        if voter and voter[1] is not None:
            # A decision's own code shows that decision only.
            decisions = [d for d in decisions if d.pk == voter[1]]
    if household is not None and "decision" in request.POST:
        form = PublicVoteForm(request.POST)
        if form.is_valid():
            decision = next((d for d in decisions if d.pk == form.cleaned_data["decision"]), None)
            if decision is None:
                form.add_error(None, _("Nội dung này không còn mở biểu quyết."))
            else:
                try:
                    cast = vote_cast(
                        decision=decision,
                        actor=None,
                        data=VoteInput(
                            household=household, choice=form.cleaned_data["choice"], code=code
                        ),
                    )
                except DemocracyError as exc:
                    refuse(form, exc)
                else:
                    request.session[SESSION_RECEIPT] = cast.receipt
                    return redirect("democracy:public_receipt")
        status = 400
    return _private(
        render(
            request,
            "democracy/public/vote.html",
            {
                "code": code,
                "household": household,
                "decisions": decisions,
                "choices": Choice.choices,
                "form": form,
                "is_open": is_open,
            },
            status=status,
        )
    )


def _private(response: HttpResponse) -> HttpResponse:
    """A page showing a voting code or a receipt: never kept by a shared computer's cache."""
    response["Cache-Control"] = "no-store"
    return response


def receipt(request: HttpRequest) -> HttpResponse:
    """Check a receipt: typed into a POST form (a ``?receipt=`` is ignored), or the one just
    cast, kept in the session for the redirect after voting."""
    if request.method == "GET" and "receipt" in request.GET:
        return _private(redirect(request.path))
    just_cast = request.session.pop(SESSION_RECEIPT, None)
    typed = (request.POST.get("receipt") or "").strip()[:40] if request.method == "POST" else ""
    text = just_cast or typed
    form = ReceiptForm(initial={"receipt": text})
    found = None
    status = 200
    if text:
        if not just_cast and not allow(request, "democracy-receipt"):
            return _private(
                render(
                    request,
                    "democracy/public/receipt.html",
                    {"form": form, "error": _("Bạn thử quá nhiều lần. Vui lòng thử lại sau.")},
                    status=429,
                )
            )
        found = receipt_lookup(text)
        if found is None:
            status = 404
    return _private(
        render(
            request,
            "democracy/public/receipt.html",
            {"form": form, "vote": found, "asked": bool(text), "just_cast": bool(just_cast)},
            status=status,
        )
    )
