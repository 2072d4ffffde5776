"""Officers' pages: decisions and votes, consultations, disclosures and postings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.access import has_role, units_for_user
from danvan.deadlines.clock import compute_due
from danvan.democracy import documents, selectors
from danvan.democracy.categories import DISCLOSURE_BY_CODE
from danvan.democracy.forms import (
    CommentEnterForm,
    CommentRespondForm,
    ConsultationCreateForm,
    DecisionCreateForm,
    DisclosureCreateForm,
    PostingConfirmForm,
    PostingEndForm,
    RecogniseForm,
    SynthesisForm,
    VoteRecordForm,
)
from danvan.democracy.models import Decision, Household
from danvan.democracy.services.common import ORGANISER_ROLES, VILLAGE_ROLES
from danvan.democracy.services.consultations import (
    comment_add,
    comment_respond,
    consultation_create,
    synthesis_publish,
)
from danvan.democracy.services.decisions import (
    VoteInput,
    decision_create,
    decision_recognise,
    decision_report,
    decision_result,
    decision_threshold,
    is_open,
    vote_cast,
)
from danvan.democracy.services.disclosures import (
    compliance_of,
    disclosure_create,
    posting_confirm,
    posting_end,
)
from danvan.democracy.services.errors import DemocracyError
from danvan.democracy.services.households import decision_codes_issue, format_code
from danvan.democracy.views.common import readable_unit, refuse, require_role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = list(units_for_user(request.user).order_by("code")[:200])
    if len(units) == 1:
        return redirect("democracy:unit_home", code=units[0].code)
    return render(request, "democracy/home.html", {"units": units})


@login_required
def unit_home(request: HttpRequest, code: str) -> HttpResponse:
    unit = readable_unit(request, code)
    villages = selectors.villages_of(unit)
    return render(
        request,
        "democracy/unit_home.html",
        {
            "unit": unit,
            "villages": villages,
            "decisions": list(selectors.decisions_for_unit(unit)[:50]),
            "consultations": list(selectors.consultations_for_unit(unit)[:50]),
            "disclosures": list(selectors.disclosures_for_unit(unit)[:50]),
            "can_organise": has_role(request.user, unit, *ORGANISER_ROLES),
            "can_village": has_role(request.user, unit, *VILLAGE_ROLES),
        },
    )


@login_required
def decision_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = readable_unit(request, code)
    require_role(request, unit, ORGANISER_ROLES)
    villages = selectors.villages_of(unit)
    if request.method != "POST":
        import secrets

        form = DecisionCreateForm(villages=villages, initial={"token": secrets.token_hex(16)})
        return render(request, "democracy/decision_form.html", {"unit": unit, "form": form})
    form = DecisionCreateForm(request.POST, villages=villages)
    if form.is_valid():
        d = form.cleaned_data
        village = next((v for v in villages if v.pk == d["village"]), None)
        try:
            decision = decision_create(
                actor=request.user,
                unit=unit,
                village=village,
                scope=d["scope"],
                category=d["category"],
                form=d["form"],
                title=d["title"],
                description=d["description"],
                opens=d["opens"],
                closes=d["closes"],
                idempotency_key=f"web:{request.user.pk}:{d['token']}" if d["token"] else None,
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            return redirect("democracy:decision_detail", pk=decision.pk)
    return render(request, "democracy/decision_form.html", {"unit": unit, "form": form}, status=400)


def _decision_page(
    request: HttpRequest, decision: Decision, vote_form: Any = None, **extra: Any
) -> HttpResponse:
    unit = decision.unit
    households = selectors.households_in_scope(decision)
    can_record = has_role(request.user, unit, *VILLAGE_ROLES) and decision.form != "online"
    if vote_form is None and can_record:
        vote_form = VoteRecordForm(households=households)
    return render(
        request,
        "democracy/decision_detail.html",
        {
            "unit": unit,
            "decision": decision,
            "result": decision_result(decision),
            "threshold": decision_threshold(decision),
            "is_open": is_open(decision, timezone.now()),
            "closed": timezone.now() >= decision.closes,
            "report_due": (
                compute_due("democracy.decision.report", decision.closes).due
                if decision.reported_at is None
                else decision.report_due
            ),
            "vote_form": vote_form if can_record else None,
            "can_organise": has_role(request.user, unit, *ORGANISER_ROLES),
            "can_village": has_role(request.user, unit, *VILLAGE_ROLES),
            "can_recognise": has_role(request.user, unit, "leader"),
            "recognise_form": extra.get("recognise_form") or RecogniseForm(),
            **{k: v for k, v in extra.items() if k != "recognise_form"},
        },
        status=400 if extra.get("error") else 200,
    )


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision_page(request, selectors.decision_for_user(request.user, pk))


@login_required
@require_POST
def vote_record(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_user(request.user, pk)
    require_role(request, decision.unit, VILLAGE_ROLES)
    households = selectors.households_of_unit(decision.unit)
    form = VoteRecordForm(request.POST, households=households)
    if form.is_valid():
        household = households.filter(pk=form.cleaned_data["household"]).first()
        try:
            vote = vote_cast(
                decision=decision,
                actor=request.user,
                data=VoteInput(household=household, choice=form.cleaned_data["choice"]),
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi phiếu của hộ %(number)s. Biên nhận: %(receipt)s")
                % {"number": household.number, "receipt": vote.receipt},
            )
            return redirect("democracy:decision_detail", pk=decision.pk)
    return _decision_page(request, decision, vote_form=form, error=True)


@login_required
def decision_notice(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The notice with every household's voting code for this decision (new codes: this
    decision's earlier ones stop; other decisions' codes are untouched)."""
    decision = selectors.decision_for_user(request.user, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404("No such format")
    require_role(request, decision.unit, VILLAGE_ROLES)
    if request.method != "POST":
        return render(request, "democracy/notice_confirm.html", {"decision": decision, "fmt": fmt})
    villages = [decision.village] if decision.village_id else selectors.villages_of(decision.unit)
    codes: list[tuple[Household, str]] = []
    for village in villages:
        codes += decision_codes_issue(actor=request.user, decision=decision, village=village)
    doc = documents.decision_notice(decision, [(h, format_code(c)) for h, c in codes], request)
    data = doc.to_docx() if fmt == "docx" else doc.to_pdf()
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="thong-bao-{decision.pk}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def decision_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_user(request.user, pk)
    try:
        decision_report(decision=decision, actor=request.user)
    except DemocracyError as exc:
        if exc.code == "forbidden":
            require_role(request, decision.unit, ORGANISER_ROLES)
        return _decision_page(request, decision, error=str(exc.message))
    return redirect("democracy:decision_detail", pk=decision.pk)


@login_required
@require_POST
def decision_recognise_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_for_user(request.user, pk)
    require_role(request, decision.unit, ("leader",))
    form = RecogniseForm(request.POST)
    if form.is_valid():
        try:
            decision_recognise(
                decision=decision,
                actor=request.user,
                recognised=form.cleaned_data["recognised"],
                reason=form.cleaned_data["reason"],
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            return redirect("democracy:decision_detail", pk=decision.pk)
    return _decision_page(request, decision, recognise_form=form, error=True)


@login_required
def consultation_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = readable_unit(request, code)
    require_role(request, unit, ORGANISER_ROLES)
    villages = selectors.villages_of(unit)
    form = ConsultationCreateForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            consultation = consultation_create(
                actor=request.user,
                unit=unit,
                village=next((v for v in villages if v.pk == d["village"]), None),
                category=d["category"],
                title=d["title"],
                summary=d["summary"],
                opens=d["opens"],
                closes=d["closes"],
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            return redirect("democracy:consultation_detail", pk=consultation.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "democracy/consultation_form.html", {"unit": unit, "form": form}, status=status
    )


def _consultation_page(
    request: HttpRequest, consultation: Any, status: int = 200, **forms: Any
) -> HttpResponse:
    unit = consultation.unit
    comments = list(selectors.comments_of(consultation))
    return render(
        request,
        "democracy/consultation_detail.html",
        {
            "unit": unit,
            "consultation": consultation,
            "comments": comments,
            "can_organise": has_role(request.user, unit, *ORGANISER_ROLES),
            "enter_form": forms.get("enter_form") or CommentEnterForm(),
            "respond_form": CommentRespondForm(),
            "respond_errors": forms.get("respond_errors"),
            "synthesis_form": forms.get("synthesis_form") or SynthesisForm(),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _consultation_page(request, selectors.consultation_for_user(request.user, pk))


@login_required
@require_POST
def comment_enter(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_for_user(request.user, pk)
    require_role(request, consultation.unit, VILLAGE_ROLES)
    form = CommentEnterForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            comment_add(
                consultation=consultation,
                actor=request.user,
                name=d["name"],
                phone=d["phone"],
                content=d["content"],
                source=d["source"],
                source_note=d["source_note"],
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            return redirect("democracy:consultation_detail", pk=consultation.pk)
    return _consultation_page(request, consultation, status=400, enter_form=form)


@login_required
@require_POST
def comment_respond_view(request: HttpRequest, pk: int, comment: int) -> HttpResponse:
    consultation = selectors.consultation_for_user(request.user, pk)
    require_role(request, consultation.unit, ORGANISER_ROLES)
    found = consultation.comments.filter(pk=comment).first()
    if found is None:
        raise Http404("No such comment")
    form = CommentRespondForm(request.POST)
    if form.is_valid():
        try:
            comment_respond(
                comment=found,
                actor=request.user,
                response=form.cleaned_data["response"],
                note=form.cleaned_data["note"],
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            return redirect("democracy:consultation_detail", pk=consultation.pk)
    errors = [str(e) for errs in form.errors.values() for e in errs]
    return _consultation_page(request, consultation, status=400, respond_errors=errors)


@login_required
@require_POST
def synthesis_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_for_user(request.user, pk)
    require_role(request, consultation.unit, ORGANISER_ROLES)
    form = SynthesisForm(request.POST)
    if form.is_valid():
        try:
            synthesis_publish(
                consultation=consultation,
                actor=request.user,
                synthesis=form.cleaned_data["synthesis"],
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            return redirect("democracy:consultation_detail", pk=consultation.pk)
    return _consultation_page(request, consultation, status=400, synthesis_form=form)


@login_required
def disclosure_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = readable_unit(request, code)
    require_role(request, unit, ORGANISER_ROLES)
    form = DisclosureCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            disclosure = disclosure_create(
                actor=request.user,
                unit=unit,
                category=d["category"],
                title=d["title"],
                decided_on=d["decided_on"],
                document=d["document"],
                posted_on=d["posted_on"],
                places=d["places"],
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            return redirect("democracy:disclosure_detail", pk=disclosure.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "democracy/disclosure_form.html",
        {"unit": unit, "form": form, "categories": DISCLOSURE_BY_CODE.values()},
        status=status,
    )


@login_required
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _disclosure_page(request, selectors.disclosure_for_user(request.user, pk))


def _disclosure_page(request: HttpRequest, disclosure: Any, **kwargs: Any) -> HttpResponse:
    villages = {v.pk: v for v in selectors.villages_of(disclosure.unit)}
    return render(
        request,
        "democracy/disclosure_detail.html",
        {
            "unit": disclosure.unit,
            "disclosure": disclosure,
            "kind": DISCLOSURE_BY_CODE[disclosure.category],
            "postings": list(disclosure.postings.select_related("village")),
            "compliance": compliance_of(disclosure, set(villages), timezone.localdate()),
            "can_village": has_role(request.user, disclosure.unit, *VILLAGE_ROLES),
            "end_form": PostingEndForm(),
            "end_error": kwargs.get("end_error"),
        },
        status=kwargs.get("status", 200),
    )


@login_required
@require_POST
def posting_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the day a posting was taken down (how long it stayed is then known)."""
    posting = selectors.posting_for_user(request.user, pk)
    require_role(request, posting.unit, VILLAGE_ROLES)
    form = PostingEndForm(request.POST)
    if form.is_valid():
        try:
            posting_end(actor=request.user, posting=posting, ends=form.cleaned_data["ends"])
        except DemocracyError as exc:
            return _disclosure_page(
                request, posting.disclosure, end_error=str(exc.message), status=400
            )
        return redirect("democracy:disclosure_detail", pk=posting.disclosure_id)
    errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
    return _disclosure_page(request, posting.disclosure, end_error=errors, status=400)


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("nam", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@login_required
def compliance(request: HttpRequest, code: str) -> HttpResponse:
    unit = readable_unit(request, code)
    year = _year(request)
    return render(
        request,
        "democracy/compliance.html",
        {"unit": unit, "year": year, **selectors.compliance_for_unit(unit, year)},
    )


@login_required
def quarterly_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = readable_unit(request, code)
    year = _year(request)
    raw = request.GET.get("quy", "")
    quarter = int(raw) if raw in ("1", "2", "3", "4") else (timezone.localdate().month - 1) // 3 + 1
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    rows = list(
        selectors.disclosures_for_unit(unit).filter(decided_on__gte=first, decided_on__lt=last)
    )
    doc = documents.quarterly_list(unit, year, quarter, rows)
    response = HttpResponse(
        doc.to_docx(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="danh-muc-cong-khai-{unit.code}-{year}-q{quarter}.docx"'
    )
    return response


@login_required
def posting_list(request: HttpRequest, code: str) -> HttpResponse:
    """The village head's page (made for a phone): what to post, and a button per item."""
    unit = readable_unit(request, code)
    require_role(request, unit, VILLAGE_ROLES)
    villages = selectors.villages_of(unit)
    rows = list(selectors.disclosures_for_unit(unit)[:30])
    return render(
        request,
        "democracy/posting_list.html",
        {
            "unit": unit,
            "rows": rows,
            "form": PostingConfirmForm(villages=villages),
        },
    )


@login_required
@require_POST
def posting_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_for_user(request.user, pk)
    unit = disclosure.unit
    require_role(request, unit, VILLAGE_ROLES)
    villages = selectors.villages_of(unit)
    form = PostingConfirmForm(request.POST, villages=villages)
    if form.is_valid():
        village = next(v for v in villages if v.pk == form.cleaned_data["village"])
        try:
            posting_confirm(
                actor=request.user,
                disclosure=disclosure,
                village=village,
                starts=form.cleaned_data["starts"],
            )
        except DemocracyError as exc:
            refuse(form, exc)
        else:
            messages.success(request, _("Đã xác nhận niêm yết tại %(v)s.") % {"v": village.name})
            return redirect("democracy:posting_list", code=unit.code)
    return render(
        request,
        "democracy/posting_list.html",
        {
            "unit": unit,
            "rows": list(selectors.disclosures_for_unit(unit)[:30]),
            "form": form,
            "failed": disclosure.pk,
        },
        status=400,
    )
