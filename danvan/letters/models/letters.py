"""A letter (đơn thư) received by a commune, one-to-one with its case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.cases.models import Case
from danvan.core.models import TimeStampedModel
from danvan.territory.models import Unit


class LetterKind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    PETITION = "petition", _("Kiến nghị")
    REFLECTION = "reflection", _("Phản ánh")
    MIXED = "mixed", _("Đơn có nhiều nội dung")


PROTECTED_KINDS = frozenset({LetterKind.DENUNCIATION, LetterKind.MIXED})


def protected_q() -> models.Q:
    """The letters whose sender is protected (``Letter.identity_protected``), as a filter."""
    return models.Q(sender_protected=True) | models.Q(kind__in=PROTECTED_KINDS)


class Channel(models.TextChoices):
    DESK = "desk", _("Trực tiếp tại trụ sở")
    POST = "post", _("Qua bưu chính")
    PORTAL = "portal", _("Cổng thông tin trực tuyến")
    EMAIL = "email", _("Thư điện tử")
    OPEN311 = "open311", _("Ứng dụng (Open311)")
    RECEPTION = "reception", _("Tại buổi tiếp công dân")
    DEPUTY = "deputy", _("Đại biểu HĐND chuyển đến")
    FRONT = "front", _("Mặt trận Tổ quốc chuyển đến")
    PRESS = "press", _("Cơ quan báo chí chuyển đến")
    SUPERIOR = "superior", _("Cơ quan cấp trên chuyển đến")


FORWARDING_CHANNELS = frozenset({Channel.DEPUTY, Channel.FRONT, Channel.PRESS, Channel.SUPERIOR})


class Decision(models.TextChoices):
    PENDING = "pending", _("Chưa xử lý")
    ACCEPTED = "accepted", _("Thụ lý / xử lý")
    GUIDED = "guided", _("Hướng dẫn người gửi")
    FORWARDED = "forwarded", _("Chuyển cơ quan có thẩm quyền")
    NOT_ELIGIBLE = "not_eligible", _("Không đủ điều kiện xử lý")
    SPLIT = "split", _("Tách đơn theo từng nội dung")
    DUPLICATE = "duplicate", _("Đơn trùng, không xử lý lại")
    INFORMATION = "information", _("Lưu làm thông tin (tố cáo nặc danh)")


class Letter(TimeStampedModel):
    """A letter; kind-specific stages live in ``ComplaintTrack`` / ``DenunciationTrack``.

    For a denunciation the sender fields stay blank: the denouncer's identity lives only,
    encrypted, in ``ProtectedIdentity`` (Law on Denunciation Art. 9, 47).
    """

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="letter")
    unit = models.ForeignKey(
        Unit, verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("Loại đơn"), max_length=16, choices=LetterKind.choices)
    channel = models.CharField(_("Nguồn đơn"), max_length=16, choices=Channel.choices)
    forwarded_by = models.CharField(_("Cơ quan, người chuyển đơn"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("Ngày nhận"), db_index=True)
    title = models.CharField(_("Tóm tắt"), max_length=300)
    content = models.TextField(_("Nội dung"))
    category = models.CharField(_("Lĩnh vực"), max_length=40, blank=True)

    sender_name = models.CharField(_("Họ tên người gửi"), max_length=150, blank=True)
    sender_phone = models.CharField(_("Số điện thoại"), max_length=20, blank=True)
    sender_email = models.EmailField(_("Thư điện tử"), blank=True)
    sender_address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    # Keyed HMAC of the normalised name + phone: finds repeats without decrypting anything.
    sender_key = models.CharField(max_length=64, blank=True, db_index=True)
    content_key = models.CharField(max_length=64, blank=True, db_index=True)
    anonymous = models.BooleanField(_("Không rõ người gửi"), default=False)
    # Set once the sender's identity is protected (received as a denunciation or a mixed
    # letter, or corrected into one) and never cleared: correcting the kind afterwards does
    # not lift the protection the law gives the denouncer (Law on Denunciation Art. 9, 47).
    sender_protected = models.BooleanField(
        _("Bảo mật danh tính người gửi"), default=False, editable=False
    )

    signers_count = models.PositiveSmallIntegerField(_("Số người ký"), default=1)
    has_originals = models.BooleanField(_("Có kèm bản gốc giấy tờ"), default=False)
    eligible = models.BooleanField(_("Đủ điều kiện xử lý"), null=True, blank=True)
    competent = models.BooleanField(_("Thuộc thẩm quyền"), null=True, blank=True)
    ineligible_ground = models.CharField(_("Căn cứ không thụ lý"), max_length=40, blank=True)
    reasons = models.TextField(_("Lý do"), blank=True)
    receiving_body = models.CharField(_("Cơ quan có thẩm quyền"), max_length=200, blank=True)

    decision = models.CharField(
        _("Kết quả xử lý đơn"), max_length=16, choices=Decision.choices, default=Decision.PENDING
    )
    # Due date of the processing decision (the intake rule's), kept when the case's clock
    # moves on to the resolution: "letters processed on time" is measured against it. Set at
    # receipt and fixed at the decision (``letter_decide``); while the letter is pending the
    # case's due date is the live one (pauses on the case page move it), and readers use
    # that (``indicators.DECISION_DEADLINE``).
    decision_due = models.DateField(_("Hạn xử lý đơn"), null=True, blank=True)
    decided_at = models.DateTimeField(_("Xử lý lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="parts"
    )
    # The online form's one-time key: a double submit finds the first letter, never a second.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    is_repeat = models.BooleanField(_("Đơn tái diễn"), default=False)
    is_over_level = models.BooleanField(_("Đơn vượt cấp"), default=False)

    class Meta:
        verbose_name = _("Đơn thư")
        verbose_name_plural = _("Đơn thư")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "kind", "received_at"], name="letter_unit_kind"),
            models.Index(fields=["unit", "sender_key"], name="letter_unit_sender"),
        ]

    def __str__(self) -> str:
        # Never a name: a letter is known by its tracking code.
        return self.case.code if self.case_id else f"letter-{self.pk}"

    @property
    def code(self) -> str:
        return self.case.code

    @property
    def is_denunciation(self) -> bool:
        return self.kind == LetterKind.DENUNCIATION

    @property
    def identity_protected(self) -> bool:
        """A denunciation's sender is protected (Law on Denunciation Art. 9, 47), and so is a
        mixed letter's until it is split: it may contain a denunciation. A letter whose kind
        was corrected away from these stays protected (``sender_protected``)."""
        return self.sender_protected or self.kind in PROTECTED_KINDS

    @property
    def protection_kept(self) -> bool:
        """Protected only because it once was a denunciation or a mixed letter."""
        return self.sender_protected and self.kind not in PROTECTED_KINDS


class LetterAttachment(TimeStampedModel):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="letters/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")

    def __str__(self) -> str:
        return self.name
