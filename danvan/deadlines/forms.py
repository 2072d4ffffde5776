"""Forms of the public deadline calculator and the override import."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from danvan.core.dates import DATE_INPUT_FORMATS, DayInput
from danvan.deadlines import selectors
from danvan.deadlines.clock import DueResult, compute_due
from danvan.deadlines.rulespec import DeadlineError

# Which field a clock refusal belongs to, so the message appears next to it.
_ERROR_FIELD = {
    "unknown_rule": "rule",
    "no_rule_in_force": "start_date",
    "start_out_of_range": "start_date",
    "due_out_of_range": "start_date",
    "too_many_extensions": "extensions",
    "invalid_extension": "extensions",
}


class DueForm(forms.Form):
    """Works as a GET form so that a computed deadline is a link anyone can share."""

    rule = forms.ChoiceField(label=_("Loại thời hạn"))
    start_date = forms.DateField(
        label=_("Ngày bắt đầu (sự kiện tính hạn)"),
        # dd/mm/yyyy whatever the browser's language; ISO links shared earlier still work.
        input_formats=DATE_INPUT_FORMATS,
        widget=DayInput(),
        error_messages={
            "required": _("Cần nhập ngày bắt đầu."),
            "invalid": _("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy."),
        },
    )
    start_time = forms.TimeField(
        label=_("Giờ tiếp nhận (nếu có)"),
        required=False,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Giờ Việt Nam. Hồ sơ một cửa nhận sau 15:00 được tính từ ngày làm việc sau."),
        error_messages={"invalid": _("Giờ không hợp lệ: nhập theo dạng hh:mm.")},
    )
    unit = forms.CharField(
        label=_("Mã xã, phường (không bắt buộc)"),
        required=False,
        max_length=5,
        help_text=_("Dùng để biết xã có thuộc vùng sâu, vùng xa hay không."),
    )
    remote = forms.BooleanField(label=_("Vùng sâu, vùng xa"), required=False)
    complex = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    especially_complex = forms.BooleanField(label=_("Vụ việc đặc biệt phức tạp"), required=False)
    extensions = forms.IntegerField(
        label=_("Số lần gia hạn"),
        required=False,
        min_value=0,
        max_value=9,
        initial=0,
        error_messages={
            "invalid": _("Số lần gia hạn phải là số nguyên."),
            "min_value": _("Số lần gia hạn không được âm."),
            "max_value": _("Số lần gia hạn quá lớn."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = get_language() or "vi"
        rule_field: Any = self.fields["rule"]
        rule_field.choices = [("", _("— Chọn —"))] + selectors.rule_choices(self.lang)
        self.result: DueResult | None = None

    def clean_rule(self) -> str:
        return self.cleaned_data["rule"]

    def clean_unit(self) -> str:
        code = (self.cleaned_data.get("unit") or "").strip()
        if code and selectors.unit_remote(code) is None:
            raise forms.ValidationError(_("Không có xã, phường mã “%(code)s”.") % {"code": code})
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        start: date | datetime = data["start_date"]
        if data.get("start_time"):
            start = datetime.combine(data["start_date"], data["start_time"])  # local time
        remote = bool(data.get("remote"))
        if data.get("unit") and not remote:
            remote = bool(selectors.unit_remote(data["unit"]))
        data["remote_effective"] = remote
        try:
            self.result = compute_due(
                data["rule"],
                start,
                remote=remote,
                complex=bool(data.get("complex")),
                especially_complex=bool(data.get("especially_complex")),
                extensions=data.get("extensions") or 0,
            )
        except DeadlineError as exc:
            field = _ERROR_FIELD.get(exc.code)
            self.add_error(field, exc.message(self.lang))
        return data


class OverrideImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV hoặc Excel (.xlsx)"),
        help_text=_(
            "Cột: ngày (dd/mm/yyyy), loại (nghỉ / làm việc), tên, số văn bản; tên tiếng Anh tùy chọn."
        ),
    )
