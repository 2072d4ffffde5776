"""The province's page to change the index method (a new version; the old ones stay as the
history: who, when, why). Province roles see it; appraisers save. The next computation of a
month from ``valid_from`` on uses the new version (``services.method_in_force``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danvan.accounts.access import signed_in
from danvan.core.registry import registries
from danvan.evaluation import selectors
from danvan.evaluation.method_forms import MethodForm
from danvan.evaluation.periods import month_of, next_month
from danvan.evaluation.services import indicators, method_in_force, method_version_create
from danvan.evaluation.yearly.services import can_appraise


def _specs(method: Any) -> list[dict[str, Any]]:
    english = (get_language() or "vi").startswith("en")
    out = []
    for ind in indicators():
        conf = (method.settings or {}).get(ind.key, {})
        goal = conf.get("goalposts") or ind.goalposts
        if goal is None and ind.is_rate:
            goal = (0.0, 100.0) if ind.direction == "higher" else (100.0, 0.0)
        out.append(
            {
                "key": ind.key,
                "area": ind.area,
                "name": ind.name_en if english else ind.name_vi,
                "unit_label": ind.unit_in(english),
                "included": conf.get("included", True) is not False and goal is not None,
                "weight": conf.get("weight", ind.weight),
                "worst": goal[0] if goal else None,
                "best": goal[1] if goal else None,
                "target": conf.get("target", ind.target),
            }
        )
    return out


@login_required
def method_edit(request: HttpRequest) -> HttpResponse:
    provinces = list(selectors.readable_provinces(request.user).order_by("code"))
    if not provinces:
        raise Http404(_("Không tìm thấy."))
    province = next((p for p in provinces if p.code == request.GET.get("tinh")), provinces[0])
    editor = can_appraise(request.user, province.pk)
    today = month_of(timezone.localdate())
    current = method_in_force(province.pk, today)
    specs = _specs(current)
    initial: dict[str, Any] = {
        "valid_from": f"{next_month(today):%Y-%m}",
        "normalisation": current.normalisation,
        "mc_draws": current.mc_draws,
        "weight_spread": current.weight_spread,
        "min_cases": current.min_cases,
    }
    for s in specs:
        for name in ("included", "weight", "worst", "best", "target"):
            initial[f"{s['key']}__{name}"] = s[name]
    form = MethodForm(request.POST or None, initial=initial, specs=specs)
    if request.method == "POST":
        if not editor:
            raise PermissionDenied(_("Chỉ cán bộ thẩm định cấp tỉnh được thay đổi phương pháp."))
        if form.is_valid():
            d = form.cleaned_data
            method_version_create(
                actor=signed_in(request.user), province=province, valid_from=d["valid_from"],
                normalisation=d["normalisation"], settings=form.settings(), note=d["note"],
                mc_draws=d["mc_draws"], weight_spread=d["weight_spread"],
                min_cases=d["min_cases"],
            )  # fmt: skip
            messages.success(
                request,
                _("Đã lưu phương pháp mới, áp dụng từ tháng %(m)s ở lần tính tiếp theo.")
                % {"m": f"{d['valid_from']:%m/%Y}"},
            )
            return redirect(f"{reverse('evaluation:method_edit')}?tinh={province.code}")
    history = [h for h in selectors.method_history() if h.province_id in (None, province.pk)]
    return render(
        request,
        "evaluation/method_edit.html",
        {
            "province": province,
            "provinces": provinces,
            "form": form,
            "rows": form.rows(),
            "editor": editor,
            "current": current,
            "history": history,
            "areas": sorted({s["area"] for s in specs}),
            "registered": len(registries.indicators),
        },
    )
