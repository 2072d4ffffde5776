"""Surveys, their form versions and what is collected with them (issue #16, forms and
collection). The statistics half (sampling plans, weights, estimates) reads these tables:

- ``Submission.answers`` is a dict ``{question name: value}`` for the current (not
  superseded) submissions (``Submission.objects.filter(superseded_by__isnull=True)``, or the
  selector ``current_submissions``). Groups are flattened (a question's key is its XLSForm
  ``name``, unique in a form); a repeat is a list of such dicts under the repeat's name.
  Values are typed by the question: ``integer`` → int, ``decimal`` → float, ``select_multiple``
  → list of choice names, every other type → the string Collect sent (dates ``YYYY-MM-DD``);
  an unanswered question is absent.
- ``Submission.unit`` and ``Submission.village`` are the commune and village the answer was
  collected in (from the form's ``village`` question when the form has one, else from the
  enumerator's assignment or the survey's commune); ``Submission.sex`` and
  ``Submission.age_group`` copy the respondent's sex (``male``/``female``) and age group (the
  choice name, e.g. ``18_29``) when the form asks them (questions named ``sex`` and
  ``age_group``, as the built-in instruments do), for post-stratification.
- ``FormVersion.questions`` is the parsed question list: a list of dicts ``{"name", "type",
  "path", "label": {lang: text}, "choices": [{"name", "label": {lang: text}}] | None,
  "repeat": repeat name | None, "group": group name | None, "required", "relevant",
  "constraint", "calculation"}`` in form order (groups and repeats themselves are listed with
  type ``begin_group``/``begin_repeat``).

Respondents' names and phones are never in ``answers``: they live in ``RespondentContact``,
read only by the roles that may see them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.territory.models import Province, Unit, Village


class SurveyScope(models.TextChoices):
    UNIT = "unit", _("Một xã, phường")
    PROVINCE = "province", _("Toàn tỉnh")


class Survey(models.Model):
    """A survey a commune or the province runs (every year, say), with its form's versions.

    ``code`` is the public id (API, URLs, OpenRosa). ``form_id`` is the XForm's id from the
    XLSForm's settings sheet; it is unique across the server because ODK Collect files
    submissions by it.
    """

    code = models.CharField(_("Mã khảo sát"), max_length=16, unique=True)
    scope = models.CharField(
        _("Phạm vi"), max_length=10, choices=SurveyScope.choices, default=SurveyScope.UNIT
    )
    # A commune survey has its commune; every survey has its province (the commune's, for a
    # commune survey), so access by province is one filter.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Xã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    province = models.ForeignKey(
        Province, verbose_name=_("Tỉnh"), on_delete=models.PROTECT, related_name="surveys"
    )
    form_id = models.CharField(_("Mã biểu mẫu (form_id)"), max_length=100, unique=True)
    title = models.CharField(_("Tên khảo sát"), max_length=300)
    current_version = models.ForeignKey(
        "FormVersion",
        verbose_name=_("Phiên bản hiện hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Collecting: closed surveys refuse new submissions (edits of old ones too).
    is_open = models.BooleanField(_("Đang nhận phiếu"), default=True)
    # Citizens may answer on the public web form (a link per survey, no sign-in).
    is_public = models.BooleanField(
        _("Người dân tự trả lời qua đường dẫn công khai"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Khảo sát")
        verbose_name_plural = _("Khảo sát")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="province", unit__isnull=True)
                | Q(scope="unit", unit__isnull=False),
                name="survey_scope_has_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class FormVersion(models.Model):
    """One uploaded XLSForm of a survey, converted once to XForm XML and a question list."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("Khảo sát"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.CharField(_("Phiên bản"), max_length=64)
    title = models.CharField(_("Tiêu đề biểu mẫu"), max_length=300)
    # The file as uploaded (kept in the database: small, and a failed import leaves nothing).
    xlsform = models.BinaryField(_("Tệp XLSForm"))
    xlsform_name = models.CharField(_("Tên tệp"), max_length=200)
    xml = models.TextField(_("XForm XML"))
    # md5 of ``xml`` as OpenRosa's formList wants it ("md5:…").
    xml_md5 = models.CharField(max_length=32)
    questions = models.JSONField(_("Danh sách câu hỏi"), default=list)
    languages = models.JSONField(_("Ngôn ngữ"), default=list)
    warnings = models.JSONField(_("Cảnh báo khi nhập"), default=list)
    # A retried API upload (Idempotency-Key) finds this row.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Phiên bản biểu mẫu")
        verbose_name_plural = _("Phiên bản biểu mẫu")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "version"], name="formversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} v{self.version}"


class FormMedia(models.Model):
    """A media file a form version refers to (images, audio), listed in its manifest."""

    form_version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="media")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    data = models.BinaryField()
    md5 = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form_version", "name"], name="formmedia_unique")
        ]

    def __str__(self) -> str:
        return str(self.name)


class SubmissionSource(models.TextChoices):
    OPENROSA = "openrosa", _("ODK Collect")
    WEB = "web", _("Biểu mẫu web")
    PUBLIC = "public", _("Người dân tự trả lời")


class Submission(models.Model):
    """One filled form. ``instance_id`` (the form's ``meta/instanceID``) is unique per
    survey: a resend finds the stored row. An edit carries ``deprecated_id`` = the
    instanceID it replaces; the replaced row gets ``superseded_by`` and stops counting."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("Khảo sát"), on_delete=models.CASCADE, related_name="submissions"
    )
    form_version = models.ForeignKey(
        FormVersion, on_delete=models.PROTECT, related_name="submissions"
    )
    instance_id = models.CharField(_("Mã phiếu (instanceID)"), max_length=100)
    deprecated_id = models.CharField(max_length=100, blank=True, default="")
    xml = models.TextField(_("Dữ liệu XML"))
    answers = models.JSONField(_("Câu trả lời"), default=dict)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Xã"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("Thôn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sex = models.CharField(_("Giới tính"), max_length=10, blank=True, default="")
    age_group = models.CharField(_("Nhóm tuổi"), max_length=20, blank=True, default="")
    enumerator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(max_length=10, choices=SubmissionSource.choices)
    received_at = models.DateTimeField(_("Nhận lúc"), auto_now_add=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Phiếu khảo sát")
        verbose_name_plural = _("Phiếu khảo sát")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "instance_id"], name="submission_unique_instance"
            )
        ]
        indexes = [
            models.Index(fields=["survey", "-received_at"], name="submission_survey_received"),
            models.Index(fields=["survey", "unit"], name="submission_survey_unit"),
        ]

    def __str__(self) -> str:
        return self.instance_id

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None


class SubmissionAttachment(models.Model):
    """A file sent with a submission (photo, signature). Served only through access checks."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "name"], name="attachment_unique_name")
        ]

    def __str__(self) -> str:
        return str(self.name)


class RespondentContact(models.Model):
    """A respondent's name and phone, when they agree to be called back. Kept apart from the
    answers: exports and the statistics never read it; only ``CONTACT_ROLES`` see it."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("Họ tên"), max_length=200, blank=True, default="")
    phone = models.CharField(_("Số điện thoại"), max_length=20, blank=True, default="")

    class Meta:
        verbose_name = _("Liên hệ người trả lời")
        verbose_name_plural = _("Liên hệ người trả lời")

    def __str__(self) -> str:
        return str(self.submission_id)


class EnumeratorCredential(models.Model):
    """An enumerator's collection password for ODK Collect, stored only as the HTTP digest
    HA1 = md5(username:realm:password). Not the login password: digest cannot check Django's
    password hashes, and it skips the second factor. Shown once; revoked, it stops working."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collection_credentials"
    )
    username = models.CharField(max_length=150)
    realm = models.CharField(max_length=100)
    ha1 = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Mật khẩu thu thập")
        verbose_name_plural = _("Mật khẩu thu thập")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live credential per user: a new one revokes the old in the same transaction.
            models.UniqueConstraint(
                fields=["username"],
                condition=Q(revoked_at__isnull=True),
                name="credential_one_live_per_username",
            )
        ]

    def __str__(self) -> str:
        return str(self.username)


class EnumeratorAssignment(models.Model):
    """An enumerator may collect for this survey (in ``unit`` when set: where they work)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_assignments"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="assignment_unique")]

    def __str__(self) -> str:
        return str(self.user_id)


class SubmissionDraft(models.Model):
    """A web form being filled: the answers so far, saved on every page. ``token`` is the
    draft's secret in its URL; ``instance_id`` is fixed when the draft starts, so a form sent
    twice is stored once."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    form_version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    instance_id = models.CharField(max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    values = models.JSONField(default=dict)
    page = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return str(self.instance_id)
