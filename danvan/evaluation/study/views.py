"""The province's page to import the study period's yearly figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.accounts.access import signed_in
from danvan.evaluation import selectors as eval_selectors
from danvan.evaluation.study import selectors
from danvan.evaluation.study.services import StudyImportError, study_import
from danvan.evaluation.yearly.services import can_appraise


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    provinces = list(eval_selectors.readable_provinces(request.user).order_by("code"))
    if not provinces:
        raise Http404(_("Không tìm thấy."))
    province = next((p for p in provinces if p.code == request.GET.get("tinh")), provinces[0])
    editor = can_appraise(request.user, province.pk)
    lines: list[str] = []
    source = ""
    if request.method == "POST":
        if not editor:
            raise PermissionDenied(_("Chỉ cán bộ thẩm định cấp tỉnh được nhập số liệu."))
        source = request.POST.get("source", "")[:200]
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise StudyImportError(_("Hãy chọn tệp .xlsx hoặc .csv để nhập."))
            n = study_import(
                province=province, upload=upload, filename=upload.name,
                actor=signed_in(request.user), source=source,
            )  # fmt: skip
            messages.success(request, _("Đã nhập %(n)s số liệu năm.") % {"n": n})
            return redirect(f"{reverse('evaluation:study_import')}?tinh={province.code}")
        except StudyImportError as exc:
            messages.error(request, exc.message)
            lines = exc.lines
    return render(
        request,
        "evaluation/study_import.html",
        {
            "province": province,
            "editor": editor,
            "lines": lines,
            "source": source,
            "summary": selectors.imported_summary(province.code),
        },
    )
