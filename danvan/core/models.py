"""Base model and the append-only audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("The audit log is append-only")

    def delete(self):  # type: ignore[no-untyped-def]
        raise PermissionError("The audit log is append-only")


class AuditEntry(models.Model):
    """One thing somebody did. Written only by ``core.services.audit_record``; never changed.

    ``unit_code`` is the code of the commune-level unit (or ``P<code>`` for a province) the
    action belongs to. It is a code rather than a foreign key because ``core`` sits left of
    ``territory`` in the import order and because the log must outlive the rows it mentions.
    """

    at = models.DateTimeField(_("Thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("Tên người thực hiện"), max_length=150, blank=True)
    unit_code = models.CharField(_("Mã đơn vị"), max_length=16, blank=True, db_index=True)
    action = models.CharField(_("Hành động"), max_length=80, db_index=True)
    object_type = models.CharField(_("Loại đối tượng"), max_length=80, blank=True)
    object_id = models.CharField(_("Mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("Đối tượng"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("Địa chỉ IP"), null=True, blank=True)
    detail = models.JSONField(_("Chi tiết"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nhật ký kiểm toán")
        verbose_name_plural = _("Nhật ký kiểm toán")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit_code", "-at"], name="audit_unit_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise PermissionError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("The audit log is append-only")
