"""Pages of the review reports: ask for one, watch it being built, download it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import signed_in, units_for_user
from danvan.evaluation import selectors as eval_selectors
from danvan.evaluation.periods import month_of, months_back, parse_month
from danvan.evaluation.reports import selectors
from danvan.evaluation.reports.models import ReportFormat, ReportStatus
from danvan.evaluation.reports.selectors import scope_of
from danvan.evaluation.reports.services import ReportError, report_request


@login_required
def reports_page(request: HttpRequest) -> HttpResponse:
    units = list(units_for_user(request.user).order_by("code")[:500])
    provinces = list(eval_selectors.readable_provinces(request.user).order_by("code"))
    if not units and not provinces:
        raise Http404(_("Không tìm thấy."))
    this = month_of(timezone.localdate())
    form = {
        "scope": f"p:{provinces[0].code}" if provinces else f"u:{units[0].code}",
        "from": f"{months_back(this, 6):%Y-%m}",
        "to": f"{this:%Y-%m}",
        "format": "docx",
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        form.update({k: request.POST.get(k, "") for k in form})
        kind, _sep, code = form["scope"].partition(":")
        unit, province = scope_of(
            request.user, code if kind == "u" else "", code if kind == "p" else ""
        )
        first, last = parse_month(form["from"]), parse_month(form["to"])
        if unit is None and province is None:
            errors["scope"] = _("Hãy chọn xã hoặc tỉnh.")
        if first is None:
            errors["from"] = _("Tháng phải có dạng YYYY-MM.")
        if last is None:
            errors["to"] = _("Tháng phải có dạng YYYY-MM.")
        if not errors:
            try:
                report, _created = report_request(
                    actor=signed_in(request.user), unit=unit, province=province, first=first,
                    last=last, fmt=form["format"],
                )  # fmt: skip
                messages.success(request, _("Đã nhận yêu cầu; báo cáo đang được lập."))
                return redirect("evaluation:report", pk=report.pk)
            except ReportError as exc:
                errors[exc.field or "scope"] = exc.message
    return render(
        request,
        "evaluation/reports/list.html",
        {
            "units": units,
            "provinces": provinces,
            "form": form,
            "errors": errors,
            "formats": ReportFormat.choices,
            "reports": selectors.recent_for_user(request.user),
        },
    )


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_user(request.user, pk)
    if report is None:
        raise Http404(_("Không tìm thấy."))
    running = report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
    return render(request, "evaluation/reports/detail.html", {"report": report, "running": running})


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_user(request.user, pk)
    if report is None or report.status != ReportStatus.DONE or not report.file:
        raise Http404(_("Không tìm thấy."))
    return FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1]
    )
