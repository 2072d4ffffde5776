"""Forms of engagement: officers' forms and the residents' question form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.public_forms import HumanCheckedForm
from danvan.engagement.models import (
    CompetentLevel,
    DialogueKind,
    PetitionSource,
    QuestionStage,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DialogueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đối thoại"), choices=DialogueKind.choices)
    title = forms.CharField(label=_("Chủ đề"), max_length=300)
    scheduled_at = forms.DateTimeField(
        label=pgettext_lazy("dialogue time", "Thời gian"),
        widget=DATETIME_INPUT,
        input_formats=DATETIME_FORMATS,
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    notice = forms.CharField(
        label=_("Thông báo công khai"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Thành phần mời, nội dung đối thoại. Không ghi thông tin cá nhân."),
    )


class HoldForm(forms.Form):
    held_at = forms.DateTimeField(
        label=_("Tổ chức lúc"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    attendance = forms.IntegerField(label=_("Số người tham dự"), min_value=0, required=False)
    summary = forms.CharField(
        label=_("Kết quả đối thoại"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=2000)


class QuestionRecordForm(forms.Form):
    stage = forms.ChoiceField(label=_("Thời điểm"), choices=QuestionStage.choices)
    content = forms.CharField(
        label=_("Câu hỏi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )
    area = forms.CharField(label=_("Thôn, tổ dân phố"), max_length=150, required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class CommitmentForm(forms.Form):
    content = forms.CharField(
        label=_("Nội dung cam kết"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )
    responsible = forms.CharField(label=_("Người, bộ phận thực hiện"), max_length=200)
    committed_date = forms.DateField(
        label=_("Hạn đã cam kết"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    question = forms.TypedChoiceField(
        label=_("Trả lời câu hỏi"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, questions: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", "—")] + [(q.pk, q.content[:80]) for q in questions]


class CompleteForm(forms.Form):
    result = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    at = forms.DateTimeField(
        label=_("Hoàn thành lúc"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(
        label=_("Ngày tiếp xúc cử tri"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    session = forms.CharField(label=_("Kỳ họp HĐND"), max_length=200, required=False)
    deputies = forms.CharField(label=_("Đại biểu tiếp xúc"), max_length=500, required=False)


class PetitionForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Hội nghị tiếp xúc cử tri"), coerce=int)
    source = forms.ChoiceField(label=_("Nguồn"), choices=PetitionSource.choices)
    content = forms.CharField(
        label=pgettext_lazy("voter petition", "Nội dung kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    area = forms.CharField(label=_("Thôn, tổ dân phố"), max_length=150, required=False)
    competent_level = forms.ChoiceField(
        label=_("Thẩm quyền giải quyết"), choices=CompetentLevel.choices
    )
    competent_body = forms.CharField(
        label=_("Tên cơ quan cấp trên (nếu chuyển lên)"), max_length=200, required=False
    )
    previous = forms.TypedChoiceField(
        label=_("Kiến nghị lại (đã kiến nghị trước đây)"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(
        self,
        *args: Any,
        meetings: list[Any] = (),  # type: ignore[assignment]
        earlier: list[Any] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [(m.pk, str(m)) for m in meetings]
        self.fields["previous"].choices = [("", "—")] + [
            (p.pk, f"{p.case.code} — {p.content[:60]}") for p in earlier
        ]


class AssignForm(forms.Form):
    competent_level = forms.ChoiceField(
        label=_("Thẩm quyền giải quyết"), choices=CompetentLevel.choices
    )
    competent_body = forms.CharField(
        label=_("Tên cơ quan cấp trên (nếu chuyển lên)"), max_length=200, required=False
    )


class PetitionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    answered_by_body = forms.CharField(label=_("Cơ quan trả lời"), max_length=200, required=False)
    at = forms.DateTimeField(
        label=_("Trả lời lúc"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )


# ---- the residents' question form --------------------------------------------------------


class PublicQuestionForm(HumanCheckedForm):
    form_salt = "danvan.engagement.question-form"

    content = forms.CharField(
        label=_("Câu hỏi, ý kiến của bạn"),
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=10,
        max_length=3000,
    )
    area = forms.CharField(
        label=_("Thôn, tổ dân phố (không bắt buộc)"), max_length=150, required=False
    )
    name = forms.CharField(label=_("Họ và tên (không bắt buộc)"), max_length=150, required=False)
    phone = forms.RegexField(
        label=_("Số điện thoại (không bắt buộc, để được trả lời riêng)"),
        regex=r"^\+?[0-9 .]{9,15}$",
        max_length=20,
        required=False,
        error_messages={"invalid": _("Số điện thoại không hợp lệ.")},
    )
