"""What the national level gathers from the province deployments: their monthly indicator
rows (aggregates of a commune's month, never personal data) and a record of each gathering.

A province-month's rows are replaced as a whole by a successful run, so the table always holds
one coherent answer per province and month; a failed run changes nothing but its own record.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.territory.models import Province


class GatheredValue(models.Model):
    province = models.ForeignKey(
        Province, verbose_name=_("Tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    # The commune as the province named it: a code and a name, no foreign key, since the
    # row is the province's answer and stays readable whatever the local territory tables say.
    unit_code = models.CharField(_("Mã xã"), max_length=5)
    unit_name = models.CharField(_("Tên xã"), max_length=100)
    period = models.DateField(_("Tháng"))  # the first day of the month
    key = models.CharField(_("Chỉ số"), max_length=80)
    numerator = models.FloatField(_("Tử số"))
    denominator = models.FloatField(_("Mẫu số"))
    value = models.FloatField(_("Giá trị"), null=True, blank=True)
    ci_low = models.FloatField(null=True, blank=True)
    ci_high = models.FloatField(null=True, blank=True)
    fetched_at = models.DateTimeField(_("Lấy về lúc"))
    source_url = models.URLField(_("Nguồn"), max_length=500)

    class Meta:
        verbose_name = _("Số liệu chỉ số thu thập từ tỉnh")
        verbose_name_plural = _("Số liệu chỉ số thu thập từ tỉnh")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "unit_code", "period", "key"], name="gatheredvalue_unique"
            )
        ]
        # The national page sums a month over every province: one range scan.
        indexes = [models.Index(fields=["period", "key"], name="gathered_period_key")]

    def __str__(self) -> str:
        return f"{self.unit_code} {self.key} {self.period:%m/%Y}"


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Đang thu thập")
    OK = "ok", _("Thành công")
    FAILED = "failed", _("Thất bại")


class GatherError(models.TextChoices):
    """Why a run failed, said in the reader's language; the run keeps the technical detail."""

    CONFIG = "config", _("Cấu hình nguồn chưa đúng")
    UNREACHABLE = "unreachable", _("Không kết nối được với nguồn")
    HTTP = "http", _("Nguồn trả lời lỗi")
    BAD_REPLY = "bad_reply", _("Câu trả lời của nguồn không đúng khuôn dạng")
    BAD_ROW = "bad_row", _("Có dòng số liệu không hợp lệ")
    INTERNAL = "internal", _("Lỗi khi lưu số liệu")
    INTERRUPTED = "interrupted", _("Lượt thu thập bị dừng giữa chừng")


class GatheringRun(models.Model):
    """One attempt to gather a province's month from its deployment."""

    province = models.ForeignKey(
        Province, verbose_name=_("Tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.DateField(_("Tháng"))
    source_url = models.URLField(_("Nguồn"), max_length=500)
    started_at = models.DateTimeField(pgettext_lazy("gathering run", "Bắt đầu"))
    finished_at = models.DateTimeField(
        pgettext_lazy("gathering run", "Kết thúc"), null=True, blank=True
    )
    rows = models.PositiveIntegerField(_("Số dòng"), default=0)
    status = models.CharField(
        _("Kết quả"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    error_code = models.CharField(
        _("Loại lỗi"), max_length=12, choices=GatherError.choices, blank=True
    )
    error = models.TextField(_("Chi tiết lỗi"), blank=True)
    # What the province said its figures were computed with (its reply's top level).
    data_version = models.CharField(max_length=40, blank=True)
    method_version = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("Lượt thu thập số liệu")
        verbose_name_plural = _("Lượt thu thập số liệu")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["period", "province"], name="gatherrun_period_prov")]

    def __str__(self) -> str:
        return f"{self.province_id} {self.period:%m/%Y} {self.status}"
