"""Dialogues with residents and voters' petitions (DESIGN §1: "almost no dialogues";
"voters' petitions pushed upwards").

A dialogue (Law 10/2022/QH15 Art. 32: the commune People's Committee with the Fatherland
Front, at least once a year, plus thematic ones) has a public notice, the questions residents
send before it or raise during it, their answers, and the commitments the leaders make. Each
commitment is a ``Case`` of kind ``commitment`` whose due date is the date committed to.

A voter's petition comes from a People's Council deputies' meeting with voters (tiếp xúc
cử tri); it is a ``Case`` of kind ``voter_petition`` on the ``engagement.voter_petition.answer``
clock, assigned to the commune or to a higher body by name, and stays open — and visible on
the commune's public page — until its answer is recorded, wherever it was sent. A petition
raised again points to its earlier self, so a commune sees how often it comes back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.cases.models import Case
from danvan.core.models import TimeStampedModel
from danvan.territory.models import Unit


class DialogueKind(models.TextChoices):
    ANNUAL = "annual", _("Đối thoại định kỳ hằng năm")
    THEMATIC = "thematic", _("Đối thoại chuyên đề")


class DialogueStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Đã hủy")


class Dialogue(TimeStampedModel):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="dialogues")
    kind = models.CharField(_("Loại đối thoại"), max_length=20, choices=DialogueKind.choices)
    title = models.CharField(_("Chủ đề"), max_length=300)
    scheduled_at = models.DateTimeField(pgettext_lazy("dialogue time", "Thời gian"), db_index=True)
    place = models.CharField(_("Địa điểm"), max_length=300)
    # The public notice (thông báo): who is invited, what is discussed. Never personal data.
    notice = models.TextField(_("Thông báo"), max_length=5000)
    status = models.CharField(
        _("Trạng thái"),
        max_length=20,
        choices=DialogueStatus.choices,
        default=DialogueStatus.SCHEDULED,
    )
    held_at = models.DateTimeField(_("Tổ chức lúc"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("Số người tham dự"), null=True, blank=True)
    summary = models.TextField(_("Kết quả đối thoại"), blank=True, max_length=10000)
    # Art. 32: with the Fatherland Front. Who confirmed the Front's co-organisation, when.
    front_confirmed_at = models.DateTimeField(
        _("Mặt trận xác nhận phối hợp"), null=True, blank=True
    )
    front_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Đối thoại")
        verbose_name_plural = _("Đối thoại")
        ordering = ["-scheduled_at", "-id"]
        indexes = [models.Index(fields=["unit", "status", "scheduled_at"], name="dialogue_unit")]

    def __str__(self) -> str:
        return self.title


class QuestionStage(models.TextChoices):
    BEFORE = "before", _("Gửi trước buổi đối thoại")
    DURING = "during", _("Nêu tại buổi đối thoại")


class DialogueQuestion(TimeStampedModel):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="questions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("Thời điểm"), max_length=10, choices=QuestionStage.choices)
    content = models.TextField(_("Nội dung"), max_length=3000)
    # The asker, for officers only (to answer them); the public page shows neither.
    asker_name = models.CharField(_("Họ tên người hỏi"), max_length=150, blank=True)
    asker_phone = models.CharField(_("Số điện thoại"), max_length=20, blank=True)
    asker_area = models.CharField(_("Thôn, tổ dân phố"), max_length=150, blank=True)
    answer = models.TextField(_("Trả lời"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(_("Trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A hash of the public form's token: the same form posted twice stores one question.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Câu hỏi đối thoại")
        verbose_name_plural = _("Câu hỏi đối thoại")
        ordering = ["created_at", "id"]


class Commitment(TimeStampedModel):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="commitment")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="commitments")
    question = models.ForeignKey(
        DialogueQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.TextField(_("Nội dung cam kết"), max_length=3000)
    responsible = models.CharField(_("Người, bộ phận thực hiện"), max_length=200)
    committed_date = models.DateField(_("Hạn đã cam kết"))
    result = models.TextField(_("Kết quả thực hiện"), blank=True, max_length=5000)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Cam kết tại đối thoại")
        verbose_name_plural = _("Cam kết tại đối thoại")
        ordering = ["committed_date", "id"]

    @property
    def code(self) -> str:
        return self.case.code


class VoterMeeting(TimeStampedModel):
    """A meeting of People's Council deputies with voters (hội nghị tiếp xúc cử tri)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="voter_meetings")
    held_on = models.DateField(_("Ngày tiếp xúc"))
    place = models.CharField(_("Địa điểm"), max_length=300)
    # Before or after which session of the People's Council (kỳ họp), as written in the minutes.
    session = models.CharField(_("Kỳ họp"), max_length=200, blank=True)
    deputies = models.CharField(_("Đại biểu tiếp xúc"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Hội nghị tiếp xúc cử tri")
        verbose_name_plural = _("Hội nghị tiếp xúc cử tri")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "held_on", "place"], name="engagement_meeting_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.place}"


class CompetentLevel(models.TextChoices):
    COMMUNE = "commune", _("UBND xã")
    HIGHER = "higher", _("Cơ quan cấp trên")


class PetitionSource(models.TextChoices):
    COUNCIL = "council", _("Đại biểu HĐND tổng hợp")
    FRONT = "front", _("Mặt trận Tổ quốc chuyển đến")


class VoterPetition(TimeStampedModel):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="voter_petition")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(VoterMeeting, on_delete=models.PROTECT, related_name="petitions")
    source = models.CharField(_("Nguồn"), max_length=20, choices=PetitionSource.choices)
    content = models.TextField(
        pgettext_lazy("voter petition", "Nội dung kiến nghị"), max_length=5000
    )
    # Where the voters live (a village), never who they are.
    area = models.CharField(_("Thôn, tổ dân phố"), max_length=150, blank=True)
    competent_level = models.CharField(
        _("Thẩm quyền giải quyết"), max_length=20, choices=CompetentLevel.choices
    )
    competent_body = models.CharField(_("Cơ quan có thẩm quyền"), max_length=200)
    answer = models.TextField(_("Trả lời"), blank=True, max_length=10000)
    answered_at = models.DateTimeField(_("Trả lời lúc"), null=True, blank=True)
    answered_by_body = models.CharField(_("Cơ quan trả lời"), max_length=200, blank=True)
    # "Followed to the end": the same matter raised again points to its earlier self;
    # ``round`` is how many times it has been raised (1 the first time).
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="raised_again"
    )
    round = models.PositiveSmallIntegerField(_("Lần kiến nghị"), default=1)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Kiến nghị cử tri")
        verbose_name_plural = _("Kiến nghị cử tri")
        ordering = ["-id"]
        indexes = [models.Index(fields=["unit", "answered_at"], name="petition_unit_answer")]

    @property
    def code(self) -> str:
        return self.case.code

    @property
    def is_upward(self) -> bool:
        return self.competent_level == CompetentLevel.HIGHER
