"""Dissemination (tuyên truyền): campaigns, their content in each language, and the sessions
held in the villages. Issue #15, area 1 of the study: announcements that never reached the
ethnic-minority villages are what these tables make visible."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimeStampedModel
from danvan.territory.models import Unit, Village


class Language(models.TextChoices):
    """The languages content is written in; codes are a contract of the API."""

    VI = "vi", _("Tiếng Việt")
    TAY = "tay", _("Tiếng Tày")
    NUNG = "nung", _("Tiếng Nùng")
    DAO = "dao", _("Tiếng Dao")
    HMONG = "hmong", _("Tiếng H'Mông")


class Audience(models.TextChoices):
    VILLAGE = "village", _("Thôn, bản")
    ETHNIC_GROUP = "ethnic_group", _("Đồng bào dân tộc")
    AGE_GROUP = "age_group", _("Nhóm tuổi")
    WOMEN = "women", _("Phụ nữ")
    YOUTH = "youth", _("Thanh niên")


class Channel(models.TextChoices):
    MEETING = "meeting", _("Họp thôn")
    LOUDSPEAKER = "loudspeaker", _("Loa truyền thanh")
    ZALO = "zalo", _("Zalo")
    SMS = "sms", _("Tin nhắn SMS")
    POSTER = "poster", _("Áp phích, pa nô")
    REPORTER = "reporter", _("Báo cáo viên")


class VillageLanguage(models.Model):
    """The language most of a village speaks at home, as the commune knows it. Kept here
    rather than on ``territory.Village``: only dissemination needs it, and a village whose
    language is unknown simply has no row."""

    unit = models.ForeignKey(Unit, verbose_name=_("Xã"), on_delete=models.CASCADE, related_name="+")
    village = models.OneToOneField(
        Village,
        verbose_name=_("Thôn, tổ dân phố"),
        on_delete=models.CASCADE,
        related_name="outreach_language",
    )
    language = models.CharField(_("Ngôn ngữ"), max_length=8, choices=Language.choices)

    class Meta:
        verbose_name = _("Ngôn ngữ của thôn")
        verbose_name_plural = _("Ngôn ngữ của thôn")

    def __str__(self) -> str:
        return f"{self.village_id}: {self.language}"


class Campaign(TimeStampedModel):
    """A dissemination campaign of a commune on one subject (a policy, a law, a project)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="outreach_campaigns"
    )
    subject = models.CharField(_("Nội dung tuyên truyền"), max_length=300)
    audiences = models.JSONField(_("Đối tượng"), default=list)
    channels = models.JSONField(pgettext_lazy("dissemination channel", "Hình thức"), default=list)
    languages = models.JSONField(_("Ngôn ngữ"), default=list)
    starts = models.DateField(_("Từ ngày"))
    ends = models.DateField(_("Đến ngày"))
    # What makes a letter "related" (before/after counts): its field (a letter category code,
    # e.g. ``land``) and words of its summary (e.g. "bồi thường"), besides explicit links.
    topic = models.CharField(_("Lĩnh vực đơn thư liên quan"), max_length=40, blank=True)
    keywords = models.CharField(_("Từ khóa đơn thư liên quan"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A retried creation (API Idempotency-Key, or a form submitted twice) finds this row.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Chiến dịch tuyên truyền")
        verbose_name_plural = _("Chiến dịch tuyên truyền")
        ordering = ["-starts", "-id"]
        indexes = [models.Index(fields=["unit", "-starts"], name="outreach_campaign_unit")]

    def __str__(self) -> str:
        return self.subject


class ContentVersion(TimeStampedModel):
    """The campaign's content in one language, written by a person (never machine
    translated): one row per language, so the versions stay apart."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="versions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("Ngôn ngữ"), max_length=8, choices=Language.choices)
    title = models.CharField(_("Tiêu đề"), max_length=300)
    body = models.TextField(_("Nội dung"), max_length=20000)
    author = models.CharField(_("Người biên soạn, dịch"), max_length=150)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Bản nội dung theo ngôn ngữ")
        verbose_name_plural = _("Bản nội dung theo ngôn ngữ")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "language"], name="outreach_version_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.language}"


class Session(TimeStampedModel):
    """One dissemination session held in a village: where, when, how, in which language, and
    who came (in all, women, people of minority ethnic groups)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sessions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        Village, verbose_name=_("Thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("Ngày"))
    channel = models.CharField(
        pgettext_lazy("dissemination channel", "Hình thức"), max_length=16, choices=Channel.choices
    )
    language = models.CharField(_("Ngôn ngữ"), max_length=8, choices=Language.choices)
    attendees = models.PositiveIntegerField(_("Số người dự"))
    attendees_female = models.PositiveIntegerField(_("Trong đó nữ"))
    attendees_minority = models.PositiveIntegerField(_("Trong đó người dân tộc thiểu số"))
    # A short check at the end of the meeting: questions asked and answered right.
    check_questions = models.PositiveSmallIntegerField(_("Số câu hỏi kiểm tra"), default=0)
    check_correct = models.PositiveSmallIntegerField(_("Số câu trả lời đúng"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Buổi tuyên truyền")
        verbose_name_plural = _("Buổi tuyên truyền")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["unit", "date"], name="outreach_session_unit_date"),
            models.Index(fields=["campaign", "village"], name="outreach_session_village"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.village_id}/{self.date}"

    @property
    def comprehension_score(self) -> float | None:
        """Right answers over questions asked, on 0–100; None when no check was made."""
        if not self.check_questions:
            return None
        return round(100 * self.check_correct / self.check_questions, 1)


class CampaignLink(TimeStampedModel):
    """A consultation or a letter an officer linked to a campaign by hand (exactly one of the
    two). Referenced by name: outreach does not import the other apps' models."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    letter = models.ForeignKey(
        "letters.Letter", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    consultation = models.ForeignKey(
        "democracy.Consultation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Liên kết của chiến dịch")
        verbose_name_plural = _("Liên kết của chiến dịch")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(letter__isnull=False, consultation__isnull=True)
                | models.Q(letter__isnull=True, consultation__isnull=False),
                name="outreach_link_one_target",
            ),
            models.UniqueConstraint(fields=["campaign", "letter"], name="outreach_link_letter"),
            models.UniqueConstraint(
                fields=["campaign", "consultation"], name="outreach_link_consultation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.letter_id or self.consultation_id}"


# --------------------------------------------------------------------------- training
class Term(models.Model):
    """A term of office (nhiệm kỳ), as data: coverage is counted per term."""

    code = models.CharField(_("Mã"), max_length=16, unique=True)
    name = models.CharField(_("Tên"), max_length=60)
    starts = models.DateField(_("Từ ngày"))
    ends = models.DateField(_("Đến ngày"))

    class Meta:
        verbose_name = _("Nhiệm kỳ")
        verbose_name_plural = _("Nhiệm kỳ")
        ordering = ["starts"]

    def __str__(self) -> str:
        return self.name


class CourseTopic(models.TextChoices):
    MOBILISATION = "mobilisation", _("Kỹ năng dân vận")
    RECEPTION = "reception", _("Tiếp công dân")
    DIALOGUE = "dialogue", _("Đối thoại với Nhân dân")
    DEMOCRACY = "democracy", _("Thực hiện dân chủ ở cơ sở")
    ONE_STOP = "one_stop", _("Một cửa, một cửa liên thông")


class Course(models.Model):
    """A course of the province's training programme (bồi dưỡng)."""

    code = models.CharField(_("Mã khóa"), max_length=20, unique=True)
    name = models.CharField(_("Tên khóa bồi dưỡng"), max_length=200)
    topic = models.CharField(_("Chủ đề"), max_length=16, choices=CourseTopic.choices)
    hours = models.PositiveSmallIntegerField(_("Số giờ"), default=8)

    class Meta:
        verbose_name = _("Khóa bồi dưỡng")
        verbose_name_plural = _("Khóa bồi dưỡng")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class RequiredCourse(models.Model):
    """Which course a role requires once per term: data the province edits (admin)."""

    role = models.CharField(_("Vai trò"), max_length=32)
    course = models.ForeignKey(Course, verbose_name=_("Khóa bồi dưỡng"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("Khóa bắt buộc theo vai trò")
        verbose_name_plural = _("Khóa bắt buộc theo vai trò")
        constraints = [
            models.UniqueConstraint(fields=["role", "course"], name="outreach_required_once")
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.course.code}"


class TrainingSession(TimeStampedModel):
    """One holding of a course that officers of a commune attended."""

    unit = models.ForeignKey(Unit, verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(Course, verbose_name=_("Khóa bồi dưỡng"), on_delete=models.PROTECT)
    date = models.DateField(_("Ngày"))
    place = models.CharField(_("Địa điểm"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Lớp bồi dưỡng")
        verbose_name_plural = _("Lớp bồi dưỡng")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.course.code} {self.date}"


class Attendance(TimeStampedModel):
    """An officer's attendance at a session, recorded or imported; ``completed`` when the
    officer finished the course (what coverage counts)."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Cán bộ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    completed = models.BooleanField(_("Hoàn thành"), default=True)
    imported = models.BooleanField(_("Nhập từ tệp"), default=False)

    class Meta:
        verbose_name = _("Tham dự bồi dưỡng")
        verbose_name_plural = _("Tham dự bồi dưỡng")
        constraints = [
            models.UniqueConstraint(fields=["session", "officer"], name="outreach_attend_once")
        ]

    def __str__(self) -> str:
        return f"{self.officer_id}@{self.session_id}"


# --------------------------------------------------------------------- Dân vận khéo
class Registrant(models.TextChoices):
    """Who registers a model: the commune Party committee (1–3 a year), the Front and each
    mass organisation (at least one a year each). Organisation codes are those of
    ``accounts.roles.Organisation``."""

    PARTY = "party", _("Đảng ủy xã")
    FRONT = "front", _("Mặt trận Tổ quốc")
    FARMERS = "farmers", _("Hội Nông dân")
    WOMEN = "women", _("Hội Liên hiệp Phụ nữ")
    YOUTH = "youth", _("Đoàn Thanh niên")
    VETERANS = "veterans", _("Hội Cựu chiến binh")


class ModelTopic(models.TextChoices):
    ECONOMY = "economy", _("Phát triển kinh tế, giảm nghèo")
    LAND = "land", _("Đất đai, giải phóng mặt bằng")
    RURAL = "rural", _("Xây dựng nông thôn mới, đô thị văn minh")
    ENVIRONMENT = "environment", _("Môi trường")
    SECURITY = "security", _("An ninh, trật tự")
    CULTURE = "culture", _("Văn hóa, xã hội")
    ADMIN_REFORM = "admin_reform", _("Cải cách hành chính")
    OTHER = "other", _("Khác")


class ModelStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    RECOGNISED = "recognised", _("Đã công nhận")
    REMOVED = "removed", _("Đã đưa ra khỏi danh sách")


class RecognitionLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    PROVINCE = "province", _("Cấp tỉnh")


class SkilfulModel(TimeStampedModel):
    """A "Dân vận khéo" model registered for a year (docs/domain.md §7)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="outreach_models"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    registrant = models.CharField(_("Đơn vị đăng ký"), max_length=12, choices=Registrant.choices)
    title = models.CharField(_("Tên mô hình"), max_length=200)
    topic = models.CharField(_("Lĩnh vực"), max_length=16, choices=ModelTopic.choices)
    problem = models.TextField(_("Vấn đề cần giải quyết"), max_length=4000)
    objectives = models.TextField(_("Mục tiêu, tiêu chí"), max_length=4000)
    method = models.TextField(_("Cách làm"), max_length=4000)
    area = models.CharField(_("Địa bàn, đối tượng"), max_length=300)
    forces = models.CharField(_("Lực lượng chủ trì, phối hợp"), max_length=300)
    resources = models.CharField(_("Nguồn lực"), max_length=300, blank=True)
    starts = models.DateField(_("Từ ngày"))
    ends = models.DateField(_("Đến ngày"))
    outputs = models.TextField(_("Kết quả kiểm chứng được"), max_length=4000)
    status = models.CharField(
        _("Trạng thái"), max_length=12, choices=ModelStatus.choices, default=ModelStatus.REGISTERED
    )
    level = models.CharField(
        _("Cấp công nhận"), max_length=10, choices=RecognitionLevel.choices, blank=True
    )
    exemplary = models.BooleanField(_("Tiêu biểu"), default=False)
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    removal_reason = models.CharField(_("Lý do đưa ra"), max_length=500, blank=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Mô hình Dân vận khéo")
        verbose_name_plural = _("Mô hình Dân vận khéo")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["unit", "year"], name="outreach_model_unit_year")]

    def __str__(self) -> str:
        return self.title


class ModelProgress(TimeStampedModel):
    """A follow-up of a model's outputs, with its evidence."""

    model = models.ForeignKey(SkilfulModel, on_delete=models.CASCADE, related_name="progress")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("Ngày"))
    result = models.TextField(_("Kết quả đạt được"), max_length=4000)
    evidence = models.CharField(_("Minh chứng"), max_length=500)

    class Meta:
        verbose_name = _("Theo dõi kết quả mô hình")
        verbose_name_plural = _("Theo dõi kết quả mô hình")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.model_id} {self.date}"


# ------------------------------------------------------------------------ coordination
class JointProgramme(TimeStampedModel):
    """The yearly joint programme between the People's Committee and the Front or one mass
    organisation (``organisation`` is an ``accounts.roles.Organisation`` code)."""

    unit = models.ForeignKey(Unit, verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("Năm"))
    organisation = models.CharField(_("Tổ chức"), max_length=12)
    title = models.CharField(_("Tên chương trình"), max_length=200)
    signed_on = models.DateField(_("Ngày ký"))
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Chương trình phối hợp")
        verbose_name_plural = _("Chương trình phối hợp")
        ordering = ["-year", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "organisation"], name="outreach_programme_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class JointTask(TimeStampedModel):
    """A task of the programme, with its owner and the agreed deadline; its clock is a case
    of kind ``joint_task`` (the work queue, reminders, on-time figures)."""

    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="joint_task")
    title = models.CharField(_("Nhiệm vụ"), max_length=300)
    owner = models.CharField(_("Người, bộ phận chủ trì"), max_length=150)
    deadline = models.DateField(_("Hạn hoàn thành"))
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Nhiệm vụ phối hợp")
        verbose_name_plural = _("Nhiệm vụ phối hợp")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.title


class ReviewMeeting(TimeStampedModel):
    """The quarterly review meeting of a programme, with its minutes."""

    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE, related_name="meetings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    quarter = models.PositiveSmallIntegerField(_("Quý"))
    held_on = models.DateField(_("Ngày họp"))
    minutes = models.TextField(_("Biên bản"), max_length=20000)

    class Meta:
        verbose_name = _("Họp giao ban quý")
        verbose_name_plural = _("Họp giao ban quý")
        ordering = ["quarter"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "quarter"], name="outreach_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} Q{self.quarter}"


class JointSupervision(TimeStampedModel):
    """A joint supervision activity: the Front or a mass organisation, with the People's
    Committee, supervises a subject over some days (Law on the Vietnam Fatherland Front 2015,
    Chapter V; Joint Resolution 403/2017). Its recommendations are answered on the clock
    (``SupervisionRecommendation``)."""

    unit = models.ForeignKey(Unit, verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="+")
    organisation = models.CharField(_("Tổ chức chủ trì"), max_length=12)
    # The year's joint programme of that organisation, when the activity is one of its tasks.
    programme = models.ForeignKey(
        JointProgramme,
        verbose_name=_("Chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervisions",
    )
    subject = models.CharField(_("Nội dung giám sát"), max_length=300)
    starts = models.DateField(_("Từ ngày"))
    ends = models.DateField(_("Đến ngày"))
    participants = models.TextField(_("Thành phần tham gia"), max_length=2000)
    findings = models.TextField(_("Kết quả giám sát"), max_length=20000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Hoạt động giám sát phối hợp")
        verbose_name_plural = _("Hoạt động giám sát phối hợp")
        ordering = ["-starts", "-id"]
        indexes = [models.Index(fields=["unit", "-starts"], name="outreach_supervision_unit")]

    def __str__(self) -> str:
        return self.subject

    @property
    def organisation_label(self) -> str:
        from danvan.accounts.roles import Organisation

        return str(dict(Organisation.choices).get(self.organisation, self.organisation))


class SupervisionRecommendation(TimeStampedModel):
    """A recommendation after a supervision, sent to the body that must answer it in writing;
    its clock is a case of kind ``supervision_answer``."""

    supervision = models.ForeignKey(
        JointSupervision, on_delete=models.CASCADE, related_name="recommendations"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="supervision_recommendation"
    )
    text = models.TextField(_("Nội dung kiến nghị"), max_length=4000)
    addressee = models.CharField(_("Cơ quan, người phải trả lời"), max_length=200)
    sent_on = models.DateField(_("Ngày gửi kiến nghị"))
    answer = models.TextField(_("Nội dung trả lời"), max_length=4000, blank=True)
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Kiến nghị sau giám sát")
        verbose_name_plural = _("Kiến nghị sau giám sát")
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]
