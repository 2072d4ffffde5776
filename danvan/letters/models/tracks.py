"""The stages of a complaint and of a denunciation after acceptance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel

# Decree 31/2019 Art. 3: what makes a matter complex (the same list serves complaints).
COMPLEXITY_CRITERIA = [
    ("several_places", _("Phải xác minh ở nhiều địa điểm")),
    ("several_contents", _("Có nhiều nội dung")),
    ("many_people", _("Liên quan đến nhiều người")),
    ("foreign_element", _("Có yếu tố nước ngoài")),
    ("several_agencies", _("Liên quan trách nhiệm của nhiều cơ quan")),
    ("agencies_disagree", _("Các cơ quan còn ý kiến khác nhau")),
    ("conflicting_evidence", _("Tài liệu, chứng cứ mâu thuẫn")),
]
CRITERIA_KEYS = frozenset(key for key, _label in COMPLEXITY_CRITERIA)


class NotEligibleGround(models.TextChoices):
    """Law on Complaints Art. 11: when a complaint is not accepted."""

    NOT_RELATED = "not_related", _("Quyết định, hành vi không liên quan quyền lợi người khiếu nại")
    INCAPABLE = (
        "incapable",
        _("Người khiếu nại không có năng lực hành vi đầy đủ, không có người đại diện"),
    )
    NO_AUTHORITY = "no_authority", _("Người đại diện không hợp pháp")
    NO_SIGNATURE = "no_signature", _("Đơn không có chữ ký hoặc điểm chỉ")
    TIME_EXPIRED = "time_expired", _("Hết thời hiệu khiếu nại")
    SECOND_DECIDED = "second_decided", _("Đã có quyết định giải quyết lần hai")
    COURT = "court", _("Tòa án đã thụ lý hoặc đã có bản án, quyết định")
    WITHDRAWN = "withdrawn", _("Đã rút đơn")
    NOT_STATE = "not_state", _("Không thuộc đối tượng khiếu nại hành chính")
    OTHER = "other", _("Lý do khác (ghi rõ)")


class ComplaintTrack(TimeStampedModel):
    letter = models.OneToOneField(
        "letters.Letter", on_delete=models.CASCADE, related_name="complaint"
    )
    round = models.PositiveSmallIntegerField(_("Lần giải quyết"), default=1)
    first = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="second_complaints"
    )
    remote = models.BooleanField(_("Vùng sâu, vùng xa"), default=False)
    complex = models.BooleanField(_("Vụ việc phức tạp"), default=False)
    criteria = models.JSONField(_("Tiêu chí phức tạp"), default=list, blank=True)
    accepted_at = models.DateTimeField(_("Thụ lý lúc"), null=True, blank=True)
    decision_at = models.DateTimeField(_("Ngày ra quyết định"), null=True, blank=True)
    decision_summary = models.TextField(_("Nội dung quyết định"), blank=True)
    second_window_due = models.DateField(_("Hạn khiếu nại lần hai"), null=True, blank=True)
    late_second = models.BooleanField(_("Khiếu nại lần hai quá thời hạn"), default=False)

    class Meta:
        verbose_name = _("Giải quyết khiếu nại")
        verbose_name_plural = _("Giải quyết khiếu nại")

    def __str__(self) -> str:
        return f"complaint-{self.letter_id}-{self.round}"


class DenunciationTrack(TimeStampedModel):
    letter = models.OneToOneField(
        "letters.Letter", on_delete=models.CASCADE, related_name="denunciation"
    )
    checks_several_places = models.BooleanField(_("Kiểm tra ở nhiều địa điểm"), default=False)
    accepted_at = models.DateTimeField(_("Thụ lý lúc"), null=True, blank=True)
    criteria = models.JSONField(_("Tiêu chí phức tạp"), default=list, blank=True)
    extensions_used = models.PositiveSmallIntegerField(_("Số lần gia hạn"), default=0)
    extension_days = models.JSONField(default=list, blank=True)
    concluded_at = models.DateTimeField(_("Ngày kết luận"), null=True, blank=True)
    conclusion_summary = models.TextField(_("Nội dung kết luận"), blank=True)
    publication_due = models.DateField(_("Hạn công khai kết luận"), null=True, blank=True)
    published_at = models.DateTimeField(_("Đã công khai lúc"), null=True, blank=True)
    published_where = models.CharField(_("Hình thức công khai"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Giải quyết tố cáo")
        verbose_name_plural = _("Giải quyết tố cáo")

    def __str__(self) -> str:
        return f"denunciation-{self.letter_id}"
