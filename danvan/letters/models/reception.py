"""Citizen reception: the chairman's sessions and the register (Law 42/2013 Art. 15, 25)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.cases.models import Case
from danvan.core.models import TimeStampedModel
from danvan.territory.models import Unit


class SessionKind(models.TextChoices):
    WEEKLY = "weekly", _("Tiếp định kỳ hằng tuần")
    AD_HOC = "ad_hoc", _("Tiếp đột xuất")
    # The commune Party secretary's regular days (Regulation 11-QĐi/TW, Conclusion 215-KL/TW:
    # at least 2 a month): regular, but not the chairman's weekly day.
    PERIODIC = "periodic", _("Tiếp định kỳ")


class HostRole(models.TextChoices):
    CHAIRMAN = "chairman", _("Chủ tịch UBND")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch UBND")
    OFFICER = "officer", _("Công chức được giao")
    # The head of the commune Party committee (issue #15); his or her days are published in
    # the same schedule as the chairman's, and the visitors' matters go in the same register.
    PARTY_SECRETARY = "party_secretary", _("Bí thư Đảng ủy xã")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    HELD = "held", _("Đã tiếp")
    NOT_HELD = "not_held", _("Không tiếp")
    DELEGATED = "delegated", _("Ủy quyền")


class ReceptionSession(TimeStampedModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reception_sessions")
    date = models.DateField(_("Ngày tiếp"), db_index=True)
    kind = models.CharField(
        _("Loại"), max_length=10, choices=SessionKind.choices, default=SessionKind.WEEKLY
    )
    host_role = models.CharField(
        _("Người chủ trì"), max_length=16, choices=HostRole.choices, default=HostRole.CHAIRMAN
    )
    host_name = models.CharField(_("Họ tên người chủ trì"), max_length=150, blank=True)
    place = models.CharField(_("Địa điểm"), max_length=200, blank=True)
    status = models.CharField(
        _("Tình trạng"),
        max_length=10,
        choices=SessionStatus.choices,
        default=SessionStatus.SCHEDULED,
    )
    delegate_name = models.CharField(_("Người được ủy quyền"), max_length=150, blank=True)
    reason = models.CharField(_("Lý do"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Buổi tiếp công dân")
        verbose_name_plural = _("Buổi tiếp công dân")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "date", "kind", "host_role"], name="reception_session_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.date:%d/%m/%Y}"


class EntryKind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    PETITION = "petition", _("Kiến nghị")
    REFLECTION = "reflection", _("Phản ánh")


class ReceptionEntry(TimeStampedModel):
    """One line of the register (sổ tiếp công dân), in the columns the law lists (Art. 25)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reception_entries")
    session = models.ForeignKey(
        ReceptionSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )
    case = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="reception_entry"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    number = models.PositiveIntegerField(_("Số thứ tự"))
    date = models.DateField(_("Ngày tiếp"))
    # Blank for a denunciation: the visitor's identity is then in ProtectedIdentity.
    visitor_name = models.CharField(_("Họ tên"), max_length=150, blank=True)
    visitor_address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    visitor_id_number = models.CharField(_("Số CCCD"), max_length=20, blank=True)
    content = models.TextField(_("Nội dung vụ việc"))
    kind = models.CharField(_("Phân loại"), max_length=16, choices=EntryKind.choices)
    people_count = models.PositiveSmallIntegerField(_("Số người cùng nội dung"), default=1)
    representatives = models.CharField(_("Người đại diện"), max_length=300, blank=True)
    handled_before_by = models.CharField(_("Cơ quan đã giải quyết"), max_length=200, blank=True)
    within_competence = models.BooleanField(_("Thuộc thẩm quyền"), default=True)
    guidance = models.TextField(_("Hướng dẫn, trả lời"), blank=True)
    receiving_body = models.CharField(_("Cơ quan tiếp nhận"), max_length=200, blank=True)
    follow_up = models.TextField(_("Theo dõi kết quả giải quyết"), blank=True)
    notes = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Sổ tiếp công dân")
        verbose_name_plural = _("Sổ tiếp công dân")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="reception_entry_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def protected(self) -> bool:
        return self.kind == EntryKind.DENUNCIATION
