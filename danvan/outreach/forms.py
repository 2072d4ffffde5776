"""Officers' forms of dissemination. Dates are typed dd/mm/yyyy (a phone's date picker's
yyyy-mm-dd is accepted too)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.accounts.roles import Organisation
from danvan.outreach.models import (
    Audience,
    Channel,
    Language,
    ModelTopic,
    RecognitionLevel,
    Registrant,
)
from danvan.territory.models import Village

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label: object) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")},
    )


class CampaignForm(forms.Form):
    subject = forms.CharField(label=_("Nội dung tuyên truyền"), max_length=300)
    audiences = forms.MultipleChoiceField(
        label=_("Đối tượng"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(
        label=pgettext_lazy("dissemination channel", "Hình thức"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Ngôn ngữ"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )
    starts = _date_field(_("Từ ngày"))
    ends = _date_field(_("Đến ngày"))


def _count(label: object, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100000,
        required=required,
        initial=None if required else 0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class SessionForm(forms.Form):
    village = forms.TypedChoiceField(label=_("Thôn, tổ dân phố"), coerce=int)
    date = _date_field(_("Ngày"))
    channel = forms.ChoiceField(label=pgettext_lazy("dissemination channel", "Hình thức"))
    language = forms.ChoiceField(label=_("Ngôn ngữ"))
    attendees = _count(_("Số người dự"))
    attendees_female = _count(_("Trong đó nữ"))
    attendees_minority = _count(_("Trong đó người dân tộc thiểu số"))
    check_questions = _count(_("Số câu hỏi kiểm tra hiểu biết"), required=False)
    check_correct = _count(_("Số câu được trả lời đúng"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(
        self, *args, villages: list[Village], channels: list[str], languages: list[str], **kwargs
    ) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "—")] + [(v.pk, v.name) for v in villages]
        self.fields["channel"].choices = [(c, Channel(c).label) for c in channels]
        self.fields["language"].choices = [(c, Language(c).label) for c in languages]


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    body = forms.CharField(label=_("Nội dung"), max_length=20000, widget=forms.Textarea)
    author = forms.CharField(label=_("Người biên soạn, dịch"), max_length=150)


class VillageLanguagesForm(forms.Form):
    """One select per village of the commune (empty = language not known)."""

    def __init__(self, *args, villages: list[Village], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        choices = [("", _("Chưa rõ"))] + list(Language.choices)
        for village in villages:
            self.fields[f"v{village.pk}"] = forms.ChoiceField(
                label=village.name, choices=choices, required=False
            )

    def languages(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class TrainingForm(forms.Form):
    course = forms.ChoiceField(label=_("Khóa bồi dưỡng"))
    date = _date_field(_("Ngày"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    officers = forms.TypedMultipleChoiceField(
        label=_("Cán bộ hoàn thành"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, courses: list, officers: list, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", "—")] + [
            (c.code, f"{c.code} — {c.name}") for c in courses
        ]
        self.fields["officers"].choices = [
            (o.pk, o.get_full_name() or o.username) for o in officers
        ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp XLSX hoặc CSV"),
        help_text=_("Các cột: ten_dang_nhap, ma_khoa, ngay (dd/mm/yyyy), dia_diem."),
    )


class ModelForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    registrant = forms.ChoiceField(label=_("Đơn vị đăng ký"))
    title = forms.CharField(label=_("Tên mô hình"), max_length=200)
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=ModelTopic.choices)
    problem = forms.CharField(
        label=_("Vấn đề cần giải quyết"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    objectives = forms.CharField(
        label=_("Mục tiêu, tiêu chí"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    method = forms.CharField(
        label=_("Cách làm"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    area = forms.CharField(label=_("Địa bàn, đối tượng"), max_length=300)
    forces = forms.CharField(label=_("Lực lượng chủ trì, phối hợp"), max_length=300)
    resources = forms.CharField(label=_("Nguồn lực"), max_length=300, required=False)
    starts = _date_field(_("Từ ngày"))
    ends = _date_field(_("Đến ngày"))
    outputs = forms.CharField(
        label=_("Kết quả kiểm chứng được"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, registrants: list[str], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["registrant"].choices = [(c, Registrant(c).label) for c in registrants]


class ProgressForm(forms.Form):
    date = _date_field(_("Ngày"))
    result = forms.CharField(
        label=_("Kết quả đạt được"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(label=_("Minh chứng"), max_length=500)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("recognise", _("Công nhận")), ("remove", _("Đưa ra khỏi danh sách"))],
    )
    level = forms.ChoiceField(
        label=_("Cấp công nhận"),
        choices=[("", "—")] + list(RecognitionLevel.choices),
        required=False,
    )
    exemplary = forms.BooleanField(label=_("Tiêu biểu"), required=False)
    reason = forms.CharField(label=_("Lý do đưa ra"), max_length=500, required=False)
    date = _date_field(_("Ngày quyết định"))


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    organisation = forms.ChoiceField(label=_("Tổ chức"), choices=Organisation.choices)
    title = forms.CharField(label=_("Tên chương trình"), max_length=200)
    signed_on = _date_field(_("Ngày ký"))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=300)
    owner = forms.CharField(label=_("Người, bộ phận chủ trì"), max_length=150)
    deadline = _date_field(_("Hạn hoàn thành"))


class MeetingForm(forms.Form):
    quarter = forms.TypedChoiceField(
        label=_("Quý"), coerce=int, choices=[(q, str(q)) for q in range(1, 5)]
    )
    held_on = _date_field(_("Ngày họp"))
    minutes = forms.CharField(
        label=_("Biên bản"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )


# -------------------------------------------------------------- Party secretary's reception
class PartyDayForm(forms.Form):
    """A Party secretary's reception day in the commune's schedule."""

    day = _date_field(_("Ngày tiếp"))
    host_name = forms.CharField(label=_("Họ tên người chủ trì"), required=False, max_length=150)
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=200)


class PartyDayMarkForm(forms.Form):
    session = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[("held", _("Đã tiếp")), ("not_held", _("Không tiếp"))],
    )
    reason = forms.CharField(label=_("Lý do không tiếp"), required=False, max_length=300)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("status") == "not_held" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Ghi rõ lý do không tiếp."))
        return data


class PartyMatterForm(forms.Form):
    """A visitor's matter on a Party day: a line of the commune's reception register."""

    session = forms.TypedChoiceField(label=_("Buổi tiếp"), coerce=int, choices=())
    visitor_name = forms.CharField(label=_("Họ tên người đến"), max_length=150)
    visitor_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    visitor_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("Phân loại"), choices=())
    content = forms.CharField(
        label=_("Nội dung vụ việc"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    people_count = forms.IntegerField(
        label=_("Số người cùng nội dung"), min_value=1, max_value=1000, initial=1
    )
    representatives = forms.CharField(
        label=_("Người đại diện (cách nhau bằng dấu phẩy)"), required=False, max_length=300
    )

    def __init__(self, *args, sessions=(), kinds=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [
            (s.pk, f"{s.date:%d/%m/%Y}{' — ' + s.host_name if s.host_name else ''}")
            for s in sessions
        ]
        self.fields["kind"].choices = list(kinds)


class PartyAnswerForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    answer = forms.ChoiceField(
        label=_("Trả lời"),
        choices=[
            ("accepted", pgettext_lazy("option", "Thụ lý")),
            ("extended", pgettext_lazy("option", "Gia hạn để xác minh")),
            ("guided", pgettext_lazy("option", "Hướng dẫn")),
            ("forwarded", pgettext_lazy("option", "Chuyển đơn")),
        ],
    )
    answered_on = _date_field(_("Ngày trả lời"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


# ------------------------------------------------------------------ joint supervision
class SupervisionForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Tổ chức chủ trì"), choices=Organisation.choices)
    subject = forms.CharField(label=_("Nội dung giám sát"), max_length=300)
    starts = _date_field(_("Từ ngày"))
    ends = _date_field(_("Đến ngày"))
    participants = forms.CharField(
        label=_("Thành phần tham gia"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FindingsForm(forms.Form):
    findings = forms.CharField(
        label=_("Kết quả giám sát"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung kiến nghị"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    addressee = forms.CharField(label=_("Cơ quan, người phải trả lời"), max_length=200)
    sent_on = _date_field(_("Ngày gửi kiến nghị"))


class RecommendationAnswerForm(forms.Form):
    recommendation = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    answer = forms.CharField(
        label=_("Nội dung trả lời"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    answered_on = _date_field(_("Ngày trả lời"))


# ---------------------------------------------------------------------- campaign links
class RelateForm(forms.Form):
    topic = forms.ChoiceField(label=_("Lĩnh vực đơn thư liên quan"), required=False, choices=())
    keywords = forms.CharField(
        label=_("Từ khóa (cách nhau bằng dấu phẩy)"), required=False, max_length=500
    )

    def __init__(self, *args, categories=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—"), *categories]


class LinkForm(forms.Form):
    letter_code = forms.CharField(label=_("Mã đơn thư"), required=False, max_length=40)
    consultation_id = forms.TypedChoiceField(
        label=_("Nội dung lấy ý kiến"), required=False, coerce=int, empty_value=0, choices=()
    )

    def __init__(self, *args, consultations=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["consultation_id"].choices = [("", "—")] + [
            (c.pk, c.title[:120]) for c in consultations
        ]
