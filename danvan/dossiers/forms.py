"""Forms of the one-stop pages: they check shape; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.cases.selectors import officer_choice_label
from danvan.dossiers.models import (
    RATING_INDICATORS,
    RATING_NOT_APPLICABLE,
    RATING_SCALE,
    RATING_SKIPPABLE,
    OnlineLevel,
    ProcedureLevel,
    ReturnMethod,
)

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
CHANNELS = [("desk", _("Trực tiếp")), ("online", _("Trực tuyến")), ("post", _("Bưu chính"))]


class ReceptionForm(forms.Form):
    unit = forms.ChoiceField(label=_("Xã, phường tiếp nhận"))
    procedure = forms.CharField(widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    applicant_name = forms.CharField(label=_("Họ tên người nộp"), max_length=150)
    applicant_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    applicant_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân"), max_length=20, required=False)
    channel = forms.ChoiceField(label=_("Kênh nộp"), choices=CHANNELS, initial="desk")
    documents = forms.MultipleChoiceField(
        label=_("Giấy tờ đã nhận"), widget=forms.CheckboxSelectMultiple, required=False
    )
    refuse = forms.BooleanField(label=_("Từ chối tiếp nhận (mẫu 03)"), required=False)
    refusal_reason = forms.CharField(
        label=_("Lý do từ chối"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, units: list[Any], documents: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units]
        if len(units) == 1:
            self.fields["unit"].initial = str(units[0].pk)
        self.fields["documents"].choices = [(d, d) for d in documents]
        self.fields["documents"].initial = list(documents)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("refuse") and not (data.get("refusal_reason") or "").strip():
            self.add_error("refusal_reason", _("Phải ghi lý do từ chối."))
        return data


class SupplementForm(forms.Form):
    missing = forms.CharField(
        label=_("Giấy tờ, nội dung cần bổ sung (mỗi dòng một mục)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(label=_("Lý do"), required=False, max_length=1000)

    def clean_missing(self) -> list[str]:
        items = [line.strip() for line in self.cleaned_data["missing"].splitlines() if line.strip()]
        if not items:
            raise forms.ValidationError(_("Ghi ít nhất một mục cần bổ sung."))
        return items


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1000)


class ReturnForm(forms.Form):
    """Who received the result and how (the return of results is recorded, not assumed)."""

    method = forms.ChoiceField(
        label=_("Hình thức trả kết quả"),
        choices=ReturnMethod.choices,
        initial=ReturnMethod.IN_PERSON,
    )
    receiver = forms.CharField(
        label=_("Người nhận kết quả"),
        max_length=150,
        required=False,
        help_text=_(
            "Người nộp hoặc người được ủy quyền; với bưu chính, ghi người nhận trên phiếu."
        ),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("method") in (ReturnMethod.IN_PERSON, ReturnMethod.POST)
            and not (data.get("receiver") or "").strip()
        ):
            self.add_error("receiver", _("Ghi họ tên người nhận kết quả."))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do, số đơn đề nghị rút hồ sơ"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HandOnForm(forms.Form):
    to_user = forms.ChoiceField(label=_("Chuyển cho cán bộ"), required=False)
    to_department = forms.CharField(label=_("Bộ phận"), required=False, max_length=120)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1000)

    def __init__(self, *args: Any, officers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Eligible officers (cases.selectors.eligible_officers) carry their role and workload.
        self.fields["to_user"].choices = [("", "—")] + [
            (str(u.pk), officer_choice_label(u)) for u in officers
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("to_user") and not (data.get("to_department") or "").strip():
            raise forms.ValidationError(_("Chọn cán bộ hoặc ghi bộ phận nhận hồ sơ."))
        return data


class ApologyForm(forms.Form):
    new_date = forms.DateField(
        label=_("Ngày hẹn trả mới (dd/mm/yyyy)"),
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label=_("Lý do chậm"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class RatingForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến khác"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, online: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in RATING_INDICATORS:
            meanings = RATING_SCALE[key]
            choices = [
                (str(points), format_lazy("{}: {}", points_label, meaning))
                for (points, points_label), meaning in zip(
                    ((2, _("2 điểm")), (1, _("1 điểm")), (0, _("0 điểm"))), meanings, strict=True
                )
            ]
            if key in RATING_SKIPPABLE:
                choices.append((RATING_NOT_APPLICABLE, _("Không áp dụng, bỏ qua tiêu chí này")))
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect,
                required=key not in RATING_SKIPPABLE,
            )
        # A procedure without an online service: its criterion is skipped unless chosen.
        if not online:
            self.fields["online"].initial = RATING_NOT_APPLICABLE
        self.order_fields([k for k, _label in RATING_INDICATORS] + ["comment"])

    def scores(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k) or "" for k, _label in RATING_INDICATORS}


class BookForm(forms.Form):
    start = forms.DateField(
        label=_("Từ ngày"),
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
            if (end - start).days > 366:
                raise forms.ValidationError(_("Chọn khoảng thời gian không quá một năm."))
        return data


class ProcedureForm(forms.Form):
    code = forms.CharField(label=_("Mã thủ tục"), max_length=30)
    name = forms.CharField(label=_("Tên thủ tục"), max_length=400)
    field = forms.CharField(label=_("Lĩnh vực"), max_length=150)
    level = forms.ChoiceField(label=_("Cấp thực hiện"), choices=ProcedureLevel.choices)
    processing_days = forms.IntegerField(
        label=_("Thời hạn (ngày làm việc)"), min_value=1, max_value=365
    )
    fees = forms.CharField(label=_("Phí, lệ phí"), max_length=300, required=False)
    required_documents = forms.CharField(
        label=_("Thành phần hồ sơ (mỗi dòng một giấy tờ)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ pháp lý"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    online = forms.ChoiceField(label=_("Dịch vụ công trực tuyến"), choices=OnlineLevel.choices)
    active = forms.BooleanField(label=_("Đang áp dụng"), required=False, initial=True)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh mục (.xlsx hoặc .csv)"))


class DeskSettingsForm(forms.Form):
    # Lengths and characters are checked by the service, which says what is allowed.
    agency_code = forms.CharField(
        label=_("Mã cơ quan (dùng trong mã hồ sơ)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "H15.50.05.13", "autocomplete": "off"}),
        help_text=_(
            "Mã định danh của cơ quan theo Nghị định 61/2018/NĐ-CP, Điều 26. Để trống thì dùng "
            "mã đơn vị hành chính của xã."
        ),
    )
    place_name = forms.CharField(
        label=_("Địa danh ghi trên văn bản"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Bắc Kạn (in ở dòng “Bắc Kạn, ngày … tháng … năm …”)."),
    )
    signer_name = forms.CharField(
        label=_("Người ký (Chủ tịch UBND)"),
        max_length=200,
        required=False,
        help_text=_("In trên phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)."),
    )


class ProvincialImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp xuất từ hệ thống một cửa của tỉnh (.csv, .xlsx hoặc .json)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.json"}),
    )
