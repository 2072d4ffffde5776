"""Citizens' pages (no login): the online reflection/petition form, the public reception
schedule and the public statistics of a commune."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
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
from danvan.letters.forms import PublicForm
from danvan.letters.models import Channel
from danvan.letters.services.errors import LetterError
from danvan.letters.services.intake import IncomingFile, LetterInput, Sender, letter_receive
from danvan.letters.services.units import find_units
from danvan.territory.addresses import recognise_old_address
from danvan.territory.selectors import units_find
from danvan.territory.visitor import visitor_province

logger = logging.getLogger(__name__)
SESSION_KEY = "danvan_letters_sent"


@dataclass(frozen=True)
class _Quota:
    """A fixed-window counter in the shared cache (every worker sees it): ``limit`` stored
    letters per ``window`` seconds for one key. The window starts at the first letter and
    its end is kept beside the count, so a refusal can say when to try again."""

    name: str
    limit: int
    window: int

    def _keys(self, who: str) -> tuple[str, str]:
        digest = hmac.new(settings.SECRET_KEY.encode(), who.encode(), "sha256").hexdigest()[:32]
        return f"letters:submit:{self.name}:{digest}", f"letters:submit:{self.name}:{digest}:end"

    def retry_at(self, who: str) -> datetime | None:
        """When ``who`` may send again if the quota is used up, else None."""
        count_key, end_key = self._keys(who)
        if int(cache.get(count_key, 0)) < self.limit:
            return None
        end = cache.get(end_key)
        return datetime.fromtimestamp(end, tz=UTC) if end else timezone.now()

    def count(self, who: str) -> None:
        count_key, end_key = self._keys(who)
        if cache.add(end_key, time.time() + self.window, self.window):
            cache.set(count_key, 0, self.window)
        cache.add(count_key, 0, self.window)
        try:
            cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, self.window)


def _ip_quota() -> _Quota:
    # Several families behind one mobile network share an address: 20 an hour by default.
    return _Quota(
        "ip",
        int(getattr(settings, "DANVAN_PUBLIC_SUBMIT_LIMIT", 20)),
        int(getattr(settings, "DANVAN_PUBLIC_SUBMIT_WINDOW", 3600)),
    )


def _phone_quota() -> _Quota:
    return _Quota(
        "phone",
        int(getattr(settings, "DANVAN_PUBLIC_SUBMIT_PHONE_LIMIT", 5)),
        int(getattr(settings, "DANVAN_PUBLIC_SUBMIT_PHONE_WINDOW", 86400)),
    )


def _ip(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def _phone(number: str) -> str:
    # "0987 000 111", "+84987000111" and "0987.000.111" are the same phone.
    digits = "".join(c for c in number if c.isdigit())
    return "0" + digits[2:] if digits.startswith("84") and len(digits) >= 11 else digits


def _too_many(request: HttpRequest, form: PublicForm, retry_at: datetime) -> HttpResponse:
    local = timezone.localtime(retry_at)
    today = timezone.localdate()
    when = local.strftime("%H:%M") if local.date() == today else local.strftime("%H:%M %d/%m/%Y")
    form.add_error(
        None,
        _("Đã gửi quá số lần cho phép. Vui lòng thử lại lúc %(time)s.") % {"time": when},
    )
    response = _again(request, form, status=429)
    response["Retry-After"] = str(max(1, int((retry_at - timezone.now()).total_seconds())))
    return response


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
        initial = {"token": PublicForm.issue_token()}
        chosen = _chosen_unit(request)
        if chosen is not None:
            initial["commune"] = f"{chosen.name} ({chosen.code})"
        form = PublicForm(initial=initial, min_seconds=min_seconds)
        return render(request, "letters/public_form.html", {"form": form, "chosen": chosen})
    form = PublicForm(request.POST, request.FILES, min_seconds=min_seconds)
    if request.POST.get("website"):
        # The honeypot was filled: answer like a success without storing anything.
        logger.info("online form: honeypot filled")
        return render(request, "letters/public_done.html", {"spam": True})
    retry_at = _ip_quota().retry_at(_ip(request))
    if retry_at is not None:
        form.is_valid()
        return _too_many(request, form, retry_at)
    if not form.is_valid():
        return _again(request, form)
    if not _already_stored(form):
        retry_at = _phone_quota().retry_at(_phone(form.cleaned_data["phone"]))
        if retry_at is not None:
            return _too_many(request, form, retry_at)
    units = _communes(request, form)
    if len(units) != 1:
        return _again(request, form)
    return _store(request, form, units[0])


def _chosen_unit(request: HttpRequest) -> Any:
    """The commune chosen by the link from its page (``?unit=<code>``), if it exists."""
    code = (request.GET.get("unit") or "").strip()[:5]
    if not code.isdigit():
        return None
    units = find_units(code)
    return units[0] if units else None


def _already_stored(form: PublicForm) -> bool:
    # The same filled form sent again (back button, double tap) gives the same letter back
    # and is not counted twice: one letter per form token.
    key = hashlib.sha256(form.cleaned_data["token"].encode()).hexdigest()
    return selectors.letter_by_submission_key(key) is not None


def _communes(request: HttpRequest, form: PublicForm) -> list[Any]:
    """The commune the person meant: by code or current name, else by a pre-2025 name or
    district (the visitor's province first); when nothing matches, the address, if written
    with old units, suggests one. Adds the form error unless exactly one unit is found."""
    typed = form.cleaned_data["commune"]
    units = find_units(typed)
    if not units:
        matches = units_find(typed, province_code=visitor_province(request), limit=10)
        units = [m.unit for m in matches]
    if len(units) == 1:
        return units
    if units:
        form.unit_choices = units
        form.add_error("commune", _("Có nhiều xã, phường trùng tên: chọn một mã trong danh sách."))
        return units
    found = recognise_old_address(form.cleaned_data["address"])
    if found is not None:
        form.unit_choices = [found.unit]
        form.add_error(
            "commune",
            _(
                "Không tìm thấy xã, phường này. Theo địa chỉ bạn ghi (đơn vị cũ: %(old)s), "
                "nơi đó nay thuộc %(unit)s: nhập mã %(code)s để chọn."
            )
            % {"old": found.old_ward, "unit": found.unit.name, "code": found.unit.code},
        )
        return []
    form.add_error("commune", _("Không tìm thấy xã, phường này."))
    return []


def _again(request: HttpRequest, form: PublicForm, status: int = 400) -> HttpResponse:
    # A fresh token: the next attempt must not be refused as "too fast" for the old one.
    data = form.data.copy()
    data["token"] = form.data.get("token") or PublicForm.issue_token()
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
        _ip_quota().count(_ip(request))
        _phone_quota().count(_phone(d["phone"]))
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


def index(request: HttpRequest) -> HttpResponse:
    """Letters' public pages for a commune found by name (old names too): its reception
    days, its statistics and the letter form with it chosen."""
    query = (request.GET.get("xa") or "").strip()[:100]
    matches = units_find(query, province_code=visitor_province(request)) if query else []
    return render(request, "letters/public_index.html", {"query": query, "matches": matches})


def unit_section(request: HttpRequest, unit: Any) -> tuple[str, dict[str, Any]]:
    """The commune page's section: the next reception days (one query) and the links."""
    today = timezone.localdate()
    upcoming = selectors.upcoming_sessions(unit, today, limit=4)
    return "letters/_unit_section.html", {"upcoming": upcoming, "year": today.year}


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
