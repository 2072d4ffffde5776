"""Officers' pages for letters: the list, intake, the letter page and its actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.access import acting_units, require_role
from danvan.cases.services import CaseError
from danvan.deadlines.rulespec import DeadlineError
from danvan.letters import notices, selectors
from danvan.letters.forms import (
    ClassifyForm,
    ComplaintDecisionForm,
    ConcludeForm,
    DecisionForm,
    ExtendForm,
    IdentityForm,
    IntakeForm,
    KindForm,
    LetterAnswerForm,
    PublishForm,
    SecondComplaintForm,
)
from danvan.letters.models import Decision, LetterKind
from danvan.letters.services import complaints, decisions, denunciations, kinds
from danvan.letters.services.decisions import ACTING_ROLES, DecisionInput, Part
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import identity_read, may_read_identity
from danvan.letters.services.intake import LetterInput, Sender, letter_receive
from danvan.letters.views.common import aware, refuse

REFUSALS = (LetterError, CaseError, DeadlineError)


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.letters_for_user(request.user).select_related("case", "unit")
    kind = request.GET.get("kind", "")
    if kind in LetterKind.values:
        qs = qs.filter(kind=kind)
    state = request.GET.get("state", "")
    today = timezone.localdate()
    if state == "pending":
        qs = qs.filter(decision=Decision.PENDING)
    elif state == "open":
        qs = qs.filter(case__closed_at__isnull=True)
    elif state in ("week", "overdue"):
        qs = selectors.letters_due(qs, state, today)
    page = Paginator(qs.order_by("-received_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "letters/letter_list.html",
        {
            "page": page,
            "kinds": LetterKind.choices,
            "kind": kind,
            "state": state,
            "counts": selectors.queue_counts(request.user),
            "today": today,
            "can_intake": acting_units(request.user, *ACTING_ROLES).exists(),
        },
    )


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    units = acting_units(request.user, *ACTING_ROLES)
    if not units.exists():
        raise PermissionDenied(_("Bạn không có quyền tiếp nhận đơn."))
    form = IntakeForm(
        request.POST or None,
        units=units,
        initial={"received_on": timezone.localdate(), "unit": units.first()},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            letter = letter_receive(
                data=LetterInput(
                    unit=d["unit"],
                    kind=d["kind"],
                    content=d["content"],
                    channel=d["channel"],
                    sender=Sender(
                        name=d["sender_name"],
                        phone=d["sender_phone"],
                        email=d["sender_email"],
                        address=d["sender_address"],
                        id_number=d["sender_id_number"],
                    ),
                    received_at=aware(d["received_on"]),
                    forwarded_by=d["forwarded_by"],
                    signers_count=d["signers_count"],
                    has_originals=d["has_originals"],
                    category=d["category"],
                    checks_several_places=d["checks_several_places"],
                ),
                actor=request.user,
            )
        except REFUSALS as exc:
            refuse(request, form, exc)
        else:
            messages.success(request, _("Đã vào sổ đơn %(code)s.") % {"code": letter.code})
            return redirect("letters:detail", code=letter.code)
    return render(
        request, "letters/intake.html", {"form": form}, status=400 if form.errors else 200
    )


def _detail_context(request: HttpRequest, letter: Any, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    can_act = selectors.may_act(request.user, letter.unit)
    context = {
        "letter": letter,
        "case": letter.case,
        "events": letter.case.events.order_by("at", "id"),
        "can_act": can_act,
        "can_read_identity": letter.identity_protected and may_read_identity(request.user, letter),
        "complaint": getattr(letter, "complaint", None) if letter.kind == "complaint" else None,
        "denunciation": getattr(letter, "denunciation", None) if letter.is_denunciation else None,
        "parts": letter.parts.select_related("case"),
        "classify_form": forms.get("classify_form")
        or ClassifyForm(
            initial={
                "signers_count": letter.signers_count,
                "has_originals": letter.has_originals,
                "is_over_level": letter.is_over_level,
                "eligible": letter.eligible,
                "competent": letter.competent,
            }
        ),
        "decision_form": forms.get("decision_form")
        or DecisionForm(initial={"decided_on": today}, letter=letter),
        "answer_form": forms.get("answer_form") or LetterAnswerForm(initial={"answered_on": today}),
        "can_answer": can_act and decisions.may_answer(letter),
        "complaint_form": forms.get("complaint_form")
        or ComplaintDecisionForm(initial={"decided_on": today}),
        "second_form": forms.get("second_form")
        or SecondComplaintForm(initial={"received_on": today}),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "conclude_form": forms.get("conclude_form")
        or ConcludeForm(initial={"concluded_on": today}),
        "publish_form": forms.get("publish_form") or PublishForm(initial={"published_on": today}),
        "identity_form": forms.get("identity_form") or IdentityForm(),
        "can_correct_kind": can_act
        and kinds.correctable(letter)
        and kinds.may_correct_kind(request.user, letter),
        "kind_form": forms.get("kind_form")
        or KindForm(initial={"current_kind": letter.kind, "kind": letter.kind}),
        "notices": notices.available(letter),
    }
    return context


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    letter = selectors.letter_for_user(request.user, code)
    return render(request, "letters/detail.html", _detail_context(request, letter))


def _acting_letter(request: HttpRequest, code: str) -> Any:
    letter = selectors.letter_for_user(request.user, code)
    require_role(request.user, letter.unit, *ACTING_ROLES)
    return letter


def _rerender(request: HttpRequest, letter: Any, **forms: Any) -> HttpResponse:
    return render(
        request, "letters/detail.html", _detail_context(request, letter, **forms), status=400
    )


def _act(
    request: HttpRequest,
    letter: Any,
    code: str,
    form: Any,
    form_name: str,
    act: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """``act(cleaned_data)`` on a valid form, then back to the letter with ``done``; bad
    input or a refusal shows the letter's page again (400) with the form as typed."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except REFUSALS as exc:
            refuse(request, form, exc)
        else:
            messages.success(request, done)
            return redirect("letters:detail", code=code)
    return _rerender(request, letter, **{form_name: form})


@login_required
@require_POST
def classify(request: HttpRequest, code: str) -> HttpResponse:
    letter = _acting_letter(request, code)
    form = ClassifyForm(request.POST)

    def act(d: dict[str, Any]) -> None:
        decisions.letter_classify(letter=letter, actor=request.user, category="", **d)

    return _act(request, letter, code, form, "classify_form", act, _("Đã ghi phân loại đơn."))


@login_required
@require_POST
def decide(request: HttpRequest, code: str) -> HttpResponse:
    letter = _acting_letter(request, code)
    form = DecisionForm(request.POST, letter=letter)

    def act(d: dict[str, Any]) -> None:
        decisions.letter_decide(
            letter=letter,
            actor=request.user,
            data=DecisionInput(
                decision=d["decision"],
                at=aware(d["decided_on"]),
                reasons=d["reasons"],
                ground=d["ground"],
                receiving_body=d["receiving_body"],
                complex=d["complex"],
                criteria=list(d["criteria"]),
                parts=[Part(kind, content) for kind, content in form.parts()],
            ),
        )

    return _act(request, letter, code, form, "decision_form", act, _("Đã ghi kết quả xử lý đơn."))


@login_required
@require_POST
def answer(request: HttpRequest, code: str) -> HttpResponse:
    """Answer an accepted petition or reflection and close it, from its own page."""
    letter = _acting_letter(request, code)
    form = LetterAnswerForm(request.POST)

    def act(d: dict[str, Any]) -> None:
        decisions.letter_answer(
            letter=letter,
            actor=request.user,
            at=aware(d["answered_on"], 15),
            answer=d["answer"],
            note=d["note"],
        )

    done = _("Đã trả lời người gửi; đơn đã kết thúc.")
    return _act(request, letter, code, form, "answer_form", act, done)


@login_required
@require_POST
def correct_kind(request: HttpRequest, code: str) -> HttpResponse:
    """Correct the kind before a decision: the leader or the assignee, with a reason."""
    letter = _acting_letter(request, code)
    kinds.require_may_correct_kind(request.user, letter)  # before the form: 403, not 400
    form = KindForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            kinds.letter_correct_kind(
                letter=letter,
                actor=request.user,
                kind=d["kind"],
                reason=d["reason"],
                checks_several_places=d["checks_several_places"],
                expected_kind=d["current_kind"] or None,
            )
        except REFUSALS as exc:
            refuse(request, form, exc)
            # Shown again as it is now (another officer may just have corrected it), so a
            # second try is checked against what the officer sees this time.
            letter = selectors.letter_for_user(request.user, code)
            form.data = form.data.copy()
            form.data["current_kind"] = letter.kind
        else:
            messages.success(request, _("Đã sửa loại đơn; thời hạn xử lý đơn đã được tính lại."))
            return redirect("letters:detail", code=code)
    return _rerender(request, letter, kind_form=form)


@login_required
@require_POST
def complaint_action(request: HttpRequest, code: str) -> HttpResponse:
    letter = _acting_letter(request, code)
    if request.POST.get("action") == "second":
        form = SecondComplaintForm(request.POST)
        key = "second_form"
        call = lambda d: complaints.complaint_second(  # noqa: E731
            first=letter,
            actor=request.user,
            received_at=aware(d["received_on"]),
            content=d["content"],
        )
    else:
        form = ComplaintDecisionForm(request.POST)
        key = "complaint_form"
        call = lambda d: complaints.complaint_decide(  # noqa: E731
            letter=letter,
            actor=request.user,
            decided_at=aware(d["decided_on"], 15),
            summary=d["summary"],
        )
    if form.is_valid():
        try:
            result = call(form.cleaned_data)
        except REFUSALS as exc:
            refuse(request, form, exc)
        else:
            messages.success(request, _("Đã ghi nhận."))
            target = result.code if key == "second_form" else code
            return redirect("letters:detail", code=target)
    return _rerender(request, letter, **{key: form})


@login_required
@require_POST
def denunciation_action(request: HttpRequest, code: str) -> HttpResponse:
    letter = _acting_letter(request, code)
    action = request.POST.get("action")
    if action == "extend":
        form, key = ExtendForm(request.POST), "extend_form"
    elif action == "conclude":
        form, key = ConcludeForm(request.POST), "conclude_form"
    else:
        form, key = PublishForm(request.POST), "publish_form"

    def act(d: dict[str, Any]) -> None:
        if action == "extend":
            denunciations.denunciation_extend(
                letter=letter,
                actor=request.user,
                criteria=list(d["criteria"]),
                days=d["days"],
                reason=d["reason"],
            )
        elif action == "conclude":
            denunciations.denunciation_conclude(
                letter=letter,
                actor=request.user,
                at=aware(d["concluded_on"], 15),
                summary=d["summary"],
            )
        else:
            denunciations.denunciation_publish(
                letter=letter,
                actor=request.user,
                at=aware(d["published_on"], 16),
                where=d["where"],
            )

    return _act(request, letter, code, form, key, act, _("Đã ghi nhận."))


@login_required
@require_POST
def identity(request: HttpRequest, code: str) -> HttpResponse:
    """The denouncer's identity, for the entitled only, each reading audited; never cached."""
    letter = selectors.letter_for_user(request.user, code)
    if not letter.identity_protected:
        raise PermissionDenied
    form = IdentityForm(request.POST)
    if not form.is_valid():
        return _rerender(request, letter, identity_form=form)
    person = identity_read(user=request.user, letter=letter, purpose=form.cleaned_data["purpose"])
    response = render(request, "letters/identity.html", {"letter": letter, "person": person})
    response["Cache-Control"] = "no-store"
    return response
