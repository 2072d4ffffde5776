"""Forms of the territory pages (search on public pages; editing for administrators)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.territory.models import UnitKind, VillageKind
from danvan.territory.tabular import EXTENSIONS, MAX_BYTES


class UnitFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm xã, phường (có hoặc không dấu)"), required=False, max_length=100
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả"))] + list(UnitKind.choices)
    )


class LegacySearchForm(forms.Form):
    old = forms.CharField(
        label=_("Tìm xã, phường cũ (trước 1/7/2025)"), required=False, max_length=100
    )


class UnitAttributesForm(forms.Form):
    is_remote = forms.BooleanField(
        label=_("Vùng sâu, vùng xa"),
        required=False,
        help_text=_("Áp dụng thời hạn dài hơn khi giải quyết khiếu nại (Luật Khiếu nại Điều 28)."),
    )
    is_especially_difficult = forms.BooleanField(label=_("Đặc biệt khó khăn"), required=False)
    population = forms.IntegerField(
        label=_("Dân số"), required=False, min_value=0, max_value=10_000_000
    )
    households = forms.IntegerField(
        label=_("Số hộ"), required=False, min_value=0, max_value=10_000_000
    )


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=120)
    kind = forms.ChoiceField(label=_("Loại"), choices=VillageKind.choices)
    households = forms.IntegerField(
        label=_("Số hộ"), required=False, min_value=0, max_value=10_000_000
    )
    population = forms.IntegerField(
        label=_("Dân số"), required=False, min_value=0, max_value=10_000_000
    )


class VillageImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách thôn (.xlsx hoặc .csv)"),
        help_text=_(
            "Các cột: ten (tên), loai (Thôn, Bản, Tổ dân phố, Xóm, Ấp, Khóm), so_ho, dan_so; "
            "ma_xa không bắt buộc. Tệp CSV lưu với bảng mã UTF-8."
        ),
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        return upload
