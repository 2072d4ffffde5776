"""Officers' pages of training (under /tuyen-truyen/xa/<code>/boi-duong/): coverage per
officer for a term, who lacks a required course, recording a session, importing past
attendance from XLSX, and a certificate as PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import signed_in, unit_for_user
from danvan.accounts.roles import Role
from danvan.accounts.selectors import officers_of_unit
from danvan.core.documents import OfficialDocument, Paragraph
from danvan.outreach import training
from danvan.outreach.forms import ImportForm, TrainingForm
from danvan.outreach.services import (
    ImportLine,
    ImportRefused,
    OutreachError,
    attendance_import,
    can_record_training,
    training_record,
)
from danvan.territory.tabular import TabularError, read_table


def _term(request: HttpRequest):  # type: ignore[no-untyped-def]
    code = (request.GET.get("nhiem_ky") or "").strip()[:16]
    term = training.term_by_code(code) if code else training.term_of(timezone.localdate())
    if term is None:
        raise Http404("No such term")
    return term


@login_required
def coverage(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    term = _term(request)
    rows = training.coverage(unit, term)
    context = {
        "unit": unit,
        "term": term,
        "terms": training.terms(),
        "rows": rows,
        "lacking": [r for r in rows if r.missing],
        "roles": dict(Role.choices),
        "courses": training.courses_by_code(),
        "attendances": training.attendances_of_unit(unit),
        "can_record": can_record_training(request.user, unit),
    }
    return render(request, "outreach/training.html", context)


def _require_record(request: HttpRequest, unit: object) -> None:
    if not can_record_training(request.user, unit):
        raise PermissionDenied(_("Chỉ lãnh đạo, quản trị của xã được ghi nhận bồi dưỡng."))


@login_required
def record(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    _require_record(request, unit)
    courses = training.courses_by_code()
    form = TrainingForm(
        request.POST or None,
        courses=list(courses.values()),
        officers=list(officers_of_unit(unit)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            training_record(
                unit=unit,
                course=courses[data["course"]],
                day=data["date"],
                place=data["place"],
                officer_ids=data["officers"],
                actor=signed_in(request.user),
            )
        except OutreachError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("Đã ghi nhận lớp bồi dưỡng."))
            return redirect("outreach:training", code=unit.code)
    return render(
        request,
        "outreach/training_form.html",
        {"unit": unit, "form": form},
        status=422 if form.errors else 200,
    )


COLUMNS = ("ten_dang_nhap", "ma_khoa", "ngay")


@login_required
def import_attendance(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for_user(request.user, code)
    _require_record(request, unit)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload, upload.name)
            absent = [c for c in COLUMNS if c not in table.headers]
            if absent:
                raise TabularError(_("Thiếu cột: %(cols)s.") % {"cols": ", ".join(absent)})
            lines = [
                ImportLine(
                    line=row.line,
                    username=row.values.get("ten_dang_nhap", ""),
                    course=row.values.get("ma_khoa", ""),
                    day=row.values.get("ngay", ""),
                    place=row.values.get("dia_diem", ""),
                )
                for row in table.rows
            ]
            stored = attendance_import(unit=unit, lines=lines, actor=signed_in(request.user))
        except TabularError as exc:
            form.add_error("file", exc.message)
        except ImportRefused as exc:
            errors = exc.errors
        except OutreachError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Đã nhập %(n)d lượt tham dự.") % {"n": stored})
            return redirect("outreach:training", code=unit.code)
    status = 422 if (form.errors or errors) else 200
    context = {"unit": unit, "form": form, "errors": errors}
    return render(request, "outreach/training_import.html", context, status=status)


@login_required
def certificate(request: HttpRequest, attendance_id: int) -> HttpResponse:
    attendance = training.certificate_for_user(request.user, attendance_id)
    if not attendance.completed:
        raise Http404("Not completed")
    session = attendance.session
    officer = attendance.officer
    unit = attendance.unit
    doc = OfficialDocument(
        issuer_parent=f"UBND {unit.name.upper()}",
        issuer="BAN CHỈ ĐẠO DÂN VẬN CHÍNH QUYỀN",
        number=f"Số: {attendance.pk}/GCN",
        place=unit.name,
        date=session.date,
        title="GIẤY CHỨNG NHẬN",
        subtitle="Hoàn thành bồi dưỡng",
        blocks=[
            Paragraph(f"Chứng nhận: {officer.get_full_name() or officer.username}", bold=True),
            f"Đã hoàn thành khóa bồi dưỡng “{session.course.name}” (mã {session.course.code}, "
            f"{session.course.hours} giờ) ngày {session.date:%d/%m/%Y}"
            + (f" tại {session.place}." if session.place else "."),
        ],
        recipients=["Người được chứng nhận;", "Lưu: VT."],
        signer_title="TRƯỞNG BAN",
    )
    response = HttpResponse(doc.to_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-nhan-{attendance.pk}.pdf"'
    return response
