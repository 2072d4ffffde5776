"""Importing an XLSForm as a survey's new form version: all or nothing."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core.services import audit_record
from danvan.core.types import Actor, account_of
from danvan.surveys.models import FormMedia, FormVersion, Survey, SurveyScope
from danvan.surveys.xlsform import FormIssue, FormRefused, ParsedForm, parse_xlsform
from danvan.territory.models import Province, Unit

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_survey_code() -> str:
    return "KS-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


@dataclass
class ImportResult:
    version: FormVersion
    created: bool  # False when the very same form version was already stored (a retry)

    @property
    def survey(self) -> Survey:
        return self.version.survey


def form_import(
    *,
    actor: Actor,
    data: bytes,
    filename: str,
    unit: Unit | None = None,
    province: Province | None = None,
    idempotency_key: str | None = None,
    parsed: ParsedForm | None = None,
) -> ImportResult:
    """Store ``data`` (an XLSForm) as a new version of the survey its ``form_id`` names in
    ``unit`` (a commune survey) or ``province`` (a province survey), creating the survey at
    its first upload. Raises :class:`FormRefused` with the report's lines; nothing is stored
    then. The same form_id in another commune or scope is refused (ODK Collect files
    submissions by form_id), and so is a changed form that keeps an uploaded version."""
    if (unit is None) == (province is None):
        raise ValueError("one of unit or province")
    form = parsed or parse_xlsform(data, filename)
    try:
        with transaction.atomic():
            return _store(
                actor=actor,
                form=form,
                data=data,
                filename=filename,
                unit=unit,
                province=province or unit.province,  # type: ignore[union-attr]
                idempotency_key=idempotency_key,
            )
    except IntegrityError as exc:
        if idempotency_key and FormVersion.objects.filter(idempotency_key=idempotency_key).exists():
            raise  # a retry's twin stored it: create_once answers with that row
        # A concurrent upload of the same form_id or version won: report it as a refusal.
        raise FormRefused(
            [
                FormIssue(
                    _("Biểu mẫu này vừa được tải lên cùng lúc; hãy tải lại trang và thử lại."),
                    sheet="settings",
                    column="form_id",
                )
            ]
        ) from exc


def _store(
    *,
    actor: Actor,
    form: ParsedForm,
    data: bytes,
    filename: str,
    unit: Unit | None,
    province: Province,
    idempotency_key: str | None,
) -> ImportResult:
    survey = Survey.objects.select_for_update().filter(form_id=form.form_id).first()
    scope = SurveyScope.UNIT if unit is not None else SurveyScope.PROVINCE
    if survey is not None and (
        survey.scope != scope
        or survey.unit_id != (unit.pk if unit else None)
        or survey.province_id != province.pk
    ):
        raise FormRefused(
            [
                FormIssue(
                    _(
                        "form_id “%(id)s” đã được một khảo sát khác dùng. Hãy đặt form_id khác "
                        "trong trang “settings”."
                    )
                    % {"id": form.form_id},
                    sheet="settings",
                    row=2,
                    column="form_id",
                )
            ]
        )
    if survey is not None:
        existing = survey.versions.filter(version=form.version).first()
        if existing is not None:
            if existing.xml_md5 == form.xml_md5:
                return ImportResult(existing, created=False)
            raise FormRefused(
                [
                    FormIssue(
                        _(
                            "Phiên bản “%(version)s” của biểu mẫu này đã được tải lên với nội dung "
                            "khác. Hãy tăng version trong trang “settings”."
                        )
                        % {"version": form.version},
                        sheet="settings",
                        row=2,
                        column="version",
                    )
                ]
            )
    else:
        survey = Survey.objects.create(
            code=new_survey_code(),
            scope=scope,
            unit=unit,
            province=province,
            form_id=form.form_id,
            title=form.title,
            created_by=account_of(actor),
        )
    version = FormVersion.objects.create(
        survey=survey,
        version=form.version,
        title=form.title,
        xlsform=data,
        xlsform_name=filename[:200],
        xml=form.xml,
        xml_md5=form.xml_md5,
        questions=form.questions,
        languages=form.languages,
        warnings=[w.as_dict() for w in form.warnings],
        idempotency_key=idempotency_key,
        created_by=account_of(actor),
    )
    survey.current_version = version
    survey.title = form.title
    survey.save(update_fields=["current_version", "title"])
    audit_record(
        actor=actor,
        action="surveys.form_import",
        obj=survey,
        unit_code=unit.code if unit else "",
        detail={"form_id": form.form_id, "version": form.version},
    )
    return ImportResult(version, created=True)


def survey_set_flags(
    *, actor: Actor, survey: Survey, is_open: bool | None = None, is_public: bool | None = None
) -> Survey:
    """Open or close collection; publish or withdraw the citizens' link."""
    with transaction.atomic():
        if is_open is not None:
            survey.is_open = is_open
        if is_public is not None:
            survey.is_public = is_public
        survey.save(update_fields=["is_open", "is_public"])
        audit_record(
            actor=actor,
            action="surveys.flags",
            obj=survey,
            unit_code=survey.unit.code if survey.unit_id else "",
            detail={"is_open": survey.is_open, "is_public": survey.is_public},
        )
    return survey


def survey_export_record(*, actor: Actor, survey: Survey, fmt: str, contacts: bool) -> None:
    """Log an export of raw submissions (who took the data, and whether with contacts)."""
    audit_record(
        actor=actor,
        action="surveys.export",
        obj=survey,
        unit_code=survey.unit.code if survey.unit_id else "",
        detail={"format": fmt, "contacts": contacts},
    )


MAX_MEDIA_BYTES = 10 * 1024 * 1024
MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".csv": "text/csv",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".wav": "audio/wav",
    ".ogg": "audio/ogg",
    ".mp4": "video/mp4",
}


class FormMediaError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def form_media_add(*, actor: Actor, version: FormVersion, name: str, data: bytes) -> FormMedia:
    """Attach a media file the form refers to (an image of a choice, a sound), listed in the
    form's OpenRosa manifest. A file the form does not name is refused; a picture must be
    one; uploading a name again replaces it."""
    from danvan.core.uploads import content_kind
    from danvan.surveys.xlsform import media_names

    name = (name or "").strip().split("/")[-1].split("\\")[-1]
    if name not in media_names(version.xml):
        raise FormMediaError(_("Biểu mẫu không dùng tệp “%(name)s”.") % {"name": name})
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = MEDIA_TYPES.get(extension)
    if content_type is None:
        raise FormMediaError(_("Chưa nhận loại tệp này (ảnh JPG/PNG, âm thanh, video MP4, CSV)."))
    if len(data) > MAX_MEDIA_BYTES:
        raise FormMediaError(_("Tệp đính kèm lớn quá 10 MB."))
    if content_type.startswith("image/") and content_kind(data) != content_type.split("/")[1]:
        raise FormMediaError(_("Nội dung tệp không phải ảnh như tên tệp ghi."))
    with transaction.atomic():
        FormMedia.objects.filter(form_version=version, name=name).delete()
        media = FormMedia.objects.create(
            form_version=version,
            name=name,
            content_type=content_type,
            data=data,
            md5=hashlib.md5(data).hexdigest(),  # noqa: S324 — OpenRosa's manifest hash
        )
        audit_record(
            actor=actor,
            action="surveys.form_media_add",
            obj=version.survey,
            detail={"version": version.version, "name": name},
        )
    return media
