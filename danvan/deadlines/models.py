"""Models of deadlines: the rule table, its correction history and calendar overrides.

None of these belongs to a commune: rules and the calendar are national, so they carry no
``unit`` and are edited by administrators only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimeStampedModel
from danvan.deadlines.rulespec import RuleSpec


class DeadlineRule(TimeStampedModel):
    """One version of one rule (``key`` + ``version`` unique); the version in force on the
    start date applies (``effective_from`` <= start < ``effective_to``)."""

    class Unit(models.TextChoices):
        WORKING = "working", _("ngày làm việc")
        CALENDAR = "calendar", _("ngày")
        WEEK = "week", _("tuần")
        MONTH = "month", _("tháng")
        QUARTER = "quarter", _("quý")
        YEAR = "year", _("năm")

    class Kind(models.TextChoices):
        DEADLINE = "deadline", _("Thời hạn (chậm nhất)")
        MINIMUM = "minimum", _("Thời gian tối thiểu")
        BEFORE = "before", _("Trước sự kiện")
        PERIODIC = "periodic", _("Định kỳ")

    class Requires(models.TextChoices):
        NONE = "", pgettext_lazy("option", "Không")
        REASON = "reason", _("Lý do")
        CRITERION = "criterion", _("Tiêu chí phức tạp")

    key = models.CharField(_("Mã quy định"), max_length=120, db_index=True)
    version = models.PositiveIntegerField(_("Phiên bản"), default=1)
    area = models.CharField(_("Lĩnh vực"), max_length=40, blank=True)
    kind = models.CharField(_("Loại"), max_length=20, choices=Kind.choices, default=Kind.DEADLINE)
    name_vi = models.CharField(_("Tên (tiếng Việt)"), max_length=300)
    name_en = models.CharField(_("Tên (tiếng Anh)"), max_length=300, blank=True)
    amount = models.PositiveIntegerField(_("Số ngày"))
    unit = models.CharField(_("Đơn vị"), max_length=20, choices=Unit.choices)
    start_event_vi = models.CharField(_("Tính từ (tiếng Việt)"), max_length=300, blank=True)
    start_event_en = models.CharField(_("Tính từ (tiếng Anh)"), max_length=300, blank=True)
    remote_amount = models.PositiveIntegerField(_("Vùng sâu, vùng xa"), null=True, blank=True)
    complex_amount = models.PositiveIntegerField(_("Vụ việc phức tạp"), null=True, blank=True)
    remote_complex_amount = models.PositiveIntegerField(
        _("Vùng sâu, vùng xa và phức tạp"), null=True, blank=True
    )
    max_extensions = models.PositiveIntegerField(_("Số lần gia hạn tối đa"), default=0)
    max_extensions_complex = models.PositiveIntegerField(
        _("Số lần gia hạn (phức tạp)"), null=True, blank=True
    )
    max_extensions_especially_complex = models.PositiveIntegerField(
        _("Số lần gia hạn (đặc biệt phức tạp)"), null=True, blank=True
    )
    extension_amount = models.PositiveIntegerField(_("Mỗi lần gia hạn tối đa (ngày)"), default=0)
    extension_requires = models.CharField(
        _("Gia hạn phải nêu"), max_length=20, choices=Requires.choices, blank=True, default=""
    )
    restart_from_zero = models.BooleanField(_("Tính lại từ đầu sau tạm dừng"), default=False)
    one_stop_cutoff = models.BooleanField(_("Áp dụng mốc 15:00 của bộ phận một cửa"), default=False)
    citation = models.CharField(_("Căn cứ (tiếng Việt)"), max_length=400)
    citation_en = models.CharField(_("Căn cứ (tiếng Anh)"), max_length=400, blank=True)
    effective_from = models.DateField(_("Hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(
        _("Hết hiệu lực từ"), null=True, blank=True, help_text=_("Ngày đầu tiên không còn áp dụng.")
    )
    confirmed = models.BooleanField(_("Đã xác nhận"), default=True)
    note_vi = models.TextField(_("Ghi chú (tiếng Việt)"), blank=True)
    note_en = models.TextField(_("Ghi chú (tiếng Anh)"), blank=True)

    class Meta:
        verbose_name = _("quy định thời hạn")
        verbose_name_plural = _("quy định thời hạn")
        ordering = ("area", "key", "version")
        constraints = [
            models.UniqueConstraint(fields=("key", "version"), name="deadlines_rule_key_version"),
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"

    VALUE_FIELDS = (
        "amount",
        "unit",
        "remote_amount",
        "complex_amount",
        "remote_complex_amount",
        "max_extensions",
        "max_extensions_complex",
        "max_extensions_especially_complex",
        "extension_amount",
        "extension_requires",
        "restart_from_zero",
        "one_stop_cutoff",
        "effective_from",
        "effective_to",
        "confirmed",
        "citation",
        "citation_en",
        "kind",
    )

    def to_spec(self) -> RuleSpec:
        return RuleSpec(
            id=self.key,
            amount=self.amount,
            unit=self.unit,
            citation=self.citation,
            citation_en=self.citation_en,
            name_vi=self.name_vi,
            name_en=self.name_en,
            area=self.area,
            kind=self.kind,
            start_event_vi=self.start_event_vi,
            start_event_en=self.start_event_en,
            remote_amount=self.remote_amount,
            complex_amount=self.complex_amount,
            remote_complex_amount=self.remote_complex_amount,
            max_extensions=self.max_extensions,
            max_extensions_complex=self.max_extensions_complex,
            max_extensions_especially_complex=self.max_extensions_especially_complex,
            extension_amount=self.extension_amount,
            extension_requires=self.extension_requires,
            restart_from_zero=self.restart_from_zero,
            one_stop_cutoff=self.one_stop_cutoff,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
            confirmed=self.confirmed,
            version=self.version,
            note_vi=self.note_vi,
            note_en=self.note_en,
        )


class RuleCorrection(models.Model):
    """An administrator's correction of a rule's value: who, when, old → new, on what basis.
    Append-only, like the audit log."""

    rule = models.ForeignKey(
        DeadlineRule,
        verbose_name=_("Quy định"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    at = models.DateTimeField(_("Thời điểm"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người sửa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changes = models.JSONField(_("Thay đổi"), default=dict)  # {field: [old, new]}
    reference = models.CharField(_("Căn cứ sửa đổi"), max_length=300)

    class Meta:
        verbose_name = _("lần sửa quy định")
        verbose_name_plural = _("lịch sử sửa quy định")
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.rule} — {self.reference}"


class CalendarOverride(TimeStampedModel):
    """An announced change to one date: an extra day off or a working day (a Saturday worked
    in exchange for a bridged day), with the reference of the decision that announced it."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc")

    date = models.DateField(_("Ngày"), unique=True)
    kind = models.CharField(_("Loại"), max_length=20, choices=Kind.choices)
    name_vi = models.CharField(_("Tên (tiếng Việt)"), max_length=200)
    name_en = models.CharField(_("Tên (tiếng Anh)"), max_length=200, blank=True)
    reference = models.CharField(_("Số văn bản công bố"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")
        ordering = ("date",)

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
