"""A review report asked for by someone, built in the background and kept with who asked
and when. Imported into ``danvan.evaluation.models`` so Django finds it."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.territory.models import Province, Unit


class ReportFormat(models.TextChoices):
    DOCX = "docx", _("Word (.docx)")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (.xlsx)")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang lập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class ReviewReport(models.Model):
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    first = models.DateField(_("Từ tháng"))
    last = models.DateField(_("Đến tháng"))
    format = models.CharField(max_length=4, choices=ReportFormat.choices)
    status = models.CharField(max_length=8, choices=ReportStatus.choices, default="queued")
    progress = models.PositiveSmallIntegerField(default=0)  # 0–100
    file = models.FileField(upload_to="reports/%Y/", blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # While a builder holds the report (``running``), until when; a builder that died stops
    # renewing it, and the sweep (``build_reports``) takes the report over once it has passed.
    lease_until = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(province__isnull=False),
                name="reviewreport_has_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.format} {self.first:%m/%Y}–{self.last:%m/%Y}"
