"""Forms of the officers' case page: each one feeds exactly one service."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.selectors import officers_of_unit
from danvan.cases.models import CLOSED_STATUSES, CaseStatus
from danvan.cases.selectors import CASE_WORK_ROLES, eligible_officers, officer_choice_label
from danvan.core.dates import DATETIME_INPUT_FORMATS, MomentInput

User = get_user_model()


def officers_of(unit: Any) -> Any:
    """Who may be given a case to act on: the unit's officers in a working role."""
    return officers_of_unit(unit, *CASE_WORK_ROLES)


class _OfferedOfficers(ModelChoiceIterator):
    """The options from the officers already read for their labels: no second query (a
    server-side cursor on PostgreSQL) each time a case page draws its hand-on list."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for officer in self.field.offered:
            yield self.choice(officer)

    def __len__(self) -> int:
        return len(self.field.offered) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.offered)


class OfficerChoiceField(forms.ModelChoiceField):
    """An eligible officer, offered with their role and current workload."""

    iterator = _OfferedOfficers
    described: dict[int, str] = {}
    offered: list[Any] = []

    def offer(self, unit: Any, officers: list[Any] | None = None) -> None:
        """Offer ``officers`` (``eligible_officers(unit)``, read here unless the page already
        did for another form); a posted choice is still checked against the database."""
        self.offered = officers if officers is not None else eligible_officers(unit)
        self.described = {o.pk: officer_choice_label(o) for o in self.offered}
        self.queryset = officers_of(unit)

    def label_from_instance(self, obj: Any) -> str:
        return self.described.get(obj.pk) or obj.get_full_name() or obj.get_username()


class _AtMixin(forms.Form):
    at = forms.DateTimeField(
        label=_("Thời điểm"),
        required=False,
        help_text=_("Để trống nếu là bây giờ."),
        input_formats=DATETIME_INPUT_FORMATS,
        widget=MomentInput(),
    )

    def clean_at(self) -> datetime:
        at = self.cleaned_data.get("at") or timezone.now()
        if at > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("Không được chọn thời điểm trong tương lai."))
        return at


class AssignForm(forms.Form):
    assignee = OfficerChoiceField(label=_("Người xử lý"), queryset=User.objects.none())
    department = forms.CharField(label=_("Bộ phận"), max_length=120, required=False)
    note = forms.CharField(
        label=_("Ghi chú nội bộ"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, unit: Any, officers: list[Any] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["assignee"].offer(unit, officers)


class HandOnForm(forms.Form):
    to_user = OfficerChoiceField(
        label=_("Chuyển cho cán bộ"), queryset=User.objects.none(), required=False
    )
    to_department = forms.CharField(label=_("Chuyển cho bộ phận"), max_length=120, required=False)
    note = forms.CharField(
        label=_("Ghi chú nội bộ"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, unit: Any, officers: list[Any] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["to_user"].offer(unit, officers)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("to_user") and not data.get("to_department"):
            raise forms.ValidationError(_("Chọn người hoặc bộ phận nhận hồ sơ."))
        return data


class PauseForm(_AtMixin):
    reason = forms.CharField(
        label=_("Lý do tạm dừng (hiển thị cho người dân)"),
        max_length=1000,
        help_text=_("Nêu rõ giấy tờ, thông tin cần bổ sung; không ghi thông tin cá nhân."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResumeForm(_AtMixin):
    restart = forms.BooleanField(
        label=_("Tính lại thời hạn từ đầu (hồ sơ được bổ sung đầy đủ sau thẩm định)"),
        required=False,
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=1000, required=False)


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do gia hạn"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    criteria = forms.CharField(
        label=_("Căn cứ, tiêu chí (mỗi dòng một ý)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    days = forms.IntegerField(
        label=_("Số ngày gia hạn"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Để trống để áp dụng mức gia hạn theo quy định."),
    )

    def clean_criteria(self) -> list[str]:
        raw = self.cleaned_data.get("criteria") or ""
        return [line.strip() for line in raw.splitlines() if line.strip()]


class CloseForm(_AtMixin):
    status = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[(s.value, s.label) for s in CaseStatus if s in CLOSED_STATUSES],
    )
    public_note = forms.CharField(
        label=_("Thông báo cho người dân"),
        max_length=1000,
        required=False,
        help_text=_("Hiển thị trên trang tra cứu; không ghi thông tin cá nhân."),
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=40)
    secret = forms.CharField(
        label=_("Mã bí mật"),
        max_length=12,
        help_text=_("Gồm 8 ký tự, in trên phiếu hẹn hoặc giấy biên nhận."),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()

    def clean_secret(self) -> str:
        return self.cleaned_data["secret"].strip().upper()
