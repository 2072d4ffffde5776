"""The province's yearly scoring of dân vận chính quyền (see ``docs/scoring.md``).

A ``Framework`` is one province's scoring for one year: its criteria groups, items, points
and grade bands (the province's data, never code: imported from XLSX or edited on a page),
with the dates of the cycle. Each commune gets an ``Assessment``: its self-assessment item by
item (pre-filled from the measured evidence), the appraisers' points with a written reason
for every change, then the province's decision. Each step with a deadline runs on the legal
clock as a case (kinds ``scoring_self`` and ``scoring_appraisal``).

Imported into ``danvan.evaluation.models`` so Django finds them under the evaluation app.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.territory.models import Province, Unit


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn khung")
    OPEN = "open", _("Xã đang tự đánh giá")
    DECIDED = "decided", _("Đã có quyết định")


class Framework(models.Model):
    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        related_name="scoring_frameworks",
        verbose_name=_("Tỉnh"),
    )
    year = models.PositiveSmallIntegerField(_("Năm đánh giá"))
    title = models.CharField(_("Tên bộ tiêu chí"), max_length=300)
    citation = models.CharField(_("Căn cứ"), max_length=300, blank=True)
    # A self-score more than this share of an item's maximum above the measured points is
    # flagged for the appraisers (0.2: 2 points on a 10-point item).
    flag_margin = models.FloatField(
        _("Ngưỡng cảnh báo tự chấm cao (tỷ lệ điểm tối đa)"), default=0.2
    )
    status = models.CharField(
        max_length=12, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    self_due = models.DateField(_("Hạn xã tự đánh giá"), null=True, blank=True)
    appraisal_due = models.DateField(_("Hạn thẩm định"), null=True, blank=True)
    decision_due = models.DateField(_("Hạn ban hành quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("Bộ tiêu chí chấm điểm năm")
        verbose_name_plural = _("Bộ tiêu chí chấm điểm năm")
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="scoring_framework_unique")
        ]
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class Group(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("Mã nhóm"), max_length=10)
    title = models.CharField(_("Tên nhóm tiêu chí"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="scoring_group_unique")
        ]
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Item(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("Mã tiêu chí"), max_length=20)
    title = models.TextField(_("Nội dung tiêu chí"))
    max_points = models.FloatField(_("Điểm tối đa"))
    # The indicator whose yearly value pre-fills the item (blank: no measured evidence).
    indicator_key = models.CharField(_("Chỉ số đo lường"), max_length=80, blank=True)
    # Points the level above awards (not self-assessed by the commune).
    awarded_above = models.BooleanField(_("Cấp trên chấm"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="scoring_item_unique")
        ]
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.code


class GradeBand(models.Model):
    """A grade reached from ``min_points`` (inclusive) up to the next band's floor."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField(_("Mã xếp loại"), max_length=20)
    label = models.CharField(_("Xếp loại"), max_length=80)
    min_points = models.FloatField(_("Từ điểm"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="scoring_band_unique")
        ]
        ordering = ["-min_points"]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.min_points}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Xã đang tự đánh giá")
    SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
    APPRAISED = "appraised", _("Đã thẩm định")


class Assessment(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="scoring_assessments")
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    self_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraisal_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Totals kept on the row so the results list reads one row per commune.
    self_total = models.FloatField(null=True, blank=True)
    appraised_total = models.FloatField(null=True, blank=True)
    grade = models.CharField(max_length=80, blank=True)
    flagged_items = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    appraised_at = models.DateTimeField(null=True, blank=True)
    appraised_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["framework", "unit"], name="scoring_assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.framework_id}"


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    # What the measurements give: points on the item's scale (None: nothing measured).
    measured = models.FloatField(null=True, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    self_points = models.FloatField(null=True, blank=True)
    self_note = models.TextField(blank=True)
    appraised_points = models.FloatField(null=True, blank=True)
    reason = models.TextField(blank=True)
    flagged = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="scoring_line_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.item_id}"


class EvidenceFile(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="files")
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL)
    file = models.FileField(upload_to="scoring/%Y/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
