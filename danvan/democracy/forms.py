"""Forms of the democracy pages. Dates are typed dd/mm/yyyy, times hh:mm (Vietnam time)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.public_forms import HumanCheckedForm
from danvan.democracy.categories import (
    DISCLOSURE_CHOICES,
    BoardKind,
    Choice,
    CommentResponse,
    CommentSource,
    ConsultationCategory,
    DecisionCategory,
    DecisionForm,
    Place,
)

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUTS = ["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]


class LocalDateTimeField(forms.DateTimeField):
    """A moment typed in Vietnam time, made aware."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATETIME_INPUTS)
        kwargs.setdefault("help_text", _("dd/mm/yyyy hh:mm"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:
        result = super().to_python(value)
        if result is not None and timezone.is_naive(result):
            result = timezone.make_aware(result)
        return result


class DateField(forms.DateField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUTS)
        kwargs.setdefault("help_text", _("dd/mm/yyyy"))
        super().__init__(**kwargs)


class DecisionCreateForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Phạm vi"),
        choices=[("village", _("Một thôn, tổ dân phố")), ("commune", _("Toàn xã"))],
    )
    village = forms.TypedChoiceField(
        label=_("Thôn, tổ dân phố"), coerce=int, required=False, empty_value=None
    )
    category = forms.ChoiceField(label=_("Nội dung"), choices=DecisionCategory.choices)
    form = forms.ChoiceField(label=_("Hình thức"), choices=DecisionForm.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    description = forms.CharField(
        label=_("Nội dung chi tiết"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    opens = LocalDateTimeField(label=_("Bắt đầu"))
    closes = LocalDateTimeField(label=_("Kết thúc"))
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, villages: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "—")] + [(v.pk, v.name) for v in villages]


class VoteRecordForm(forms.Form):
    household = forms.TypedChoiceField(label=_("Hộ gia đình"), coerce=int)
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=Choice.choices)

    def __init__(self, *args: Any, households: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [
            (h.pk, f"{h.number} — {h.representative}") for h in households
        ]


class RecogniseForm(forms.Form):
    recognised = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Công nhận")), ("0", _("Không công nhận (nêu lý do)"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


class HouseholdImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách hộ (.xlsx hoặc .csv)"),
        help_text=_("Cột: ma_ho, chu_ho, so_nhan_khau, nguoi_dai_dien."),
    )


class ConsultationCreateForm(forms.Form):
    village = forms.TypedChoiceField(
        label=_("Thôn, tổ dân phố (để trống nếu toàn xã)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    category = forms.ChoiceField(label=_("Nội dung"), choices=ConsultationCategory.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    summary = forms.CharField(
        label=_("Tóm tắt nội dung lấy ý kiến"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )
    opens = LocalDateTimeField(label=_("Bắt đầu"))
    closes = LocalDateTimeField(label=_("Kết thúc"))

    def __init__(self, *args: Any, villages: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "—")] + [(v.pk, v.name) for v in villages]


class CommentEnterForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Nguồn"),
        choices=[
            (CommentSource.MEETING, CommentSource.MEETING.label),
            (CommentSource.PAPER, CommentSource.PAPER.label),
        ],
    )
    source_note = forms.CharField(
        label=_("Ghi rõ nguồn (hội nghị ngày…, phiếu số…)"), max_length=200
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(
        label=_("Số điện thoại (không bắt buộc)"), max_length=20, required=False
    )
    content = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class CommentRespondForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Tiếp thu"),
        choices=[c for c in CommentResponse.choices if c[0]],
    )
    note = forms.CharField(
        label=_("Nội dung tiếp thu, giải trình"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )


class SynthesisForm(forms.Form):
    synthesis = forms.CharField(
        label=_("Báo cáo tổng hợp ý kiến"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )


class PublicCommentForm(HumanCheckedForm):
    form_salt = "danvan.democracy.public-form"

    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.RegexField(
        label=_("Số điện thoại"),
        regex=r"^\+?[0-9 .]{9,15}$",
        max_length=20,
        error_messages={"invalid": _("Số điện thoại không hợp lệ.")},
    )
    content = forms.CharField(
        label=_("Ý kiến của bạn"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=5,
        max_length=5000,
    )


class PublicVoteForm(forms.Form):
    code = forms.CharField(label=_("Mã bỏ phiếu của hộ (in trên thông báo)"), max_length=40)
    decision = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    choice = forms.ChoiceField(
        label=_("Ý kiến của hộ"), choices=Choice.choices, widget=forms.RadioSelect
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Mã biên nhận"), max_length=40)


class DisclosureCreateForm(forms.Form):
    category = forms.ChoiceField(label=_("Nhóm thông tin (Điều 11)"), choices=DISCLOSURE_CHOICES)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    decided_on = DateField(label=_("Ngày ban hành quyết định"))
    document = forms.FileField(label=_("Văn bản (PDF hoặc DOCX, tối đa 10 MB)"))
    places = forms.MultipleChoiceField(
        label=_("Nơi công khai"),
        choices=[c for c in Place.choices if c[0] != Place.VILLAGE_HOUSE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    posted_on = DateField(label=_("Ngày niêm yết"), required=False)


class PostingConfirmForm(forms.Form):
    village = forms.TypedChoiceField(label=_("Thôn, tổ dân phố"), coerce=int)
    starts = DateField(label=_("Niêm yết từ ngày"), required=False)

    def __init__(self, *args: Any, villages: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [(v.pk, v.name) for v in villages]


class PostingEndForm(forms.Form):
    ends = DateField(label=_("Ngày gỡ niêm yết"))


class BoardCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại ban"), choices=BoardKind.choices)
    name = forms.CharField(label=_("Tên ban"), max_length=200)
    project = forms.CharField(
        label=_("Dự án, công trình (Ban Giám sát đầu tư)"), max_length=300, required=False
    )
    term_start = DateField(label=_("Nhiệm kỳ từ"))
    term_end = DateField(label=_("Nhiệm kỳ đến"))


class MemberForm(forms.Form):
    village = forms.TypedChoiceField(label=_("Thôn, tổ dân phố"), coerce=int)
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    position = forms.CharField(label=_("Chức danh trong ban"), max_length=100, required=False)
    occupation = forms.CharField(
        label=_("Nghề nghiệp, nơi công tác"), max_length=200, required=False
    )
    is_commune_official = forms.BooleanField(
        label=_("Người này đang là cán bộ, công chức xã"), required=False
    )
    term_start = DateField(label=_("Nhiệm kỳ từ"))
    term_end = DateField(label=_("Nhiệm kỳ đến"))

    def __init__(self, *args: Any, villages: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [(v.pk, v.name) for v in villages]


class RecommendationForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    content = forms.CharField(
        label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Trả lời của UBND xã"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
