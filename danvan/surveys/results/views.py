"""Officers' results pages of a survey (/khao-sat/ket-qua/<code>/): per question tables and
charts with 95 % intervals, the sampling plan with its printable enumerator lists, and the
answers' exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.access import signed_in
from danvan.core.boundary import parse_int
from danvan.core.language import is_english
from danvan.surveys import selectors as forms_selectors
from danvan.surveys.estimates import SMALL_N
from danvan.surveys.results import charts, enumerator_lists, exports, selectors, services
from danvan.surveys.sampling import SamplingError
from danvan.surveys.services.forms import survey_export_record


def _text(labels: Any, fallback: str) -> str:
    """A question's or choice's label in the page's language (Vietnamese first)."""
    if not isinstance(labels, dict) or not labels:
        return fallback
    langs = list(labels)
    want = "en" if is_english() else "vi"
    for lang in langs:
        low = lang.lower()
        if f"({want})" in low or low == want or (want == "en" and low.startswith("english")):
            return labels[lang]
    return labels.get("default") or labels[langs[0]]


@login_required
def results(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.survey_for_user(request.user, code)
    unit = selectors.domain_for_user(request.user, survey, request.GET.get("unit") or None)
    rows = list(selectors.estimates_of(survey, unit if survey.scope == "province" else None))
    run = selectors.latest_run(survey)
    questions = {
        q["name"]: q
        for q in ((survey.current_version.questions if survey.current_version else []) or [])
    }
    blocks: list[dict[str, Any]] = []
    for r in rows:
        if not blocks or blocks[-1]["name"] != r.question:
            q = questions.get(r.question, {})
            blocks.append(
                {"name": r.question, "label": _text(q.get("label"), r.question), "rows": [], "q": q}
            )
        block = blocks[-1]
        choice_labels = {c.get("name"): c.get("label") for c in (block["q"].get("choices") or [])}
        block["rows"].append(
            {
                "choice": None if r.choice is None else _text(choice_labels.get(r.choice), r.choice),
                "value": r.value, "low": r.ci_low, "high": r.ci_high,
                "n": r.n, "small": r.small, "raw": r,
            }
        )  # fmt: skip
    for block in blocks:
        shares = [x for x in block["rows"] if x["choice"] is not None]
        block["is_share"] = bool(shares)
        block["svg"] = (
            charts.share_chart(
                [(x["choice"], x["raw"].value or 0.0, x["raw"].ci_low, x["raw"].ci_high) for x in shares],
                title=block["label"], x_title=_("Tỷ lệ có trọng số (%), khoảng tin cậy 95 %"),
            )
            if shares
            else None
        )  # fmt: skip
    domains = selectors.scope_units(survey) if survey.scope == "province" else []
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey, "unit": unit, "blocks": blocks, "run": run, "small_n": SMALL_N,
            "domains": domains, "may_manage": forms_selectors.may_manage(request.user, survey),
        },
    )  # fmt: skip


@login_required
@require_POST
def recompute(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.survey_for_user(request.user, code)
    if not forms_selectors.may_manage(request.user, survey):
        raise PermissionDenied(_("Chỉ người quản lý khảo sát được tính lại kết quả."))
    run = services.estimates_compute(survey=survey)
    if run is None:
        messages.warning(request, _("Chưa có phiếu hoặc câu hỏi nào để tính."))
    else:
        messages.success(request, _("Đã tính lại kết quả từ %(n)s phiếu.") % {"n": run.submissions})
    return redirect("surveys_results:results", code=survey.code)


@login_required
def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx", "zip"):
        raise Http404("No such format")
    survey = selectors.survey_for_user(request.user, code)
    if not forms_selectors.may_export(request.user, survey):  # the raw exports' rule
        raise PermissionDenied(_("Bạn không có quyền xuất dữ liệu khảo sát này."))
    subs = (
        forms_selectors.submissions_for_user(request.user, survey)
        .filter(superseded_by__isnull=True)
        .select_related("unit", "village")
        .only("instance_id", "answers", "received_at", "unit__code", "village__name")
        .order_by("id")
    )
    questions = (survey.current_version.questions if survey.current_version else []) or []
    data = exports.tables(questions, subs)
    survey_export_record(
        actor=signed_in(request.user), survey=survey, fmt=f"answers.{fmt}", contacts=False
    )
    if fmt == "xlsx":
        body, ctype, name = (
            exports.to_xlsx(data),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{survey.code}.xlsx",
        )
    elif fmt == "zip":
        body, ctype, name = exports.to_csv_zip(data), "application/zip", f"{survey.code}-csv.zip"
    else:
        header, rows_ = data[exports.MAIN]
        body, ctype, name = (
            exports.to_csv(header, rows_),
            "text/csv; charset=utf-8",
            f"{survey.code}.csv",
        )
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def plan(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.survey_for_user(request.user, code)
    may_manage = forms_selectors.may_manage(request.user, survey)
    values = {"villages": "5", "respondents": "20", "method": "systematic", "seed": ""}
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied(_("Chỉ người quản lý khảo sát được lập kế hoạch chọn mẫu."))
        values = {k: request.POST.get(k, "").strip() for k in values}
        villages = parse_int(values["villages"], lo=1, hi=200)
        respondents = parse_int(values["respondents"], lo=1, hi=500)
        seed = parse_int(values["seed"], lo=0, hi=2**31 - 1) if values["seed"] else None
        error = None
        if villages is None or respondents is None or (values["seed"] and seed is None):
            error = _("Số thôn (1–200), số người mỗi thôn (1–500) và hạt giống phải là số nguyên.")
        elif values["method"] not in ("systematic", "random"):
            error = _("Cách chọn hộ không hợp lệ.")
        else:
            try:
                services.plan_draw(
                    survey=survey, villages_per_commune=villages, respondents_per_village=respondents,
                    actor=request.user, seed=seed, method=values["method"],
                )  # fmt: skip
            except SamplingError as exc:
                error = _(exc.message)
        if error is None:
            messages.success(request, _("Đã lập kế hoạch chọn mẫu."))
            return redirect("surveys_results:plan", code=survey.code)
        messages.error(request, error)
    current = selectors.latest_plan(survey)
    return render(
        request,
        "surveys/plan.html",
        {
            "survey": survey, "plan": current, "may_manage": may_manage, "values": values,
            "villages": selectors.plan_villages(current) if current else [],
            "households": selectors.plan_households(current) if current else [],
            # The lists name the households' heads (democracy's household lists): offered to
            # those who may take the survey's data away, as its exports are.
            "may_export": forms_selectors.may_export(request.user, survey),
        },
        status=422 if request.method == "POST" else 200,
    )  # fmt: skip


@login_required
def plan_file(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    survey = selectors.survey_for_user(request.user, code)
    current = selectors.latest_plan(survey)
    if current is None or fmt not in ("pdf", "xlsx"):
        raise Http404("No plan")
    if not forms_selectors.may_export(request.user, survey):
        raise PermissionDenied(_("Danh sách hộ được chọn chỉ dành cho người quản lý khảo sát."))
    households = selectors.plan_households(current)
    # Names of household heads leave the system: logged like every export.
    survey_export_record(actor=request.user, survey=survey, fmt=f"plan.{fmt}", contacts=True)
    if fmt == "pdf":
        body, ctype = enumerator_lists.plan_pdf(survey, current, households), "application/pdf"
    else:
        body = enumerator_lists.plan_xlsx(survey, current, households)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{survey.code}-danh-sach.{fmt}"'
    return response
