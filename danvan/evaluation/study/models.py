"""A yearly figure (period ``YYYY``) of an old commune, or carried into a current one.

Kept apart from the monthly ``IndicatorValue`` so that no monthly computation (the index,
the province sums, the carry-over of months) ever mistakes a year for its January.
Imported into ``danvan.evaluation.models`` so Django finds it."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.territory.models import LegacyUnit, Unit


class YearlyValue(models.Model):
    era = models.CharField(max_length=8, default="legacy")  # "legacy" or "current"
    legacy_unit = models.ForeignKey(
        LegacyUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="yearly_values"
    )
    province_code = models.CharField(max_length=2, db_index=True)
    year = models.PositiveSmallIntegerField(_("Năm"))
    key = models.CharField(_("Chỉ số"), max_length=80)
    area = models.PositiveSmallIntegerField()
    numerator = models.FloatField(_("Tử số"))
    denominator = models.FloatField(_("Mẫu số"))
    value = models.FloatField(null=True, blank=True)
    origin = models.CharField(max_length=10, default="imported")  # imported / carried
    source = models.CharField(_("Nguồn"), max_length=200, blank=True)
    imported_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["legacy_unit", "year", "key"],
                condition=models.Q(era="legacy"),
                name="yearlyvalue_unique_legacy",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "key"],
                condition=models.Q(era="current"),
                name="yearlyvalue_unique_current",
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="yearlyvalue_unit_year")]

    def __str__(self) -> str:
        return f"{self.key} {self.year}"
