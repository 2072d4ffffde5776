"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import PROVINCE_ROLES, Organisation, Role
from danvan.core.audit_labels import action_choices

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=16,
        help_text=_("6 chữ số từ ứng dụng xác thực, hoặc một mã dự phòng."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code:
            raise forms.ValidationError(_("Hãy nhập mã xác thực."))
        return code


class TokenForm(forms.Form):
    label = forms.CharField(
        label=_("Dùng cho việc gì"),
        max_length=100,
        required=False,
        help_text=_("Ví dụ: đồng bộ với hệ thống một cửa của tỉnh."),
    )


COMMUNE_ROLE_CHOICES = [(r.value, r.label) for r in Role if r not in PROVINCE_ROLES]


class MembershipForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập của cán bộ"), max_length=150)
    role = forms.ChoiceField(label=_("Vai trò"), choices=COMMUNE_ROLE_CHOICES)
    # Checked by the service: only a front membership takes one.
    organisation = forms.ChoiceField(
        label=_("Tổ chức (chỉ với vai trò Mặt trận Tổ quốc, đoàn thể)"),
        choices=[("", "—"), *Organisation.choices],
        required=False,
    )


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    case = forms.CharField(label=_("Mã việc, đối tượng"), required=False, max_length=80)
    action = forms.ChoiceField(label=_("Hành động"), required=False)
    date_from = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )
    date_to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )

    def __init__(self, *args, actions: list[str], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        action_field: Any = self.fields["action"]
        # Actions in words; the code is only the option's value (docs: the register).
        action_field.choices = [("", _("Tất cả")), *action_choices(actions)]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách cán bộ (.xlsx hoặc .csv)"),
        help_text=_(
            "Các cột: ten_dang_nhap, ho_ten, email, dien_thoai, ma_don_vi, vai_tro; "
            "mỗi dòng một vai trò."
        ),
    )


class OwnPasswordForm(PasswordChangeForm):
    """Django's change form (old password checked, validators run with the user, so the
    last-10 rule applies) with the product's Vietnamese labels."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
        self.fields["new_password1"].help_text = _(
            "Ít nhất 8 ký tự, không toàn chữ số, không quá phổ biến, không giống tên đăng nhập"
            " và không trùng 10 mật khẩu gần nhất."
        )
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
