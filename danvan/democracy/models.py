"""Grassroots democracy: households and their votes, decisions, consultations, disclosures,
and the residents' supervision boards. Every row belongs to a commune (``unit``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.democracy.categories import (
    DISCLOSURE_CHOICES,
    BoardKind,
    Choice,
    CommentResponse,
    CommentSource,
    ConsultationCategory,
    DecisionCategory,
    DecisionForm,
    Place,
    VoteChannel,
)
from danvan.territory.models import Unit, Village


class Household(TimeStampedModel):
    """A household of a village, imported from the village's list. Its voting code is kept
    only as a keyed digest: the code itself is printed once, on the notice."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(
        Village, verbose_name=_("Thôn"), on_delete=models.CASCADE, related_name="household_rows"
    )
    number = models.CharField(_("Mã hộ"), max_length=30)
    head = models.CharField(_("Chủ hộ"), max_length=150)
    members = models.PositiveIntegerField(_("Số nhân khẩu"), default=1)
    representative = models.CharField(_("Người đại diện"), max_length=150)
    code_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Hộ gia đình")
        verbose_name_plural = _("Hộ gia đình")
        ordering = ["village_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["village", "number"], name="household_number_village")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.head}"


class Decision(TimeStampedModel):
    """A matter residents decide (Art. 15), over one village or the whole commune."""

    class Scope(models.TextChoices):
        VILLAGE = "village", _("Thôn, tổ dân phố")
        COMMUNE = "commune", _("Toàn xã")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(
        Village, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.VILLAGE)
    category = models.CharField(_("Nội dung"), max_length=20, choices=DecisionCategory.choices)
    form = models.CharField(_("Hình thức"), max_length=10, choices=DecisionForm.choices)
    title = models.CharField(_("Tiêu đề"), max_length=300)
    description = models.TextField(_("Nội dung chi tiết"), blank=True)
    noticed_at = models.DateTimeField(_("Thông báo lúc"))
    opens = models.DateTimeField(_("Bắt đầu"))
    closes = models.DateTimeField(_("Kết thúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    # The result's path (Art. 15): reported to the People's Committee and the Front, then
    # recognised or refused with reasons; both on the clock.
    reported_at = models.DateTimeField(null=True, blank=True)
    report_due = models.DateField(null=True, blank=True)
    recognition_due = models.DateField(null=True, blank=True)
    recognised_at = models.DateTimeField(null=True, blank=True)
    recognised = models.BooleanField(null=True)
    refusal_reason = models.TextField(blank=True)
    # Frozen when the result is reported, so later imports do not rewrite history.
    final_result = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("Nội dung Nhân dân bàn và quyết định")
        verbose_name_plural = _("Nội dung Nhân dân bàn và quyết định")
        ordering = ["-opens", "-id"]
        indexes = [models.Index(fields=["unit", "-opens"], name="decision_unit_opens")]

    def __str__(self) -> str:
        return self.title


class VotingCode(models.Model):
    """A household's voting code for ONE decision, kept only as a keyed digest. Printing a
    decision's notice issues its codes and touches no other decision's: a village may have
    two votes open at once. (``Household.code_digest`` is the older code valid for every
    decision of the household; it keeps working until reissued.)"""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="codes")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Mã bỏ phiếu")
        verbose_name_plural = _("Mã bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="voting_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}/{self.household_id}"


class Vote(models.Model):
    """One household's vote on one decision. A later vote while the decision is open replaces
    the earlier one: the old row stays (its receipt says it was replaced) and only one row per
    household is ``current`` — a unique constraint, so parallel votes count once."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    channel = models.CharField(max_length=10, choices=VoteChannel.choices)
    receipt = models.CharField(max_length=32, unique=True)
    current = models.BooleanField(default=True)
    recorded_at = models.DateTimeField()
    replaced_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "household"],
                condition=Q(current=True),
                name="vote_one_current_per_household",
            )
        ]
        indexes = [models.Index(fields=["decision", "current"], name="vote_decision_current")]

    def __str__(self) -> str:
        return self.receipt


class Consultation(TimeStampedModel):
    """Residents comment before the commune decides (Art. 25), for at least 20 days."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(
        Village, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("Nội dung"), max_length=20, choices=ConsultationCategory.choices)
    title = models.CharField(_("Tiêu đề"), max_length=300)
    summary = models.TextField(_("Tóm tắt nội dung lấy ý kiến"))
    opens = models.DateTimeField(_("Bắt đầu"))
    closes = models.DateTimeField(_("Kết thúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    synthesis = models.TextField(_("Báo cáo tổng hợp"), blank=True)
    synthesis_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Nội dung lấy ý kiến Nhân dân")
        verbose_name_plural = _("Nội dung lấy ý kiến Nhân dân")
        ordering = ["-opens", "-id"]
        indexes = [models.Index(fields=["unit", "-opens"], name="consultation_unit_opens")]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("Họ và tên"), max_length=150)
    phone = models.CharField(_("Số điện thoại"), max_length=20, blank=True)
    content = models.TextField(_("Ý kiến"))
    source = models.CharField(max_length=10, choices=CommentSource.choices)
    source_note = models.CharField(_("Nguồn"), max_length=200, blank=True)
    created_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.CharField(max_length=10, choices=CommentResponse.choices, blank=True)
    response_note = models.TextField(blank=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "phone"],
                condition=~Q(phone=""),
                name="comment_one_per_phone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}#{self.pk}"


def _disclosure_path(instance: Disclosure, filename: str) -> str:
    return f"democracy/{instance.unit.code}/disclosures/{filename}"


class Disclosure(TimeStampedModel):
    """Information the commune must make public (Art. 11), with its document and postings."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("Nhóm thông tin"), max_length=20, choices=DISCLOSURE_CHOICES)
    title = models.CharField(_("Tiêu đề"), max_length=300)
    decided_on = models.DateField(_("Ngày ban hành quyết định"))
    due_on = models.DateField(_("Hạn công khai"))
    document = models.FileField(_("Văn bản"), upload_to=_disclosure_path)
    document_type = models.CharField(max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Thông tin công khai")
        verbose_name_plural = _("Thông tin công khai")
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["unit", "-decided_on"], name="disclosure_unit_decided")]

    def __str__(self) -> str:
        return self.title


class Posting(models.Model):
    """One place where a disclosure is posted, from ``starts`` to ``ends`` (None: still up);
    a village house posting is confirmed by the village head."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="postings")
    place = models.CharField(max_length=20, choices=Place.choices)
    village = models.ForeignKey(
        Village, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    starts = models.DateField(_("Niêm yết từ"))
    ends = models.DateField(_("Đến"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["disclosure", "place", "village"], name="posting_once_per_place"
            )
        ]

    def __str__(self) -> str:
        return f"{self.disclosure_id} {self.place}"


class Board(TimeStampedModel):
    """A People's Inspection Board (one per commune and term) or a Community Investment
    Supervision Board (one per project)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Loại ban"), max_length=12, choices=BoardKind.choices)
    name = models.CharField(_("Tên ban"), max_length=200)
    project = models.CharField(_("Dự án, công trình"), max_length=300, blank=True)
    term_start = models.DateField(_("Nhiệm kỳ từ"))
    term_end = models.DateField(_("Nhiệm kỳ đến"))

    class Meta:
        ordering = ["kind", "-term_start", "id"]

    def __str__(self) -> str:
        return self.name


class BoardMember(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("Họ và tên"), max_length=150)
    position = models.CharField(_("Chức danh trong ban"), max_length=100, blank=True)
    occupation = models.CharField(_("Nghề nghiệp, nơi công tác"), max_length=200, blank=True)
    term_start = models.DateField(_("Nhiệm kỳ từ"))
    term_end = models.DateField(_("Nhiệm kỳ đến"))

    class Meta:
        ordering = ["village__name", "name"]

    def __str__(self) -> str:
        return self.name


class Recommendation(TimeStampedModel):
    """A board's recommendation to the People's Committee: a case of kind
    ``inspection_recommendation`` answered within 15 days (``inspection.answer``)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="recommendations")
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="inspection_recommendation"
    )
    title = models.CharField(_("Tiêu đề"), max_length=300)
    content = models.TextField(_("Nội dung kiến nghị"))
    answer = models.TextField(_("Trả lời"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
