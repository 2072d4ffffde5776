"""The case: one row for everything a commune owes a citizen, with an append-only timeline.

Whatever a commune owes an answer to is one ``Case``, whose ``kind`` is declared by the app
that owns its detail (``danvan.cases.kinds``). Kind-specific detail lives in that app,
one-to-one with the case. One table means one work queue, one public
lookup and indicators computed the same way for every kind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimeStampedModel
from danvan.territory.models import Unit


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    WAITING_CITIZEN = "waiting_citizen", _("Chờ người dân bổ sung")
    RESOLVED = "resolved", _("Đã giải quyết")
    RETURNED = "returned", _("Đã trả kết quả")
    REFUSED = "refused", _("Từ chối, không thụ lý")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan có thẩm quyền")
    WITHDRAWN = "withdrawn", _("Người dân rút")


OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS, CaseStatus.WAITING_CITIZEN)
CLOSED_STATUSES = tuple(s for s in CaseStatus if s not in OPEN_STATUSES)


class AlertStage(models.IntegerChoices):
    NONE = 0, _("Chưa nhắc")
    DUE_TOMORROW = 1, _("Đến hạn ngày mai")
    DUE_TODAY = 2, _("Đến hạn hôm nay")
    OVERDUE = 3, _("Quá hạn")


class Case(TimeStampedModel):
    unit = models.ForeignKey(
        Unit, verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="cases"
    )
    # Denormalised province code: the partition/distribution key at scale, and cheap
    # province-wide filtering for province viewers.
    province_code = models.CharField(max_length=2, db_index=True)
    # The key of a registered ``danvan.cases.kinds.CaseKindManifest``: no ``choices`` here, so
    # a new kind is one app's registration, not a migration of the core. ``case_open`` and
    # ``case_reclassify`` refuse a key nobody registered.
    kind = models.CharField(_("Loại việc"), max_length=32)
    code = models.CharField(_("Mã tra cứu"), max_length=40, unique=True)
    secret = models.CharField(_("Mã bí mật tra cứu"), max_length=12)
    title = models.CharField(_("Nội dung tóm tắt"), max_length=300)
    channel = models.CharField(_("Kênh tiếp nhận"), max_length=20, blank=True)

    # Who the commune owes: searchable by officers, never shown on public pages. Left blank
    # for a confidential case, whose owning app keeps the person's identity encrypted.
    applicant_name = models.CharField(_("Họ tên người dân"), max_length=150, blank=True)
    applicant_phone = models.CharField(_("Số điện thoại"), max_length=20, blank=True, db_index=True)
    applicant_email = models.EmailField(_("Thư điện tử"), blank=True)
    applicant_address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)

    status = models.CharField(
        _("Trạng thái"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.RECEIVED,
        db_index=True,
    )
    confidential = models.BooleanField(_("Mật"), default=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    department = models.CharField(_("Bộ phận xử lý"), max_length=120, blank=True)

    # The legal clock: which rule, which variant, and the computed due date.
    rule_id = models.CharField(_("Quy định thời hạn"), max_length=80)
    is_complex = models.BooleanField(_("Vụ việc phức tạp"), default=False)
    extensions = models.PositiveSmallIntegerField(_("Số lần gia hạn"), default=0)
    received_at = models.DateTimeField(_("Tiếp nhận lúc"), db_index=True)
    accepted_at = models.DateTimeField(_("Thụ lý lúc"), null=True, blank=True)
    clock_start = models.DateTimeField(_("Thời hạn tính từ"))
    due_date = models.DateField(_("Hạn giải quyết"), null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField(_("Tạm dừng từ"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Kết thúc lúc"), null=True, blank=True)
    on_time = models.BooleanField(_("Đúng hạn"), null=True, blank=True)

    # The applicant's name folded to lower case without diacritics, so officers find
    # "Nguyễn Văn Đức" by typing "nguyen van duc" (same folding on SQLite and PostgreSQL).
    search_name = models.CharField(max_length=150, blank=True, editable=False)
    # Highest due-date reminder already sent (see AlertStage); claimed by ``run_clock`` with a
    # conditional UPDATE so that several scanners never notify twice. Reset when the due
    # date moves.
    alert_stage = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("Việc")
        verbose_name_plural = _("Việc")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "due_date"], name="case_queue"),
            models.Index(fields=["unit", "kind", "received_at"], name="case_unit_kind_received"),
            models.Index(fields=["assignee", "status", "due_date"], name="case_assignee_queue"),
            # The work queue's two orders, read in index order so a page costs 50 rows even
            # when a commune has tens of thousands of cases: open cases by due date, closed
            # cases most recent first.
            models.Index(
                fields=["unit", "due_date", "id"],
                name="case_open_by_due",
                condition=models.Q(status__in=["received", "in_progress", "waiting_citizen"]),
            ),
            models.Index(
                fields=["unit", "-closed_at", "-id"],
                name="case_closed_recent",
                condition=models.Q(closed_at__isnull=False),
            ),
            # The same orders across communes, for province viewers and multi-commune
            # officers: walked in order and filtered by commune until a page is full.
            models.Index(
                fields=["-closed_at", "-id"],
                name="case_closed_recent_all",
                condition=models.Q(closed_at__isnull=False),
            ),
            # The clock scanner reads only open cases near their due date; the same index
            # gives the open cases of many communes by due date.
            models.Index(
                fields=["due_date", "alert_stage"],
                name="case_clock_scan",
                condition=models.Q(status__in=["received", "in_progress", "waiting_citizen"]),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def get_kind_display(self) -> str:
        """The kind's label from its manifest (the field has no ``choices``)."""
        from danvan.cases.kinds import kind_label

        return kind_label(self.kind)


class CaseEventKind(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("case event", "Tiếp nhận")
    CLASSIFIED = "classified", pgettext_lazy("case event", "Phân loại")
    ACCEPTED = "accepted", pgettext_lazy("case event", "Thụ lý")
    ASSIGNED = "assigned", pgettext_lazy("case event", "Giao xử lý")
    HANDED_ON = "handed_on", pgettext_lazy("case event", "Chuyển bước xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", pgettext_lazy("case event", "Yêu cầu bổ sung")
    CLOCK_PAUSED = "clock_paused", pgettext_lazy("case event", "Tạm dừng tính thời hạn")
    CLOCK_RESUMED = "clock_resumed", pgettext_lazy("case event", "Tiếp tục tính thời hạn")
    CLOCK_RESTARTED = "clock_restarted", pgettext_lazy("case event", "Tính lại thời hạn từ đầu")
    EXTENDED = "extended", pgettext_lazy("case event", "Gia hạn")
    DUE_RECOMPUTED = "due_recomputed", pgettext_lazy("case event", "Tính lại hạn do thay đổi lịch")
    APOLOGISED = "apologised", pgettext_lazy("case event", "Xin lỗi, hẹn lại ngày trả")
    TRANSFERRED = "transferred", pgettext_lazy("case event", "Chuyển cơ quan có thẩm quyền")
    GUIDED = "guided", pgettext_lazy("case event", "Hướng dẫn người dân")
    REFUSED = "refused", pgettext_lazy("case event", "Từ chối")
    RESOLVED = "resolved", pgettext_lazy("case event", "Giải quyết xong")
    RETURNED = "returned", pgettext_lazy("case event", "Trả kết quả")
    RATED = "rated", pgettext_lazy("case event", "Người dân đánh giá")
    NOTIFIED = "notified", pgettext_lazy("case event", "Đã thông báo")
    NOTE = "note", pgettext_lazy("case event", "Ghi chú")


class CaseEvent(models.Model):
    """One step of a case's timeline. Append-only: written by ``cases.services`` only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("Thời điểm"), db_index=True)
    # A generic step (``CaseEventKind``) or one a kind's manifest declares in ``event_kinds``.
    kind = models.CharField(pgettext_lazy("case event", "Bước"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Shown on the public tracking page (no personal data may go in a public event's note).
    public = models.BooleanField(default=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("Bước xử lý")
        verbose_name_plural = _("Các bước xử lý")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise PermissionError("Case events are append-only")
        super().save(*args, **kwargs)

    def get_kind_display(self) -> str:
        """The step's label: the core's generic steps, or one a kind's manifest declares."""
        from danvan.cases.kinds import event_label

        return event_label(self.kind)
