"""Administrative units: the two-tier system in force since 1 July 2025, the units before it,
and the succession between them.

Old and new units live in separate tables on purpose: codes are reused across the reform
(ward 01843 is Phường Bắc Kạn today and was Phường Phùng Chí Kiên before), so a code means
nothing without its era.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel


class UnitKind(models.TextChoices):
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    DAC_KHU = "dac_khu", _("Đặc khu")


class Province(models.Model):
    """A province or centrally-governed city of the two-tier system (34)."""

    code = models.CharField(_("Mã"), max_length=2, unique=True)
    name = models.CharField(_("Tên"), max_length=100)
    division_type = models.CharField(_("Loại"), max_length=40)
    codename = models.SlugField(max_length=100)

    class Meta:
        verbose_name = _("Tỉnh, thành phố")
        verbose_name_plural = _("Tỉnh, thành phố")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Unit(TimeStampedModel):
    """A commune-level unit in force since 1 July 2025 (xã, phường, đặc khu).

    Administrators edit the attributes no package provides: remoteness (used by the legal
    clock for the longer complaint deadlines), population and households.
    """

    code = models.CharField(_("Mã"), max_length=5, unique=True)
    name = models.CharField(_("Tên"), max_length=100)
    kind = models.CharField(_("Loại"), max_length=10, choices=UnitKind.choices)
    codename = models.SlugField(max_length=100)
    province = models.ForeignKey(
        Province, verbose_name=_("Tỉnh"), on_delete=models.PROTECT, related_name="units"
    )
    is_remote = models.BooleanField(
        _("Vùng sâu, vùng xa"),
        default=False,
        help_text=_("Áp dụng thời hạn dài hơn khi giải quyết khiếu nại (Luật Khiếu nại Điều 28)."),
    )
    is_especially_difficult = models.BooleanField(_("Đặc biệt khó khăn"), default=False)
    population = models.PositiveIntegerField(_("Dân số"), null=True, blank=True)
    households = models.PositiveIntegerField(_("Số hộ"), null=True, blank=True)

    class Meta:
        verbose_name = _("Đơn vị hành chính cấp xã")
        verbose_name_plural = _("Đơn vị hành chính cấp xã")
        ordering = ["province__code", "code"]

    def __str__(self) -> str:
        return self.name


class LegacyProvince(models.Model):
    """A province as it was before 1 July 2025 (63)."""

    code = models.CharField(_("Mã"), max_length=2, unique=True)
    name = models.CharField(_("Tên"), max_length=100)
    codename = models.SlugField(max_length=100)
    successor = models.ForeignKey(
        Province,
        verbose_name=_("Tỉnh kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legacy_sources",
    )

    class Meta:
        verbose_name = _("Tỉnh (trước 1/7/2025)")
        verbose_name_plural = _("Tỉnh (trước 1/7/2025)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class LegacyDistrict(models.Model):
    code = models.CharField(_("Mã"), max_length=3, unique=True)
    name = models.CharField(_("Tên"), max_length=100)
    codename = models.SlugField(max_length=100)
    province = models.ForeignKey(LegacyProvince, on_delete=models.PROTECT, related_name="districts")

    class Meta:
        verbose_name = _("Huyện (trước 1/7/2025)")
        verbose_name_plural = _("Huyện (trước 1/7/2025)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class LegacyUnit(models.Model):
    """A commune-level unit before 1 July 2025, with the new units that took it in."""

    code = models.CharField(_("Mã"), max_length=5, unique=True)
    name = models.CharField(_("Tên"), max_length=100)
    kind = models.CharField(_("Loại"), max_length=40)
    codename = models.SlugField(max_length=100)
    district = models.ForeignKey(LegacyDistrict, on_delete=models.PROTECT, related_name="units")
    province = models.ForeignKey(LegacyProvince, on_delete=models.PROTECT, related_name="units")
    successors = models.ManyToManyField(
        Unit, verbose_name=_("Đơn vị kế thừa"), related_name="predecessors", blank=True
    )

    class Meta:
        verbose_name = _("Đơn vị cấp xã (trước 1/7/2025)")
        verbose_name_plural = _("Đơn vị cấp xã (trước 1/7/2025)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class VillageKind(models.TextChoices):
    THON = "thon", _("Thôn")
    BAN = "ban", _("Bản")
    TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")
    XOM = "xom", _("Xóm")
    AP = "ap", _("Ấp")
    KHOM = "khom", _("Khóm")


class Village(TimeStampedModel):
    """A village or residential group (thôn, bản, tổ dân phố); no package lists them, so
    administrators create or import them."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Xã"), on_delete=models.CASCADE, related_name="villages"
    )
    name = models.CharField(_("Tên"), max_length=120)
    kind = models.CharField(
        _("Loại"), max_length=12, choices=VillageKind.choices, default=VillageKind.THON
    )
    households = models.PositiveIntegerField(_("Số hộ"), null=True, blank=True)
    population = models.PositiveIntegerField(_("Dân số"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thôn, tổ dân phố")
        verbose_name_plural = _("Thôn, tổ dân phố")
        ordering = ["unit__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="village_unique_name_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit.name})"


class DataLoad(models.Model):
    """A record of each load of reference data, with the package's data version."""

    source = models.CharField(max_length=80)
    package_version = models.CharField(max_length=40)
    data_version = models.CharField(max_length=40)
    loaded_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-loaded_at"]
        get_latest_by = "loaded_at"

    def __str__(self) -> str:
        return f"{self.source} {self.data_version}"
