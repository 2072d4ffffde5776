"""Forms of letters: officers' intake, decisions and register; the citizens' online form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core.dates import EventDatesMixin, day_field
from danvan.core.public_forms import HumanCheckedForm
from danvan.core.uploads import recognise_upload
from danvan.letters.categories import CATEGORY_CHOICES
from danvan.letters.models import Channel, Decision, EntryKind, LetterKind, NotEligibleGround
from danvan.letters.models.reception import HostRole, SessionKind, SessionStatus
from danvan.letters.models.tracks import COMPLEXITY_CRITERIA

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3


def several_places_field() -> forms.BooleanField:
    """The "checks at several places" box of a denunciation; its label says how long the
    check may then take, as the rule in force says (``denunciation.check``, complex
    variant: Law on Denunciation Art. 24(1))."""
    return forms.BooleanField(label=_several_places_label, required=False)


def _several_places_days() -> int:
    from danvan.deadlines import ruleset

    return ruleset.rule_for("denunciation.check", timezone.localdate()).complex_amount


# Read when the form is rendered: in the request's language, from the rule in force today.
_several_places_label = lazy(
    lambda: (
        gettext("Tố cáo: phải kiểm tra ở nhiều địa điểm (%(days)s ngày làm việc)")
        % {"days": _several_places_days()}
    ),
    str,
)()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def sniff_type(upload: Any) -> str | None:
    """The file's type when its name and its whole content agree (danvan.core.uploads): the
    declared type, the name and the first bytes can each lie."""
    return recognise_upload(upload, allowed=("pdf", "jpeg", "png"))


class IntakeForm(EventDatesMixin, forms.Form):
    event_dates = ("received_on",)
    unit = forms.ModelChoiceField(queryset=None, label=_("Xã nhận đơn"), empty_label=None)
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=LetterKind.choices)
    channel = forms.ChoiceField(label=_("Nguồn đơn"), choices=Channel.choices)
    forwarded_by = forms.CharField(
        label=_("Cơ quan, người chuyển đơn"),
        required=False,
        max_length=200,
        help_text=_(
            "Bắt buộc khi đơn do đại biểu HĐND, Mặt trận, báo chí hoặc cấp trên chuyển đến."
        ),
    )
    received_on = day_field(_("Ngày nhận"))
    sender_name = forms.CharField(label=_("Họ tên người gửi"), required=False, max_length=150)
    sender_phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=20)
    sender_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    sender_address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=300)
    sender_id_number = forms.CharField(label=_("Số CCCD"), required=False, max_length=20)
    content = forms.CharField(
        label=_("Nội dung đơn"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=10,
        max_length=10000,
    )
    category = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=[("", "—"), *CATEGORY_CHOICES], required=False
    )
    signers_count = forms.IntegerField(
        label=_("Số người ký"), min_value=1, max_value=1000, initial=1
    )
    has_originals = forms.BooleanField(label=_("Có kèm bản gốc giấy tờ"), required=False)
    checks_several_places = several_places_field()

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("channel") in {"deputy", "front", "press", "superior"} and not data.get(
            "forwarded_by"
        ):
            self.add_error("forwarded_by", _("Ghi rõ cơ quan, người chuyển đơn."))
        return data


class ClassifyForm(forms.Form):
    signers_count = forms.IntegerField(label=_("Số người ký"), min_value=1, max_value=1000)
    has_originals = forms.BooleanField(label=_("Có kèm bản gốc"), required=False)
    is_over_level = forms.BooleanField(label=_("Đơn vượt cấp"), required=False)
    eligible = forms.NullBooleanField(label=_("Đủ điều kiện xử lý"), required=False)
    competent = forms.NullBooleanField(label=_("Thuộc thẩm quyền"), required=False)


class KindForm(forms.Form):
    """Correct the kind before a decision (services.kinds.letter_correct_kind)."""

    kind = forms.ChoiceField(label=_("Loại đơn đúng"), choices=LetterKind.choices)
    reason = forms.CharField(
        label=_("Lý do sửa loại đơn"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    checks_several_places = several_places_field()
    # The kind the officer saw: a correction made meanwhile by someone else is not overwritten.
    current_kind = forms.ChoiceField(
        choices=LetterKind.choices, widget=forms.HiddenInput, required=False
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Hướng xử lý"),
        choices=[c for c in Decision.choices if c[0] not in ("pending", "duplicate")],
    )
    decided_on = day_field(_("Ngày xử lý"))
    receiving_body = forms.CharField(
        label=_("Cơ quan có thẩm quyền"), required=False, max_length=200
    )
    reasons = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    ground = forms.ChoiceField(
        label=_("Căn cứ không thụ lý khiếu nại (Điều 11)"),
        choices=[("", "—"), *NotEligibleGround.choices],
        required=False,
    )
    complex = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    criteria = forms.MultipleChoiceField(
        label=_("Tiêu chí phức tạp (Nghị định 31/2019, Điều 3)"),
        choices=COMPLEXITY_CRITERIA,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    part_1_kind = forms.ChoiceField(
        label=_("Nội dung 1 — loại"), choices=[("", "—"), *LetterKind.choices[:4]], required=False
    )
    part_1_content = forms.CharField(
        label=_("Nội dung 1"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    part_2_kind = forms.ChoiceField(
        label=_("Nội dung 2 — loại"), choices=[("", "—"), *LetterKind.choices[:4]], required=False
    )
    part_2_content = forms.CharField(
        label=_("Nội dung 2"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    part_3_kind = forms.ChoiceField(
        label=_("Nội dung 3 — loại"), choices=[("", "—"), *LetterKind.choices[:4]], required=False
    )
    part_3_content = forms.CharField(
        label=_("Nội dung 3"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, letter: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if letter is not None:
            self.fit_to(letter)

    def fit_to(self, letter: Any) -> None:
        """Only what the letter's own law offers: the complaint's grounds (Law on Complaints
        Art. 11) and complexity criteria on a complaint, the parts on a mixed letter, no
        guidance for a denunciation (Art. 24: it is forwarded), information only for an
        anonymous one (Art. 25)."""
        kind = letter.kind
        allowed = {"accepted", "guided", "forwarded", "not_eligible"}
        if kind == LetterKind.MIXED:
            allowed = {"split", "guided", "forwarded", "not_eligible"}
        elif kind == LetterKind.DENUNCIATION:
            allowed = {"forwarded", "not_eligible"}
            allowed |= {"information"} if letter.anonymous else {"accepted"}
        field = self.fields["decision"]
        field.choices = [c for c in Decision.choices if c[0] in allowed]
        if kind != LetterKind.COMPLAINT:
            for name in ("ground", "complex", "criteria"):
                self.fields.pop(name, None)
        if kind != LetterKind.MIXED:
            for i in (1, 2, 3):
                self.fields.pop(f"part_{i}_kind", None)
                self.fields.pop(f"part_{i}_content", None)
        if kind == LetterKind.DENUNCIATION:
            self.fields["reasons"].label = _("Lý do (Luật Tố cáo, Điều 27)")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data.setdefault("ground", "")
        data.setdefault("complex", False)
        data.setdefault("criteria", [])
        return data

    def parts(self) -> list[tuple[str, str]]:
        out = []
        for i in (1, 2, 3):
            kind, content = (
                self.cleaned_data.get(f"part_{i}_kind"),
                self.cleaned_data.get(f"part_{i}_content"),
            )
            if kind or content:
                out.append((kind or "", (content or "").strip()))
        return out


class LetterAnswerForm(forms.Form):
    """The answer that closes an accepted petition or reflection."""

    answered_on = day_field(_("Ngày trả lời"))
    answer = forms.CharField(
        label=_("Nội dung trả lời người gửi"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Người gửi đọc được trên trang tra cứu; không ghi thông tin cá nhân."),
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ComplaintDecisionForm(forms.Form):
    decided_on = day_field(_("Ngày ban hành quyết định"))
    summary = forms.CharField(
        label=_("Nội dung quyết định"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SecondComplaintForm(EventDatesMixin, forms.Form):
    event_dates = ("received_on",)
    received_on = day_field(_("Ngày nhận khiếu nại lần hai"))
    content = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), min_length=10
    )


class ExtendForm(forms.Form):
    criteria = forms.MultipleChoiceField(
        label=_("Tiêu chí phức tạp (Nghị định 31/2019, Điều 3)"),
        choices=COMPLEXITY_CRITERIA,
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.IntegerField(label=_("Số ngày gia hạn"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("Lý do"), max_length=500)


class ConcludeForm(forms.Form):
    concluded_on = day_field(_("Ngày kết luận"))
    summary = forms.CharField(
        label=_("Nội dung kết luận"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PublishForm(forms.Form):
    published_on = day_field(_("Ngày công khai"))
    where = forms.CharField(label=_("Hình thức công khai"), max_length=200)


class IdentityForm(forms.Form):
    purpose = forms.CharField(label=_("Mục đích xem"), max_length=200)


class EntryForm(EventDatesMixin, forms.Form):
    event_dates = ("day",)
    unit = forms.ModelChoiceField(queryset=None, label=_("Xã"), empty_label=None)
    day = day_field(_("Ngày tiếp"))
    visitor_name = forms.CharField(label=_("Họ tên"), max_length=150)
    visitor_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    visitor_id_number = forms.CharField(label=_("Số CCCD"), max_length=20, required=False)
    visitor_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("Phân loại"), choices=EntryKind.choices)
    content = forms.CharField(label=_("Nội dung vụ việc"), widget=forms.Textarea(attrs={"rows": 3}))
    people_count = forms.IntegerField(
        label=_("Số người cùng nội dung"), min_value=1, max_value=1000, initial=1
    )
    representatives = forms.CharField(
        label=_("Người đại diện (cách nhau bằng dấu phẩy)"), required=False, max_length=300
    )
    handled_before_by = forms.CharField(
        label=_("Cơ quan đã giải quyết"), required=False, max_length=200
    )
    within_competence = forms.BooleanField(
        label=_("Thuộc thẩm quyền"), required=False, initial=True
    )
    guidance = forms.CharField(
        label=_("Hướng dẫn, trả lời"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    receiving_body = forms.CharField(label=_("Cơ quan tiếp nhận"), required=False, max_length=200)
    notes = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Trả lời"),
        choices=[
            ("accepted", pgettext_lazy("option", "Thụ lý")),
            ("extended", pgettext_lazy("option", "Gia hạn để xác minh")),
            ("guided", pgettext_lazy("option", "Hướng dẫn")),
            ("forwarded", pgettext_lazy("option", "Chuyển đơn")),
        ],
    )
    answered_on = day_field(_("Ngày trả lời"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class SessionForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Xã"), empty_label=None)
    day = day_field(_("Ngày tiếp"))
    kind = forms.ChoiceField(label=_("Loại"), choices=SessionKind.choices)
    host_role = forms.ChoiceField(label=_("Người chủ trì"), choices=HostRole.choices)
    host_name = forms.CharField(label=_("Họ tên người chủ trì"), required=False, max_length=150)
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=200)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SessionMarkForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=[c for c in SessionStatus.choices if c[0] != "scheduled"]
    )
    delegate_name = forms.CharField(label=_("Người được ủy quyền"), required=False, max_length=150)
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=300)


# ---- the citizens' online form -------------------------------------------------------------


class PublicForm(HumanCheckedForm):
    form_salt = "danvan.letters.public-form"

    commune = forms.CharField(
        label=_("Xã, phường nhận phản ánh"),
        max_length=100,
        help_text=_("Nhập mã (ví dụ 01843) hoặc tên xã, phường; tên cũ trước 1/7/2025 cũng được."),
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[(LetterKind.REFLECTION, _("Phản ánh")), (LetterKind.PETITION, _("Kiến nghị"))],
        widget=forms.RadioSelect,
        initial=LetterKind.REFLECTION,
    )
    category = forms.ChoiceField(label=_("Lĩnh vực"), choices=CATEGORY_CHOICES)
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.RegexField(
        label=_("Số điện thoại"),
        regex=r"^\+?[0-9 .]{9,15}$",
        max_length=20,
        error_messages={"invalid": _("Số điện thoại không hợp lệ.")},
    )
    email = forms.EmailField(label=_("Thư điện tử (không bắt buộc)"), required=False)
    address = forms.CharField(label=_("Địa chỉ (không bắt buộc)"), max_length=300, required=False)
    content = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=20,
        max_length=5000,
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm (PDF, JPG, PNG; tối đa 3 tệp, mỗi tệp 5 MB)"), required=False
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để UBND xã sử dụng thông tin cá nhân trên để xử lý và trả lời phản ánh, kiến nghị này."
        ),
        error_messages={"required": _("Cần đồng ý việc sử dụng thông tin cá nhân để xử lý.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit: Any = None
        self.unit_choices: list[Any] = []

    def clean_attachments(self) -> list[tuple[Any, str]]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Tối đa 3 tệp đính kèm."))
        checked = []
        for upload in files:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    _("Tệp “%(name)s” lớn hơn 5 MB.") % {"name": upload.name}
                )
            content_type = sniff_type(upload)
            if content_type is None:
                raise forms.ValidationError(
                    _("Tệp “%(name)s” không phải PDF, JPG hoặc PNG.") % {"name": upload.name}
                )
            checked.append((upload, content_type))
        return checked
