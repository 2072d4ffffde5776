"""The one-stop shop: procedures, dossiers, daily code sequences, citizens' ratings.

Which procedures a commune handles: every active procedure of level ``commune`` applies to
every commune (the national catalogue of commune-level procedures is the same everywhere);
a commune may switch one off with a ``UnitProcedure(enabled=False)`` row, or switch on a
procedure of another level it handles by delegation with ``enabled=True``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.cases.models import Case
from danvan.core.models import TimeStampedModel
from danvan.territory.models import Unit


class ProcedureLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Cấp trung ương")


class OnlineLevel(models.TextChoices):
    NONE = "none", _("Không trực tuyến")
    PARTIAL = "partial", _("Trực tuyến một phần")
    FULL = "full", _("Trực tuyến toàn trình")


class Procedure(TimeStampedModel):
    """An administrative procedure (thủ tục hành chính) of the national catalogue."""

    code = models.CharField(_("Mã thủ tục"), max_length=30, unique=True)
    name = models.CharField(_("Tên thủ tục"), max_length=400)
    field = models.CharField(_("Lĩnh vực"), max_length=150)
    level = models.CharField(
        _("Cấp thực hiện"), max_length=10, choices=ProcedureLevel.choices, default="commune"
    )
    processing_days = models.PositiveSmallIntegerField(_("Thời hạn giải quyết (ngày làm việc)"))
    fees = models.CharField(_("Phí, lệ phí"), max_length=300, blank=True)
    required_documents = models.JSONField(_("Thành phần hồ sơ"), default=list, blank=True)
    legal_basis = models.TextField(_("Căn cứ pháp lý"), blank=True)
    online = models.CharField(
        _("Dịch vụ công trực tuyến"), max_length=10, choices=OnlineLevel.choices, default="none"
    )
    active = models.BooleanField(_("Đang áp dụng"), default=True)
    demo = models.BooleanField(
        _("Dữ liệu minh họa"),
        default=False,
        help_text=_("Thời hạn, lệ phí lấy làm ví dụ, cần đối chiếu với bộ thủ tục đã công bố."),
    )

    class Meta:
        verbose_name = _("Thủ tục hành chính")
        verbose_name_plural = _("Thủ tục hành chính")
        ordering = ["field", "name"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def rule_id(self) -> str:
        return f"onestop.procedure.{self.code}"


class UnitProcedure(models.Model):
    """A commune's exception to the rule "every commune-level procedure applies"."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="unit_rows")
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "procedure"], name="unit_procedure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.procedure_id}:{self.enabled}"


class UnitOneStopSettings(models.Model):
    """Per-commune settings of the one-stop desk: the agency code used in dossier codes
    (Decree 61 Art. 26, e.g. ``H15.50.05.13``; the territory code when blank) and the names
    printed on the forms."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="onestop_settings")
    agency_code = models.CharField(_("Mã cơ quan"), max_length=20, blank=True)
    place_name = models.CharField(_("Địa danh ghi trên văn bản"), max_length=80, blank=True)
    signer_name = models.CharField(_("Người ký"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("Thiết lập một cửa của xã")
        verbose_name_plural = _("Thiết lập một cửa của xã")
        constraints = [
            # Dossier codes are unique across the country only if no two communes share an
            # agency code (checked first by ``unit_settings_update`` with a clear message).
            models.UniqueConstraint(
                fields=["agency_code"],
                condition=~models.Q(agency_code=""),
                name="onestop_agency_code_unique",
            )
        ]

    def __str__(self) -> str:
        return self.agency_code or str(self.unit_id)


class DailySequence(models.Model):
    """The last dossier number used by a unit on a day: codes are gap-free per unit and day
    because the number is taken in the same transaction as the dossier (a rollback gives
    it back) with a row lock, never from a per-process counter."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "day"], name="daily_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day} {self.last}"


class StatusCode(models.Model):
    """Dossier status codes for the national portal (TrangThaiHoSo), as data (docs/domain.md §10;
    official meanings unconfirmed): an administrator may correct them without a release."""

    code = models.PositiveSmallIntegerField(_("Mã"), unique=True)
    name_vi = models.CharField(_("Tên"), max_length=80)
    name_en = models.CharField(_("Tên tiếng Anh"), max_length=80)
    # Comma-separated dossier stages mapped to this code (see ``Dossier.stage``).
    stages = models.CharField(_("Ứng với bước"), max_length=200, blank=True)
    # The stage a dossier taken from the provincial system gets with this code; blank means
    # the first of ``stages``. Codes no stage maps to for export (new, unresolved, paying,
    # other) still need one on import.
    import_stage = models.CharField(
        _("Bước khi nhận từ hệ thống của tỉnh"),
        max_length=20,
        blank=True,
        help_text=_("Để trống thì dùng bước đầu tiên ở cột “Ứng với bước”."),
    )
    confirmed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Mã trạng thái hồ sơ")
        verbose_name_plural = _("Mã trạng thái hồ sơ")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_vi}"


class DossierStage(models.TextChoices):
    INCOMPLETE = "incomplete", _("Chưa đủ thành phần, hướng dẫn bổ sung")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    PROCESSING = "processing", _("Đang giải quyết")
    WAITING_SUPPLEMENT = "waiting_supplement", _("Chờ người dân bổ sung")
    RESULT_READY = "result_ready", _("Có kết quả, chờ trả")
    RETURNED = "returned", _("Đã trả kết quả")
    # Withdrawn by the applicant, or cancelled in the provincial system (its status 7).
    CANCELLED = "cancelled", _("Đã hủy")


class ReturnMethod(models.TextChoices):
    """How the result reached the applicant (Decree 61/2018 Art. 20, Decree 107/2021)."""

    IN_PERSON = "in_person", _("Nhận trực tiếp tại bộ phận một cửa")
    POST = "post", _("Qua dịch vụ bưu chính công ích")
    ONLINE = "online", _("Trực tuyến")


class DossierSource(models.TextChoices):
    DESK = "danvan", _("Tiếp nhận trên danvan")
    PROVINCIAL = "provincial", _("Nhận từ hệ thống một cửa của tỉnh")


class Dossier(TimeStampedModel):
    """The one-stop detail of a case of kind ``dossier``."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="dossier")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers")
    stage = models.CharField(
        _("Bước"), max_length=20, choices=DossierStage.choices, default="processing"
    )
    received_on = models.DateField(_("Ngày tiếp nhận"), db_index=True)
    documents_received = models.JSONField(_("Giấy tờ đã nhận"), default=list, blank=True)
    documents_missing = models.JSONField(_("Giấy tờ còn thiếu"), default=list, blank=True)
    id_number = models.CharField(_("Số định danh cá nhân"), max_length=20, blank=True)
    visits = models.PositiveSmallIntegerField(_("Số lần đến"), default=1)
    supplement_requests = models.PositiveSmallIntegerField(_("Số lần yêu cầu bổ sung"), default=0)
    deficiency_due = models.DateField(_("Hạn trả hồ sơ thiếu"), null=True, blank=True)
    apology_used = models.BooleanField(_("Đã xin lỗi, hẹn lại"), default=False)
    apology_reason = models.TextField(_("Lý do chậm"), blank=True)
    result_ready_at = models.DateTimeField(_("Có kết quả lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("Trả kết quả lúc"), null=True, blank=True)
    returned_to = models.CharField(_("Người nhận kết quả"), max_length=150, blank=True)
    return_method = models.CharField(
        _("Hình thức trả kết quả"), max_length=16, choices=ReturnMethod.choices, blank=True
    )
    refusal_reason = models.TextField(_("Lý do từ chối"), blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # A dossier received in the provincial one-stop system and taken from its export
    # (``provincial_import``): processed there, mirrored here for tracking and evaluation.
    source = models.CharField(
        _("Nguồn"), max_length=12, choices=DossierSource.choices, default=DossierSource.DESK
    )
    source_status = models.PositiveSmallIntegerField(
        _("Trạng thái trên hệ thống của tỉnh"), null=True, blank=True
    )
    # What the export said beyond the case's fields (field code, handling unit in full).
    source_data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("Hồ sơ một cửa")
        verbose_name_plural = _("Hồ sơ một cửa")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "received_on"], name="dossier_unit_day")]

    def __str__(self) -> str:
        return self.case.code if self.case_id else "-"

    @property
    def is_provincial(self) -> bool:
        return self.source == DossierSource.PROVINCIAL


class CodePrefix(models.Model):
    """A prefix (the part before the first "-", upper case) that dossier codes of a unit
    carried: at its desk (recorded by the first reception of each day) or in dossiers it took
    from the provincial system. An agency code is refused to any other unit holding it here,
    which an exact, indexed lookup answers without reading the cases table."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=40)
    source = models.CharField(max_length=12, choices=DossierSource.choices)

    class Meta:
        constraints = [
            # Led by ``prefix``: also the index of the lookup by prefix.
            models.UniqueConstraint(fields=["prefix", "unit", "source"], name="code_prefix_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.prefix} {self.source}"


class DossierPaper(models.Model):
    """A numbered paper issued for a dossier (forms 02, 03, 04) so it can be re-printed."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="papers")
    form = models.CharField(max_length=2)
    issued_at = models.DateTimeField()
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} mẫu {self.form}"


class RatingChannel(models.TextChoices):
    DESK = "desk", _("Tại bộ phận một cửa")
    ONLINE = "online", _("Trực tuyến")


# Circular 01/2018/TT-VPCP Art. 13: nine indicators, each 0, 1 or 2 points.
RATING_INDICATORS = [
    ("time", _("Tổng thời gian giải quyết so với quy định")),
    ("bodies", _("Số cơ quan, đơn vị phải liên hệ")),
    ("visits", _("Số lần phải đi lại")),
    ("publicity", _("Việc công khai thủ tục hành chính")),
    ("attitude", _("Thái độ của cán bộ, công chức")),
    ("fees", _("Thu phí, lệ phí đúng quy định")),
    ("complaints", _("Tiếp nhận, xử lý phản ánh, kiến nghị")),
    ("online", _("Chất lượng dịch vụ công trực tuyến")),
    ("other", _("Tiêu chí khác")),
]

# What 2, 1 and 0 points mean for each criterion, after the rating form of Circular
# 01/2018/TT-VPCP, so that a citizen scores the same thing the province reads.
RATING_SCALE = {
    "time": (
        _("Ngắn hơn thời gian quy định (trả kết quả sớm)"),
        _("Đúng bằng thời gian quy định"),
        _("Dài hơn thời gian quy định (trễ hẹn)"),
    ),
    "bodies": (
        _("Không phải liên hệ thêm cơ quan, đơn vị nào để hoàn thiện hồ sơ"),
        _("Phải liên hệ thêm 1 cơ quan, đơn vị"),
        _("Phải liên hệ thêm từ 2 cơ quan, đơn vị trở lên"),
    ),
    "visits": (
        _("Không phải đi lại, liên hệ thêm lần nào để hoàn thiện hồ sơ"),
        _("Phải đi lại, liên hệ thêm 1 lần"),
        _("Phải đi lại, liên hệ thêm hơn 1 lần (không do lỗi của người nộp)"),
    ),
    "publicity": (
        _("Thủ tục được công khai đầy đủ, đúng quy định"),
        _("Công khai chưa đầy đủ"),
        _("Không được công khai"),
    ),
    "attitude": (
        _("Lịch sự, nhiệt tình, hướng dẫn rõ ràng"),
        _("Chưa nhiệt tình hoặc hướng dẫn chưa rõ"),
        _("Gây phiền hà, sách nhiễu"),
    ),
    "fees": (
        _("Thu đúng mức quy định, có biên lai"),
        _("Thu đúng mức nhưng không có biên lai hoặc không được giải thích"),
        _("Thu ngoài quy định"),
    ),
    "complaints": (
        _("Phản ánh, kiến nghị được tiếp nhận và trả lời đầy đủ, đúng hạn"),
        _("Được trả lời nhưng chậm hoặc chưa đầy đủ"),
        _("Không được tiếp nhận hoặc không được trả lời"),
    ),
    "online": (
        _("Nộp, theo dõi trực tuyến thuận tiện, đúng tiến độ"),
        _("Dùng được nhưng có trục trặc, chậm"),
        _("Không dùng được dịch vụ trực tuyến"),
    ),
    "other": (
        _("Hài lòng"),
        _("Tạm được"),
        _("Không hài lòng"),
    ),
}
# Criteria a person may leave out when they do not apply (no online service for a desk
# dossier, no fee, no reflection made, nothing else to say); the others are required.
RATING_SKIPPABLE = frozenset({"fees", "complaints", "online", "other"})
RATING_NOT_APPLICABLE = "na"


class Rating(models.Model):
    """A citizen's evaluation of a finished dossier; one per dossier (unique)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=RatingChannel.choices)
    scores = models.JSONField(default=dict)
    total = models.PositiveSmallIntegerField()
    # No indicator scored 0: Decision 766 counts a 0 as a "dislike" in its satisfaction rate.
    satisfied = models.BooleanField(default=True)
    comment = models.TextField(_("Ý kiến khác"), blank=True)
    at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Đánh giá của người dân")
        verbose_name_plural = _("Đánh giá của người dân")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.total}/18"
