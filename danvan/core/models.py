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


class NotificationChannel(models.TextChoices):
    SMS = "sms", _("Tin nhắn SMS")
    EMAIL = "email", _("Thư điện tử")


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi thất bại")


class Notification(models.Model):
    """One message to one citizen: the outbox (GOV.UK Notify's discipline, docs/domain.md §9).

    Written by ``core.notifications.notification_enqueue`` inside the caller's transaction,
    sent by a background task after commit. ``idempotency_key`` is unique so a retried
    request or a double submit never sends the same message twice; ``attempts`` and
    ``next_attempt_at`` drive the retries with back-off; ``failed`` is terminal.
    """

    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    unit_code = models.CharField(_("Mã đơn vị"), max_length=16, blank=True, db_index=True)
    channel = models.CharField(_("Kênh"), max_length=10, choices=NotificationChannel.choices)
    recipient = models.CharField(_("Người nhận"), max_length=254)
    template = models.CharField(_("Mẫu tin"), max_length=80)
    subject = models.CharField(_("Tiêu đề"), max_length=200, blank=True)
    body = models.TextField(_("Nội dung"))
    # The template's named values (code, due date...), for channels that fill an approved
    # template themselves (Zalo ZNS) instead of taking the ready text.
    data = models.JSONField(_("Tham số mẫu tin"), default=dict, blank=True)
    idempotency_key = models.CharField(max_length=120, unique=True)
    object_ref = models.CharField(_("Đối tượng"), max_length=80, blank=True)
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("Số lần gửi"), default=0)
    last_error = models.TextField(_("Lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("Gửi lại lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    provider_id = models.CharField(_("Mã của nhà cung cấp"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("Thông báo gửi người dân")
        verbose_name_plural = _("Thông báo gửi người dân")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="notification_retry_scan",
                condition=models.Q(status="queued"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.template} {self.status}"
