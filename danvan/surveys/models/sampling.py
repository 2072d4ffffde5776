"""The statistics half of surveys (issue #16): sampling plans, the population figures weights
are post-stratified to, each counted submission's weights, and the stored estimates.

A ``SamplingPlan`` is drawn once (a seed, so it can be redrawn identically) and keeps every
sampled village and household with its inclusion probabilities. ``EstimateRun`` records one
computation of a survey's estimates (replicates, seed, how each commune was
post-stratified); its ``SurveyEstimate`` rows are what the API and the results pages read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.surveys.models.forms import Submission, Survey
from danvan.territory.models import Unit, Village


class SamplingMethod(models.TextChoices):
    SYSTEMATIC = "systematic", _("Chọn hệ thống")
    RANDOM = "random", _("Chọn ngẫu nhiên đơn giản")


class SamplingPlan(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("Khảo sát"), on_delete=models.CASCADE, related_name="plans"
    )
    seed = models.PositiveIntegerField(_("Hạt giống ngẫu nhiên"))
    villages_per_commune = models.PositiveSmallIntegerField(_("Số thôn mỗi xã"))
    respondents_per_village = models.PositiveSmallIntegerField(_("Số người trả lời mỗi thôn"))
    method = models.CharField(
        _("Cách chọn hộ"), max_length=12, choices=SamplingMethod.choices,
        default=SamplingMethod.SYSTEMATIC,
    )  # fmt: skip
    # Villages left out of the frame (no household count nor population), for the record.
    excluded = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Kế hoạch chọn mẫu")
        verbose_name_plural = _("Kế hoạch chọn mẫu")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.survey_id} plan {self.pk}"


class SampledVillage(models.Model):
    plan = models.ForeignKey(SamplingPlan, on_delete=models.CASCADE, related_name="villages")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    size = models.PositiveIntegerField(_("Quy mô (số hộ)"))
    probability = models.FloatField(_("Xác suất chọn thôn"))
    certainty = models.BooleanField(_("Chọn chắc chắn"), default=False)

    class Meta:
        ordering = ["plan", "unit__code", "village__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "village"], name="sampledvillage_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.village_id}"


class SampledHousehold(models.Model):
    """A household the enumerator visits, in ``order``; ``label`` is the list's name or
    "Hộ số k" counted along the route."""

    plan = models.ForeignKey(SamplingPlan, on_delete=models.CASCADE, related_name="households")
    sampled_village = models.ForeignKey(
        SampledVillage, on_delete=models.CASCADE, related_name="households"
    )
    order = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=200)
    household_probability = models.FloatField()

    class Meta:
        ordering = ["sampled_village", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["sampled_village", "order"], name="sampledhousehold_order"
            )
        ]

    def __str__(self) -> str:
        return str(self.label)


class PopulationCell(models.Model):
    """A commune's population by sex × age group (from the census or the commune's records),
    the targets of post-stratification. Without rows, the commune's total population is used."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sex = models.CharField(_("Giới tính"), max_length=10)
    age_group = models.CharField(_("Nhóm tuổi"), max_length=20)
    count = models.PositiveIntegerField(_("Số người"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "sex", "age_group"], name="populationcell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.sex} {self.age_group}"


class EstimateRun(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="estimate_runs")
    computed_at = models.DateTimeField(_("Tính lúc"))
    submissions = models.PositiveIntegerField(_("Số phiếu"))
    replicates = models.PositiveSmallIntegerField(_("Số mẫu lặp bootstrap"))
    seed = models.PositiveIntegerField()
    levels = models.JSONField(default=dict)  # {commune code: sex_age | sex | total | design}
    # The month the data belongs to (that of the last counted submission): survey-based
    # indicators of the evaluation take their value in this month.
    period = models.DateField(null=True, blank=True)
    seconds = models.FloatField(default=0.0)

    class Meta:
        ordering = ["-computed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.computed_at:%Y-%m-%d %H:%M}"


class SurveyEstimate(models.Model):
    """One row of the results: a question (and choice) in the whole survey (``unit`` null) or
    in one commune. Values of select questions are percentages."""

    run = models.ForeignKey(EstimateRun, on_delete=models.CASCADE, related_name="rows")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="estimates")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField()  # question order, then choice order
    # Rows of a survey-based indicator of the evaluation (``surveys.satisfaction``…) carry its
    # key and are not question rows.
    indicator = models.CharField(max_length=80, blank=True, default="")
    question = models.CharField(max_length=200)
    choice = models.CharField(max_length=200, null=True, blank=True)
    value = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    n = models.PositiveIntegerField()
    small = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["survey", "unit", "position"], name="estimate_survey_unit")]

    def __str__(self) -> str:
        return f"{self.question} {self.choice or ''}"


class SubmissionWeight(models.Model):
    """A counted submission's weights in the last run: ``design`` = 1 ÷ its inclusion
    probability, ``final`` after post-stratification."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="weight")
    run = models.ForeignKey(EstimateRun, on_delete=models.CASCADE, related_name="+")
    design = models.FloatField()
    final = models.FloatField()

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.final:.2f}"


__all__ = [
    "EstimateRun",
    "PopulationCell",
    "SampledHousehold",
    "SampledVillage",
    "SamplingMethod",
    "SamplingPlan",
    "SubmissionWeight",
    "SurveyEstimate",
]
