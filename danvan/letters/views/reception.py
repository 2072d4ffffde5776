"""Officers' pages for citizen reception: the register (with its XLSX export) and the
chairman's reception sessions."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.access import acting_units, require_role
from danvan.accounts.roles import Role
from danvan.cases.services import CaseError
from danvan.core.boundary import append_row, parse_int
from danvan.letters import selectors
from danvan.letters.forms import AnswerForm, EntryForm, SessionForm, SessionMarkForm
from danvan.letters.services import reception
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.errors import LetterError
from danvan.letters.views.common import aware, refuse

# The register's export is the official form, in Vietnamese; the pages say it in their own
# language (``SHOWN_PROTECTED``).
PROTECTED = "[bảo mật]"
SHOWN_PROTECTED = gettext_lazy("[bảo mật]")


@login_required
def register(request: HttpRequest) -> HttpResponse:
    units = acting_units(request.user, *ACTING_ROLES)
    form = EntryForm(request.POST or None, units=units, initial={"day": timezone.localdate()})
    if request.method == "POST":
        if not units.exists():
            return HttpResponse(status=403)
        if form.is_valid():
            d = dict(form.cleaned_data)
            try:
                entry = reception.entry_record(
                    data=reception.EntryInput(unit=d.pop("unit"), day=d.pop("day"), **d),
                    actor=request.user,
                )
            except (LetterError, CaseError) as exc:
                refuse(request, form, exc)
            else:
                messages.success(
                    request,
                    _("Đã vào sổ tiếp công dân số %(n)s.") % {"n": f"{entry.number}/{entry.year}"},
                )
                return redirect("letters:register")
    entries = selectors.entries_for_user(request.user).order_by("-date", "-number")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "letters/register.html",
        {
            "form": form,
            "page": page,
            "can_act": units.exists(),
            # Only a commune's leader may read a visitor's protected identity (entry by entry).
            "leader_unit_ids": set(
                acting_units(request.user, Role.LEADER).values_list("pk", flat=True)
            ),
            "protected": SHOWN_PROTECTED,
            "answer_form": AnswerForm(initial={"answered_on": timezone.localdate()}),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def entry_answer(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_for_user(request.user, pk)
    require_role(request.user, entry.unit, *ACTING_ROLES)
    form = AnswerForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            reception.entry_answer(
                entry=entry,
                actor=request.user,
                answer=d["answer"],
                at=aware(d["answered_on"], 15),
                note=d["note"],
            )
        except (LetterError, CaseError) as exc:
            messages.error(request, str(getattr(exc, "message", exc)))
        else:
            messages.success(request, _("Đã ghi trả lời người đến tiếp."))
    else:
        messages.error(request, _("Thông tin trả lời chưa hợp lệ."))
    if request.POST.get("back") == "case" and entry.case_id:
        return redirect("cases:detail", code=entry.case.code)
    return redirect("letters:register")


COLUMNS = [
    "Số TT",
    "Ngày tiếp",
    "Họ tên",
    "Địa chỉ",
    "Số CCCD",
    "Nội dung vụ việc",
    "Phân loại",
    "Số người",
    "Người đại diện",
    "Cơ quan đã giải quyết",
    "Thuộc thẩm quyền",
    "Hướng dẫn, trả lời",
    "Cơ quan tiếp nhận",
    "Theo dõi kết quả",
    "Ghi chú",
]


@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """The register as XLSX; a denunciation's visitor is never in it (the fields are blank
    in the table and the export says so)."""
    from openpyxl import Workbook

    entries = selectors.entries_for_user(request.user).order_by("unit__code", "year", "number")
    year = parse_int(request.GET.get("year"), lo=1900, hi=2999)
    if year:
        entries = entries.filter(year=year)
    wb = Workbook()
    ws = wb.active
    ws.title = "So tiep cong dan"
    ws.append(COLUMNS)
    for e in entries.iterator():
        protected = e.protected
        append_row(
            ws,
            [
                f"{e.number}/{e.year}",
                e.date.strftime("%d/%m/%Y"),
                PROTECTED if protected else e.visitor_name,
                PROTECTED if protected else e.visitor_address,
                PROTECTED if protected else e.visitor_id_number,
                e.content,
                e.get_kind_display(),
                e.people_count,
                PROTECTED if protected else e.representatives,
                e.handled_before_by,
                "Có" if e.within_competence else "Không",
                e.guidance,
                e.receiving_body,
                e.follow_up,
                e.notes,
            ],
        )
    buffer = BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="so-tiep-cong-dan.xlsx"'
    return response


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    units = acting_units(request.user, *ACTING_ROLES)
    form = SessionForm(request.POST or None, units=units)
    if request.method == "POST":
        if not units.exists():
            return HttpResponse(status=403)
        if form.is_valid():
            d = form.cleaned_data
            try:
                reception.session_schedule(
                    unit=d["unit"],
                    actor=request.user,
                    day=d["day"],
                    kind=d["kind"],
                    host_role=d["host_role"],
                    host_name=d["host_name"],
                    place=d["place"],
                )
            except LetterError as exc:
                refuse(request, form, exc)
            else:
                messages.success(request, _("Đã thêm buổi tiếp vào lịch."))
                return redirect("letters:sessions")
    qs = selectors.sessions_for_user(request.user).order_by("-date")
    page = Paginator(qs, 60).get_page(request.GET.get("page"))
    return render(
        request,
        "letters/sessions.html",
        {"form": form, "page": page, "can_act": units.exists(), "mark_form": SessionMarkForm()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def session_mark(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_for_user(request.user, pk)
    require_role(request.user, session.unit, *ACTING_ROLES)
    form = SessionMarkForm(request.POST)
    if form.is_valid():
        try:
            reception.session_mark(session=session, actor=request.user, **form.cleaned_data)
        except LetterError as exc:
            messages.error(request, str(exc.message))
            return redirect("letters:sessions")
        messages.success(request, _("Đã cập nhật buổi tiếp."))
    else:
        messages.error(request, _("Tình trạng buổi tiếp không hợp lệ."))
    return redirect("letters:sessions")


@login_required
@require_POST
def entry_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """The visitor of a denunciation made in person: leaders only, each reading audited."""
    from danvan.letters.forms import IdentityForm
    from danvan.letters.services.identity import entry_identity_read

    entry = selectors.entry_for_user(request.user, pk)
    form = IdentityForm(request.POST)
    if not entry.protected or not form.is_valid():
        messages.error(request, _("Phải nêu mục đích xem thông tin người tố cáo."))
        return redirect("letters:register")
    person = entry_identity_read(
        user=request.user, entry=entry, purpose=form.cleaned_data["purpose"]
    )
    response = render(request, "letters/identity.html", {"entry": entry, "person": person})
    response["Cache-Control"] = "no-store"
    return response
