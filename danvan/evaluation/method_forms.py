"""The province's form for a new version of the index method: normalisation, and per
indicator its inclusion, weight, goalposts and target; a reason is required (the history
says who changed what, when and why)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.evaluation.models import Normalisation
from danvan.evaluation.periods import parse_month


def _decimal(label: Any, **kw: Any) -> forms.FloatField:
    # Vietnamese users type "0,5": the widget is text with a decimal keypad, cleaned below.
    return forms.FloatField(
        label=label, localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **kw
    )


class MethodForm(forms.Form):
    valid_from = forms.CharField(
        label=_("Áp dụng từ tháng (YYYY-MM)"),
        max_length=7,
        help_text=_("Các tháng từ tháng này trở đi được tính lại theo phương pháp mới."),
    )
    normalisation = forms.ChoiceField(label=_("Cách chuẩn hóa"), choices=Normalisation.choices)
    mc_draws = forms.IntegerField(
        label=_("Số lần mô phỏng Monte Carlo"), min_value=0, max_value=5000
    )
    weight_spread = _decimal(_("Biên độ trọng số khi mô phỏng (0–1)"), min_value=0, max_value=1)
    min_cases = forms.IntegerField(
        label=_("Số việc tối thiểu để xếp hạng chắc chắn"), min_value=0, max_value=100000
    )
    note = forms.CharField(
        label=_("Lý do thay đổi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=2000,
        error_messages={"min_length": _("Hãy ghi rõ lý do thay đổi (ít nhất 10 ký tự).")},
    )

    def __init__(self, *args: Any, specs: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specs = specs
        for s in specs:
            k = s["key"]
            self.fields[f"{k}__included"] = forms.BooleanField(
                label=_("Tính vào chỉ số"), required=False
            )
            self.fields[f"{k}__weight"] = _decimal(_("Trọng số"), min_value=0, max_value=100)
            self.fields[f"{k}__worst"] = _decimal(_("Mốc 0 điểm"), required=False)
            self.fields[f"{k}__best"] = _decimal(_("Mốc 10 điểm"), required=False)
            self.fields[f"{k}__target"] = _decimal(_("Mục tiêu"), required=False)

    def clean_valid_from(self) -> Any:
        month = parse_month(self.cleaned_data["valid_from"])
        if month is None:
            raise forms.ValidationError(_("Tháng phải có dạng YYYY-MM, ví dụ 2026-11."))
        return month

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for s in self.specs:
            k = s["key"]
            worst, best = data.get(f"{k}__worst"), data.get(f"{k}__best")
            if data.get(f"{k}__included") and (worst is None or best is None):
                self.add_error(
                    f"{k}__best", _("Chỉ số được tính vào thì phải có mốc 0 điểm và mốc 10 điểm.")
                )
            elif worst is not None and best is not None and worst == best:
                self.add_error(f"{k}__best", _("Mốc 10 điểm phải khác mốc 0 điểm."))
            target = data.get(f"{k}__target")
            if target is not None and worst is not None and target == worst:
                self.add_error(f"{k}__target", _("Mục tiêu phải khác mốc 0 điểm."))
        if self.specs and not any(data.get(f"{s['key']}__included") for s in self.specs):
            raise forms.ValidationError(_("Phải giữ ít nhất một chỉ số trong cách tính."))
        return data

    def rows(self) -> list[dict[str, Any]]:
        """The per-indicator fields grouped for the template's table."""
        return [
            {
                **s,
                "fields": [
                    self[f"{s['key']}__{n}"]
                    for n in ("included", "weight", "worst", "best", "target")
                ],
            }
            for s in self.specs
        ]

    def settings(self) -> dict[str, Any]:
        out = {}
        for s in self.specs:
            k = s["key"]
            d = self.cleaned_data
            out[k] = {
                "included": bool(d.get(f"{k}__included")),
                "weight": d[f"{k}__weight"],
                "goalposts": [d[f"{k}__worst"], d[f"{k}__best"]]
                if d.get(f"{k}__worst") is not None and d.get(f"{k}__best") is not None
                else None,
                "target": d.get(f"{k}__target"),
            }
        return out
