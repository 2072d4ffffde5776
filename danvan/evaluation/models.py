"""The evaluation's materialised figures and the province's choices behind the index.

``IndicatorValue`` holds one registered indicator for one commune and month; province and
national figures are sums of these rows, never scans of raw cases. Before 1 July 2025 a row
may belong to an old commune (``era=legacy``, ``legacy_unit``), since codes were reused; its
figures are carried into the successors by ``SuccessionWeight`` (``origin=carried``).

``IndexMethod`` versions say how the index is built (normalisation, weights, goalposts); a
new version is a new row, so the method in force for any month can be shown and rerun.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.territory.models import LegacyUnit, Province, Unit


class Era(models.TextChoices):
    CURRENT = "current", _("Đơn vị hiện nay")
    LEGACY = "legacy", _("Đơn vị trước 1/7/2025")


class Origin(models.TextChoices):
    COMPUTED = "computed", _("Tính từ dữ liệu của xã")
    CARRIED = "carried", _("Chuyển từ đơn vị cũ")
    IMPORTED = "imported", _("Nhập từ báo cáo")


class IndicatorValue(models.Model):
    era = models.CharField(max_length=8, choices=Era.choices, default=Era.CURRENT)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="indicator_values"
    )
    legacy_unit = models.ForeignKey(
        LegacyUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Denormalised so a province's month is one index range scan.
    province_code = models.CharField(max_length=2, db_index=True)
    period = models.DateField(_("Tháng"))  # the first day of the month
    key = models.CharField(_("Chỉ số"), max_length=80)
    area = models.PositiveSmallIntegerField(pgettext_lazy("evaluation area", "Lĩnh vực"))
    numerator = models.FloatField(_("Tử số"))
    denominator = models.FloatField(_("Mẫu số"))
    value = models.FloatField(_("Giá trị"), null=True, blank=True)
    ci_low = models.FloatField(null=True, blank=True)
    ci_high = models.FloatField(null=True, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.COMPUTED)
    computed_at = models.DateTimeField(_("Tính lúc"))
    data_version = models.CharField(_("Phiên bản dữ liệu"), max_length=40)

    class Meta:
        verbose_name = _("Giá trị chỉ số")
        verbose_name_plural = _("Giá trị chỉ số")
        # The national reader: an account (the national level's gatherer, or a person at the
        # national deployment) that reads every province's monthly aggregate rows and nothing
        # else — it holds no membership, so it sees no commune's cases.
        permissions = [
            ("read_all_provinces", _("Đọc số liệu chỉ số hằng tháng của mọi tỉnh (cấp quốc gia)"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "key"],
                condition=models.Q(era="current"),
                name="indicatorvalue_unique_current",
            ),
            models.UniqueConstraint(
                fields=["legacy_unit", "period", "key"],
                condition=models.Q(era="legacy"),
                name="indicatorvalue_unique_legacy",
            ),
        ]
        indexes = [
            models.Index(fields=["province_code", "period", "era"], name="indval_province_period"),
            models.Index(fields=["unit", "period"], name="indval_unit_period"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.period:%m/%Y}"


class IndexScore(models.Model):
    """A commune's index for a month, with its rank among the province's communes."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="index_scores")
    province_code = models.CharField(max_length=2)
    period = models.DateField()
    areas = models.JSONField(default=dict)  # {"1": score or None, ... "6": ...}
    areas_measured = models.PositiveSmallIntegerField(default=0)
    total = models.FloatField(null=True, blank=True)  # out of 60
    rank = models.PositiveIntegerField(null=True, blank=True)
    rank_low = models.PositiveIntegerField(null=True, blank=True)
    rank_high = models.PositiveIntegerField(null=True, blank=True)
    small_sample = models.BooleanField(default=False)
    cases = models.FloatField(default=0)  # the largest denominator behind the month
    method = models.ForeignKey("IndexMethod", null=True, on_delete=models.SET_NULL)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="indexscore_unique"),
        ]
        indexes = [models.Index(fields=["province_code", "period"], name="indexscore_prov_period")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period:%m/%Y}"


class Normalisation(models.TextChoices):
    GOALPOSTS = "goalposts", _("Theo mốc pháp lý (tối thiểu – tối đa)")
    TARGET = "target", _("Theo khoảng cách tới mục tiêu")


class IndexMethod(models.Model):
    """One version of the index's method, in force from ``valid_from`` (for every province
    when ``province`` is empty). ``settings`` per indicator key: ``{"weight": 1.0,
    "goalposts": [worst, best], "target": 95, "included": true}``; a key missing uses the
    indicator's own registration."""

    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("Tỉnh")
    )
    valid_from = models.DateField(_("Áp dụng từ tháng"))
    normalisation = models.CharField(
        _("Cách chuẩn hóa"),
        max_length=12,
        choices=Normalisation.choices,
        default=Normalisation.GOALPOSTS,
    )
    settings = models.JSONField(_("Trọng số, mốc theo chỉ số"), default=dict, blank=True)
    mc_draws = models.PositiveIntegerField(_("Số lần mô phỏng Monte Carlo"), default=400)
    weight_spread = models.FloatField(
        _("Biên độ trọng số khi mô phỏng"),
        default=0.5,
        help_text=_("0,5: mỗi trọng số được rút ngẫu nhiên trong khoảng ±50%."),
    )
    min_cases = models.PositiveIntegerField(
        _("Số việc tối thiểu để xếp hạng chắc chắn"), default=10
    )
    note = models.TextField(_("Lý do thay đổi"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("Phương pháp tính chỉ số")
        verbose_name_plural = _("Phương pháp tính chỉ số")
        ordering = ["-valid_from", "-id"]

    def __str__(self) -> str:
        return f"{self.get_normalisation_display()} — {self.valid_from:%m/%Y}"


class SuccessionWeight(models.Model):
    """The share of an old commune's figures carried into one of its successors (default,
    without a row: equal shares among the successors)."""

    legacy_unit = models.ForeignKey(LegacyUnit, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    share = models.FloatField(_("Tỷ lệ chuyển sang (0–1)"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("Tỷ lệ kế thừa số liệu")
        verbose_name_plural = _("Tỷ lệ kế thừa số liệu")
        constraints = [
            models.UniqueConstraint(fields=["legacy_unit", "unit"], name="succession_unique")
        ]

    def __str__(self) -> str:
        return f"{self.legacy_unit_id} → {self.unit_id}: {self.share}"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Ưu điểm")
    LIMITATION = "limitation", _("Hạn chế")
    CAUSE = "cause", _("Nguyên nhân")


class Severity(models.TextChoices):
    HIGH = "high", _("Cao")
    MEDIUM = "medium", _("Trung bình")
    LOW = "low", _("Thấp")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Chưa xem xét")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    DISMISSED = "dismissed", _("Đã bác bỏ")


class Finding(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="findings")
    period = models.DateField()
    area = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=120)  # rule + indicator: stable across regenerations
    kind = models.CharField(max_length=12, choices=FindingKind.choices)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    text_vi = models.TextField()
    text_en = models.TextField()
    evidence = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=FindingStatus.choices, default="open")
    note = models.TextField(_("Ghi chú của tỉnh"), blank=True)
    reviewed_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    generated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "key"], name="finding_unique"),
        ]
        ordering = ["area", "key"]

    def __str__(self) -> str:
        return f"{self.key} {self.period:%m/%Y}"


class StaleMonth(models.Model):
    """A commune-month whose figures are out of date since a case or an event changed.

    Written once the change commits (``incremental``); a deferred task recomputes every stale
    month at once — one province index for many changed communes — and removes the marks it
    covered. A mark made again while the task runs has a later ``marked_at`` and stays for the
    next run. The nightly ``compute_indicators --open`` covers marks a dead worker left."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.DateField()
    marked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="stalemonth_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period:%m/%Y}"


# The yearly scoring's models live in their own module; imported here so Django finds them.
from danvan.evaluation.reports.models import ReportFormat, ReportStatus, ReviewReport  # noqa: E402, F401
from danvan.evaluation.study.models import YearlyValue  # noqa: E402, F401
from danvan.evaluation.yearly.models import (  # noqa: E402, F401
    Assessment,
    AssessmentItem,
    AssessmentStatus,
    EvidenceFile,
    Framework,
    FrameworkStatus,
    GradeBand,
    Group,
    Item,
)
