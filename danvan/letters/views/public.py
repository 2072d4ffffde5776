"""Citizens' pages (no login): the online reflection/petition form, the public reception
schedule and the public statistics of a commune."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.cases.services import CaseError
from danvan.core.boundary import parse_int
from danvan.core.middleware import client_ip
from danvan.letters import selectors
from danvan.letters.forms import PublicForm, issue_form_token
from danvan.letters.models import Channel
from danvan.letters.services.errors import LetterError
from danvan.letters.services.intake import IncomingFile, LetterInput, Sender, letter_receive
from danvan.letters.services.units import find_units

logger = logging.getLogger(__name__)
SESSION_KEY = "danvan_letters_sent"


def _limit() -> tuple[int, int]:
    return (
        int(getattr(settings, "DANVAN_PUBLIC_SUBMIT_LIMIT", 5)),
        int(getattr(settings, "DANVAN_PUBLIC_SUBMIT_WINDOW", 3600)),
    )


def _rate_key(request: HttpRequest) -> str:
    ip = client_ip(request) or "unknown"
    return "letters:submit:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def _rate_limited(request: HttpRequest) -> bool:
    """Whether this IP already stored its quota of letters in the window (the shared cache:
    every worker sees the count). Typing errors do not count; stored letters do."""
    limit, _window = _limit()
    return int(cache.get(_rate_key(request), 0)) >= limit


def _count_submission(request: HttpRequest) -> None:
    _limit_n, window = _limit()
    key = _rate_key(request)
    cache.add(key, 0, window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)


def _tracking_url(code: str, secret: str) -> str:
    for name in ("tracking:detail", "cases:track"):
        try:
            return reverse(name, kwargs={"code": code}) + f"?secret={secret}"
        except NoReverseMatch:
            continue
    return f"/tra-cuu/{code}/?secret={secret}"


def submit(request: HttpRequest) -> HttpResponse:
    min_seconds = int(getattr(settings, "DANVAN_PUBLIC_FORM_MIN_SECONDS", 3))
    if request.method != "POST":
        form = PublicForm(initial={"token": issue_form_token()}, min_seconds=min_seconds)
        return render(request, "letters/public_form.html", {"form": form})
    form = PublicForm(request.POST, request.FILES, min_seconds=min_seconds)
    if request.POST.get("website"):
        # The honeypot was filled: answer like a success without storing anything.
        logger.info("online form: honeypot filled")
        return render(request, "letters/public_done.html", {"spam": True})
    if _rate_limited(request):
        form.is_valid()
        form.add_error(None, _("Bạn đã gửi quá nhiều lần trong một giờ. Vui lòng thử lại sau."))
        return _again(request, form, status=429)
    if not form.is_valid():
        return _again(request, form)
    units = find_units(form.cleaned_data["commune"])
    if len(units) != 1:
        form.unit_choices = units
        form.add_error(
            "commune",
            _("Không tìm thấy xã, phường này.")
            if not units
            else _("Có nhiều xã, phường trùng tên: chọn một mã trong danh sách."),
        )
        return _again(request, form)
    return _store(request, form, units[0])


def _again(request: HttpRequest, form: PublicForm, status: int = 400) -> HttpResponse:
    # A fresh token: the next attempt must not be refused as "too fast" for the old one.
    data = form.data.copy()
    data["token"] = form.data.get("token") or issue_form_token()
    form.data = data
    return render(request, "letters/public_form.html", {"form": form}, status=status)


def _store(request: HttpRequest, form: PublicForm, unit: Any) -> HttpResponse:
    d = form.cleaned_data
    key = hashlib.sha256(d["token"].encode()).hexdigest()
    existing = selectors.letter_by_submission_key(key)
    if existing is None:
        try:
            existing = letter_receive(
                data=LetterInput(
                    unit=unit,
                    kind=d["kind"],
                    content=d["content"],
                    channel=Channel.PORTAL,
                    sender=Sender(
                        name=d["name"], phone=d["phone"], email=d["email"], address=d["address"]
                    ),
                    category=d["category"],
                    submission_key=key,
                    files=[IncomingFile(upload=f, content_type=t) for f, t in d["attachments"]],
                ),
                actor=None,
            )
        except IntegrityError:
            # The same form sent twice at once: the other request stored it.
            existing = selectors.letter_by_submission_key(key)
            if existing is None:
                raise
        except (LetterError, CaseError) as exc:
            form.add_error(None, str(getattr(exc, "message", exc)))
            return _again(request, form)
        _count_submission(request)
    request.session[SESSION_KEY] = {"code": existing.code, "secret": existing.case.secret}
    return redirect("letters:public_done")


def done(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(SESSION_KEY)
    if not sent:
        return redirect("letters:public_submit")
    context = {**sent, "tracking_url": _tracking_url(sent["code"], sent["secret"])}
    response = render(request, "letters/public_done.html", context)
    response["Cache-Control"] = "no-store"
    return response


def schedule(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = selectors.public_unit(unit_code)
    year = _year(request)
    return render(
        request,
        "letters/public_schedule.html",
        {"unit": unit, "year": year, "sessions": selectors.public_sessions(unit, year)},
    )


def statistics(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = selectors.public_unit(unit_code)
    year = _year(request)
    return render(
        request,
        "letters/public_stats.html",
        {"unit": unit, "year": year, "stats": selectors.public_statistics(unit, year)},
    )


def _year(request: HttpRequest) -> int:
    # str.isdigit() accepts "²", which int() refuses: one range-checked parser for all.
    return parse_int(request.GET.get("nam"), lo=2000, hi=2100) or timezone.localdate().year
