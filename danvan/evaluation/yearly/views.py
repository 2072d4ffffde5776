"""Pages of the yearly scoring: the framework of a year (template, import, edit, opening the
cycle), a commune's assessment (self-assessment, evidence, appraisal side by side with the
measurements), the results with their chart and XLSX, and a commune's history."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import acting_units, signed_in, units_for_user
from danvan.core.dates import day_field
from danvan.core.language import is_english
from danvan.evaluation import charts
from danvan.evaluation import selectors as eval_selectors
from danvan.evaluation.yearly import selectors
from danvan.evaluation.yearly.models import AssessmentStatus, FrameworkStatus
from danvan.evaluation.yearly.services import (
    ScoringError,
    appraisal_save,
    can_appraise,
    can_self_assess,
    cycle_open,
    decision_publish,
    evidence_add,
    framework_edit,
    framework_from_template,
    framework_import,
    self_assessment_save,
    template_xlsx,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _province(request: HttpRequest) -> Any:
    provinces = list(eval_selectors.readable_provinces(request.user).order_by("code"))
    if not provinces:
        return None, []
    chosen = next((p for p in provinces if p.code == request.GET.get("tinh")), provinces[0])
    return chosen, provinces


def _date(text: str) -> date | None:
    """A day as the project's date fields read it (dd/mm/yyyy, yyyy-mm-dd…); None otherwise."""
    try:
        return day_field("", required=False).clean(text)
    except ValidationError:
        return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Province roles: the years of their province. A commune: its history and open work."""
    province, provinces = _province(request)
    if province is None:
        unit = units_for_user(request.user).order_by("code").first()
        if unit is None:
            raise Http404(_("Không tìm thấy."))
        return redirect("evaluation:scoring_history", code=unit.code)
    frameworks = selectors.frameworks_of(province)
    return render(
        request,
        "evaluation/scoring/home.html",
        {
            "province": province,
            "provinces": provinces,
            "frameworks": frameworks,
            "appraiser": can_appraise(request.user, province.pk),
            "next_year": (frameworks[0].year + 1) if frameworks else timezone.localdate().year,
        },
    )


def _framework_or_404(request: HttpRequest, year: int) -> Any:
    province, _p = _province(request)
    if province is None or not selectors.YEARS[0] <= year <= selectors.YEARS[1]:
        raise Http404(_("Không tìm thấy."))
    framework = selectors.framework_of(province, year)
    return province, framework


@login_required
def framework_page(request: HttpRequest, year: int) -> HttpResponse:
    province, framework = _framework_or_404(request, year)
    appraiser = can_appraise(request.user, province.pk)
    errors: dict[str, str] = {}
    import_errors: list[str] = []
    if request.method == "POST":
        if not appraiser:
            raise PermissionDenied(_("Chỉ cán bộ thẩm định cấp tỉnh được thực hiện việc này."))
        actor = signed_in(request.user)
        action = request.POST.get("action", "")
        try:
            if action == "template":
                framework_from_template(province=province, year=year, actor=actor)
                messages.success(request, _("Đã tạo bộ tiêu chí theo mẫu."))
            elif action == "import":
                upload = request.FILES.get("file")
                if upload is None:
                    raise ScoringError("no_file", _("Hãy chọn tệp .xlsx để nhập."))
                framework_import(
                    province=province, year=year, upload=upload, filename=upload.name,
                    actor=actor,
                )  # fmt: skip
                messages.success(request, _("Đã nhập bộ tiêu chí từ tệp."))
            elif action == "edit" and framework is not None:
                framework_edit(
                    framework=framework,
                    actor=actor,
                    items={
                        i.code: {
                            "max": request.POST.get(f"item-{i.code}-max"),
                            "indicator": request.POST.get(f"item-{i.code}-indicator"),
                        }
                        for i in framework.items.all()
                    },
                    bands={
                        b.code: {
                            "label": request.POST.get(f"band-{b.code}-label"),
                            "min": request.POST.get(f"band-{b.code}-min"),
                        }
                        for b in framework.bands.all()
                    },
                    dates={
                        k: _date(request.POST.get(k, ""))
                        for k in ("self_due", "appraisal_due", "decision_due")
                    },
                    flag_margin=request.POST.get("flag_margin", ""),
                    new_band={
                        k: request.POST.get(f"new-band-{k}", "").strip()
                        for k in ("code", "label", "min")
                    },
                    remove_bands={
                        b.code
                        for b in framework.bands.all()
                        if request.POST.get(f"band-{b.code}-remove")
                    },
                )
                messages.success(request, _("Đã lưu bộ tiêu chí."))
            elif action == "open" and framework is not None:
                n = cycle_open(framework=framework, actor=actor)
                messages.success(request, _("Đã mở kỳ đánh giá cho %(n)s xã.") % {"n": n})
            else:
                raise ScoringError("bad_action", _("Yêu cầu không hợp lệ."))
            return redirect(
                f"{reverse('evaluation:scoring_year', args=[year])}?tinh={province.code}"
            )
        except ScoringError as exc:
            errors = exc.errors if exc.code != "bad_lines" else {}
            import_errors = list(exc.errors.values()) if exc.code == "bad_lines" else []
            messages.error(request, exc.message)
            framework = selectors.framework_of(province, year)
    from danvan.core.registry import registries

    english = is_english()
    structure = selectors.framework_structure(framework) if framework else []
    bands = selectors.bands_of(framework) if framework else []
    for g in structure:
        for i in g["items"]:
            i.error = errors.get(f"item-{i.code}-max") or errors.get(f"item-{i.code}-indicator")
    posted = request.POST if request.method == "POST" else {}
    for b in bands:
        b.error = errors.get(f"band-{b.code}-min") or errors.get(f"band-{b.code}-label")
        b.removed = bool(posted.get(f"band-{b.code}-remove"))
    nb = {}
    for k in ("code", "label", "min"):
        nb[k] = posted.get(f"new-band-{k}", "") if errors else ""
        nb[f"{k}_error"] = errors.get(f"new-band-{k}", "")
    return render(
        request,
        "evaluation/scoring/framework.html",
        {
            "province": province,
            "year": year,
            "framework": framework,
            "structure": structure,
            "bands": bands,
            "appraiser": appraiser,
            "draft": framework is None or framework.status == FrameworkStatus.DRAFT,
            "errors": errors,
            "import_errors": import_errors,
            "nb": nb,
            "indicators": sorted(
                ((i.key, i.name_en if english else i.name_vi) for i in registries.indicators),
            ),
        },
    )


def template_download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="bo-tieu-chi-mau-1878.xlsx"'
    return response


def _unit(evidence: dict[str, Any], english: bool) -> str:
    from danvan.core.registry import registries

    key = evidence.get("indicator", "")
    if key in registries.indicators:
        return registries.indicators.get(key).unit_in(english)
    return str(evidence.get("unit_label", ""))


def _lines_view(lines: list[Any], english: bool) -> list[dict[str, Any]]:
    from django.urls import reverse as rev

    out = []
    for ln in lines:
        ev = ln.evidence or {}
        out.append(
            {
                "line": ln,
                "item": ln.item,
                "indicator_name": ev.get("name_en" if english else "name_vi", ""),
                # The evidence keeps the Vietnamese unit; the page writes it in its language.
                "unit_label": _unit(ev, english),
                "cases": [
                    {"code": c, "url": rev("cases:detail", args=[c])} for c in ev.get("cases", [])
                ][:10],
                "more_cases": max(0, len(ev.get("cases", [])) - 10),
                "ev": ev,
            }
        )
    return out


@login_required
def assessment_page(request: HttpRequest, year: int, code: str) -> HttpResponse:
    unit = selectors.readable_unit(request.user, code)
    if unit is None:
        raise Http404(_("Không tìm thấy."))
    framework = selectors.framework_of(unit.province_id, year)
    assessment = selectors.assessment_for_user(request.user, framework, code) if framework else None
    if assessment is None:
        raise Http404(_("Không tìm thấy."))
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        actor = signed_in(request.user)
        action = request.POST.get("action", "")
        posted = request.POST.dict()
        lines = selectors.assessment_lines(assessment)
        try:
            if action in ("save", "submit"):
                if not can_self_assess(actor, unit):
                    raise PermissionDenied(_("Chỉ lãnh đạo xã được tự đánh giá và gửi kết quả."))
                entries = {
                    ln.item.code: (
                        request.POST.get(f"self-{ln.item.code}", ""),
                        request.POST.get(f"note-{ln.item.code}", ""),
                    )
                    for ln in lines
                    if not ln.item.awarded_above
                }
                self_assessment_save(
                    assessment=assessment, actor=actor, entries=entries, submit=action == "submit"
                )
                messages.success(
                    request,
                    _("Đã gửi kết quả tự đánh giá để tỉnh thẩm định.")
                    if action == "submit"
                    else _("Đã lưu bản tự đánh giá."),
                )
            elif action == "evidence":
                if not can_self_assess(actor, unit):
                    raise PermissionDenied(_("Chỉ lãnh đạo xã được nộp minh chứng của xã."))
                upload = request.FILES.get("file")
                if upload is None:
                    raise ScoringError("no_file", _("Hãy chọn tệp minh chứng."))
                evidence_add(
                    assessment=assessment, actor=actor, upload=upload,
                    item_code=request.POST.get("item", ""),
                )  # fmt: skip
                messages.success(request, _("Đã thêm minh chứng."))
            elif action in ("appraise", "appraise_draft"):
                if not can_appraise(actor, unit.province_id):
                    raise PermissionDenied(
                        _("Chỉ cán bộ thẩm định cấp tỉnh được thực hiện việc này.")
                    )
                entries = {
                    ln.item.code: (
                        request.POST.get(f"appraised-{ln.item.code}", ""),
                        request.POST.get(f"reason-{ln.item.code}", ""),
                    )
                    for ln in lines
                }
                appraisal_save(
                    assessment=assessment, actor=actor, entries=entries,
                    complete=action == "appraise",
                )  # fmt: skip
                messages.success(request, _("Đã lưu kết quả thẩm định."))
            else:
                raise ScoringError("bad_action", _("Yêu cầu không hợp lệ."))
            return redirect("evaluation:scoring_assessment", year=year, code=code)
        except ScoringError as exc:
            errors = exc.errors
            messages.error(request, exc.message)
            assessment = selectors.assessment_for_user(request.user, framework, code)
    english = is_english()
    lines = selectors.assessment_lines(assessment)
    rows = _lines_view(lines, english)
    for r in rows:
        c = r["item"].code
        r["error"] = errors.get(c, "")
        # What the user typed comes back after a refusal; otherwise the stored figures.
        r["self_value"] = posted.get(f"self-{c}", _plain(r["line"].self_points))
        r["note_value"] = posted.get(f"note-{c}", r["line"].self_note)
        r["appraised_value"] = posted.get(
            f"appraised-{c}",
            _plain(
                r["line"].appraised_points
                if r["line"].appraised_points is not None
                else (None if r["item"].awarded_above else r["line"].self_points)
            ),
        )
        r["reason_value"] = posted.get(f"reason-{c}", r["line"].reason)
    structure = selectors.framework_structure(framework)
    groups = [
        {"group": g["group"], "max": g["max"],
         "rows": [r for r in rows if r["item"].group_id == g["group"].pk]}
        for g in structure
    ]  # fmt: skip
    open_self = (
        assessment.status == AssessmentStatus.DRAFT and framework.status == FrameworkStatus.OPEN
    )
    return render(
        request,
        "evaluation/scoring/assessment.html",
        {
            "unit": unit,
            "framework": framework,
            "assessment": assessment,
            "groups": groups,
            "files": selectors.evidence_files(assessment),
            "can_self": can_self_assess(request.user, unit) and open_self,
            "can_appraise": can_appraise(request.user, unit.province_id)
            and assessment.status != AssessmentStatus.DRAFT
            and framework.status != FrameworkStatus.DECIDED,
            "errors": errors,
            "flagged": [r for r in rows if r["line"].flagged],
        },
    )


def _plain(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.evidence_file_for_user(request.user, pk)
    if row is None:
        raise Http404(_("Không tìm thấy."))
    return FileResponse(
        row.file.open("rb"), as_attachment=True, filename=row.name, content_type=row.content_type
    )


@login_required
def results_page(request: HttpRequest, year: int) -> HttpResponse:
    province, framework = _framework_or_404(request, year)
    if framework is None:
        raise Http404(_("Không tìm thấy."))
    appraiser = can_appraise(request.user, province.pk)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not appraiser:
            raise PermissionDenied(_("Chỉ cán bộ thẩm định cấp tỉnh được thực hiện việc này."))
        try:
            decision_publish(
                framework=framework,
                actor=signed_in(request.user),
                number=request.POST.get("number", ""),
                decided_on=_date(request.POST.get("decided_on", "")),
            )
            messages.success(request, _("Đã ban hành và công bố quyết định."))
            return redirect(
                f"{reverse('evaluation:scoring_results', args=[year])}?tinh={province.code}"
            )
        except ScoringError as exc:
            errors = exc.errors
            messages.error(request, exc.message)
            framework = selectors.framework_of(province, year)
    rows = selectors.results(framework)
    if request.GET.get("format") == "xlsx":
        return _results_xlsx(framework, rows)
    self_label, appraised_label = _("Tự chấm"), _("Thẩm định")
    bars = []
    for a in rows:
        if a.self_total is not None:
            bars.append((a.unit.name, self_label, a.self_total))
        if a.appraised_total is not None:
            bars.append((a.unit.name, appraised_label, a.appraised_total))
    svg = (
        charts.bar_chart(
            bars,
            title=_("Điểm tự chấm và điểm thẩm định các xã năm %(y)s") % {"y": year},
            y_title=_("Điểm /100"),
            y_max=100,
            width=max(560, 24 * len(rows)),  # a province's 90-odd communes stay readable
        )
        if bars
        else None
    )
    return render(
        request,
        "evaluation/scoring/results.html",
        {
            "province": province,
            "framework": framework,
            "rows": rows,
            "svg": svg,
            "appraiser": appraiser,
            "errors": errors,
            "posted": request.POST if request.method == "POST" else {},
        },
    )


def _results_xlsx(framework: Any, rows: list[Any]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from danvan.core.boundary import append_row

    book = Workbook()
    sheet = book.active
    sheet.title = "Ket qua"
    append_row(sheet, [f"KẾT QUẢ ĐÁNH GIÁ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM {framework.year}"])
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, ["STT", "Mã xã", "Tên xã", "Tự chấm", "Thẩm định", "Xếp loại",
                       "Tiêu chí bị cảnh báo", "Trạng thái"])  # fmt: skip
    for n, a in enumerate(rows, start=1):
        append_row(
            sheet,
            [n, a.unit.code, a.unit.name, a.self_total, a.appraised_total, a.grade,
             a.flagged_items, str(a.get_status_display())],
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="ket-qua-dan-van-chinh-quyen-{framework.year}.xlsx"'
    )
    return response


@login_required
def history_page(request: HttpRequest, code: str) -> HttpResponse:
    """A commune's scores across the years, with the open self-assessment if any."""
    unit = selectors.readable_unit(request.user, code)
    if unit is None:
        raise Http404(_("Không tìm thấy."))
    history = selectors.unit_history(unit)
    self_label, appraised_label = _("Tự chấm"), _("Thẩm định")
    bars = []
    for a in history:
        if a.self_total is not None:
            bars.append((str(a.framework.year), self_label, a.self_total))
        if a.appraised_total is not None:
            bars.append((str(a.framework.year), appraised_label, a.appraised_total))
    svg = (
        charts.bar_chart(
            bars,
            title=_("Điểm của %(u)s qua các năm") % {"u": unit.name},
            y_title=_("Điểm /100"),
            y_max=100,
            width=420,
        )
        if bars
        else None
    )
    return render(
        request,
        "evaluation/scoring/history.html",
        {
            "unit": unit,
            "history": history,
            "svg": svg,
            "leader": unit in acting_units(request.user),
        },
    )
