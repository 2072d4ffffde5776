"""The commune Party secretary's reception days (issue #15): the year month by month against
the rule's count, scheduling a day, recording it held or not (with the reason), the visitors'
matters entered into the commune's reception register and answered on the clock.

The schedule and the register are the letters app's; this page goes through its services and
selectors (``danvan.outreach.party_reception``)."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import acting_units, signed_in, unit_for_user
from danvan.cases.services import CaseError
from danvan.core.boundary import parse_int
from danvan.deadlines.ruleset import rule_for
from danvan.letters.services import reception as letters_reception
from danvan.letters.services.errors import LetterError
from danvan.outreach import party_reception
from danvan.outreach.forms import PartyAnswerForm, PartyDayForm, PartyDayMarkForm, PartyMatterForm


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = list(acting_units(request.user, *party_reception.ROLES).order_by("code")[:2])
    if not units:
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if len(units) == 1:
        return redirect("outreach:party_reception", code=units[0].code)
    return redirect("outreach:home")


def _matter_form(data, unit, months):  # type: ignore[no-untyped-def]
    sessions = [s for m in months for s in m.sessions if s.status != party_reception.NOT_HELD]
    return PartyMatterForm(
        data, prefix="v", sessions=sessions, kinds=letters_reception.EntryKind.choices
    )


@login_required
def page(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    # The register names the visitors: the Party secretary and the reception desk only.
    if not party_reception.can_act(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    today = timezone.localdate()
    year = parse_int(request.GET.get("nam"), lo=2000, hi=2100) or today.year
    months = party_reception.year_months(unit, year)
    post = request.POST if request.method == "POST" else None
    action = (post or {}).get("action")
    day_form = PartyDayForm(post if action == "schedule" else None, prefix="d")
    mark_form = PartyDayMarkForm(post if action == "mark" else None)
    matter_form = _matter_form(post if action == "matter" else None, unit, months)
    answer_form = PartyAnswerForm(
        post if action == "answer" else None, initial={"answered_on": today}
    )
    if post is not None:
        done = _act(request, unit, action, day_form, mark_form, matter_form, answer_form)
        if done:
            messages.success(request, done)
            return redirect(f"{reverse('outreach:party_reception', args=[unit.code])}?nam={year}")
    monthly = rule_for(party_reception.MONTHLY_RULE, today)
    context = {
        "unit": unit,
        "year": year,
        "months": months,
        "matters": party_reception.matters_of(request.user, unit, year),
        "rule": monthly,
        "answer_rule": rule_for(letters_reception.PARTY_ANSWER_RULE, today),
        "day_form": day_form,
        "mark_form": mark_form,
        "matter_form": matter_form,
        "answer_form": answer_form,
        "today": today,
    }
    bad = any(f.errors for f in (day_form, mark_form, matter_form, answer_form))
    return render(request, "outreach/party_reception.html", context, status=422 if bad else 200)


def _act(request, unit, action, day_form, mark_form, matter_form, answer_form):  # type: ignore[no-untyped-def]
    """Run the posted action; the success message, or None with the error on its form."""
    user = signed_in(request.user)
    form = {"schedule": day_form, "mark": mark_form, "matter": matter_form}.get(action, answer_form)
    if not form.is_valid():
        return None
    d = form.cleaned_data
    try:
        if action == "schedule":
            party_reception.schedule(
                unit=unit, day=d["day"], host_name=d["host_name"], place=d["place"], actor=user
            )
            return _("Đã thêm ngày tiếp dân của Bí thư vào lịch.")
        if action == "mark":
            session = party_reception.session_of(user, unit, d["session"])
            letters_reception.session_mark(
                session=session, actor=user, status=d["status"], reason=d["reason"]
            )
            return _("Đã cập nhật buổi tiếp.")
        if action == "matter":
            session = party_reception.session_of(user, unit, d["session"])
            entry = letters_reception.entry_record(
                data=letters_reception.EntryInput(
                    unit=unit,
                    day=session.date,
                    session=session,
                    content=d["content"],
                    kind=d["kind"],
                    visitor_name=d["visitor_name"],
                    visitor_address=d["visitor_address"],
                    visitor_phone=d["visitor_phone"],
                    people_count=d["people_count"],
                    representatives=d["representatives"],
                ),
                actor=user,
            )
            return _("Đã vào sổ tiếp công dân số %(n)s.") % {"n": f"{entry.number}/{entry.year}"}
        entry = party_reception.matter_of(user, unit, d["entry"])
        letters_reception.entry_answer(
            entry=entry,
            actor=user,
            answer=d["answer"],
            at=timezone.make_aware(datetime.combine(d["answered_on"], time(15, 0))),
            note=d["note"],
        )
        return _("Đã ghi trả lời người đến tiếp.")
    except PermissionDenied:
        raise
    except (LetterError, CaseError) as exc:
        form.add_error(None, str(getattr(exc, "message", exc)))
        return None
