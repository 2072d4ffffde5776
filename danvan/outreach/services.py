"""Writes of dissemination: campaigns, content versions, sessions, villages' languages.

Every service validates what it is given (an ``OutreachError`` with a stable code and a
translated message, which forms show beside the field and the API returns as 422), runs in
one transaction and leaves an audit entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.core.idempotency import create_once
from danvan.core.services import audit_record
from danvan.core.types import Account
from danvan.outreach.models import (
    Attendance,
    Audience,
    Campaign,
    CampaignLink,
    Channel,
    ContentVersion,
    Course,
    JointProgramme,
    JointSupervision,
    JointTask,
    Language,
    ModelProgress,
    ModelStatus,
    ModelTopic,
    RecognitionLevel,
    Registrant,
    ReviewMeeting,
    Session,
    SkilfulModel,
    SupervisionRecommendation,
    TrainingSession,
    VillageLanguage,
)
from danvan.territory.models import Unit, Village

# Who organises dissemination in a commune: its leaders and specialists, the Front and the
# organisations, and the village heads who hold the meetings.
ACTING_ROLES = (Role.LEADER, Role.SPECIALIST, Role.FRONT, Role.VILLAGE_HEAD)
MAX_ATTENDEES = 100000


def _create_keyed[T](model: type[T], key: str | None, create: Callable[[], T]) -> T:
    """``create()``'s row, or the one a first attempt with the same ``submission_key``
    already made (a coordination row and its case are created once per key)."""
    with transaction.atomic():
        row, _created = create_once(
            key=key,
            find=lambda k: model.objects.filter(submission_key=k).first(),  # type: ignore[attr-defined]
            create=create,
        )
    return row


class OutreachError(Exception):
    def __init__(self, code: str, message: object, field: str | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field


def can_act(user: object, unit: Unit) -> bool:
    return has_role(user, unit, *ACTING_ROLES)


def _choices(values: Iterable[str], allowed: list[str], code: str, label: object) -> list[str]:
    out: list[str] = []
    for value in values:
        if value not in allowed:
            raise OutreachError(code, _("Giá trị không hợp lệ: %(v)s.") % {"v": value}, code)
        if value not in out:
            out.append(value)
    if not out:
        raise OutreachError(code, label, code)
    return out


def _require(actor: Account, unit: Unit) -> None:
    if not can_act(actor, unit):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))


@dataclass(frozen=True)
class CampaignInput:
    unit: Unit
    subject: str
    audiences: list[str]
    channels: list[str]
    languages: list[str]
    starts: date
    ends: date
    submission_key: str | None = None


def campaign_create(*, data: CampaignInput, actor: Account) -> Campaign:
    """A new campaign; with a ``submission_key`` already used, the campaign it created."""
    _require(actor, data.unit)
    subject = " ".join(data.subject.split())
    if len(subject) < 5:
        raise OutreachError("subject", _("Nội dung tuyên truyền cần ít nhất 5 ký tự."), "subject")
    if len(subject) > 300:
        raise OutreachError(
            "subject", _("Nội dung tuyên truyền quá dài (tối đa 300 ký tự)."), "subject"
        )
    audiences = _choices(
        data.audiences, Audience.values, "audiences", _("Chọn ít nhất một nhóm đối tượng.")
    )
    channels = _choices(data.channels, Channel.values, "channels", _("Chọn ít nhất một hình thức."))
    languages = _choices(
        data.languages, Language.values, "languages", _("Chọn ít nhất một ngôn ngữ.")
    )
    if data.ends < data.starts:
        raise OutreachError("ends", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."), "ends")
    if (data.ends - data.starts).days > 3 * 366:
        raise OutreachError("ends", _("Một chiến dịch kéo dài tối đa 3 năm."), "ends")
    if data.submission_key:
        existing = Campaign.objects.filter(submission_key=data.submission_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                unit=data.unit,
                subject=subject,
                audiences=audiences,
                channels=channels,
                languages=languages,
                starts=data.starts,
                ends=data.ends,
                created_by=actor,
                submission_key=data.submission_key,
            )
            audit_record(
                actor=actor,
                action="outreach.campaign_create",
                obj=campaign,
                unit_code=data.unit.code,
                detail={"languages": languages, "channels": channels},
            )
    except IntegrityError:
        # The same key sent twice at once: the other request created it.
        existing = Campaign.objects.filter(submission_key=data.submission_key).first()
        if existing is None:
            raise
        return existing
    return campaign


@dataclass(frozen=True)
class SessionInput:
    village_id: int
    date: date
    channel: str
    language: str
    attendees: int
    attendees_female: int
    attendees_minority: int
    check_questions: int = 0
    check_correct: int = 0
    submission_key: str | None = None


def session_record(*, campaign: Campaign, data: SessionInput, actor: Account) -> Session:
    """Record a session held in one of the campaign's commune's villages."""
    unit = campaign.unit
    _require(actor, unit)
    village = Village.objects.filter(pk=data.village_id, unit=unit).first()
    if village is None:
        raise OutreachError("village", _("Chọn một thôn, tổ dân phố của xã."), "village")
    if not campaign.starts <= data.date <= campaign.ends:
        raise OutreachError(
            "date",
            _("Ngày phải trong thời gian của chiến dịch (%(a)s – %(b)s).")
            % {"a": campaign.starts.strftime("%d/%m/%Y"), "b": campaign.ends.strftime("%d/%m/%Y")},
            "date",
        )
    if data.channel not in campaign.channels:
        raise OutreachError("channel", _("Hình thức này không có trong chiến dịch."), "channel")
    if data.language not in campaign.languages:
        raise OutreachError("language", _("Ngôn ngữ này không có trong chiến dịch."), "language")
    for field, value in (
        ("attendees", data.attendees),
        ("attendees_female", data.attendees_female),
        ("attendees_minority", data.attendees_minority),
        ("check_questions", data.check_questions),
        ("check_correct", data.check_correct),
    ):
        if value < 0 or value > MAX_ATTENDEES:
            raise OutreachError(field, _("Số không hợp lệ."), field)
    if data.attendees_female > data.attendees:
        raise OutreachError(
            "attendees_female", _("Số nữ không được lớn hơn số người dự."), "attendees_female"
        )
    if data.attendees_minority > data.attendees:
        raise OutreachError(
            "attendees_minority",
            _("Số người dân tộc thiểu số không được lớn hơn số người dự."),
            "attendees_minority",
        )
    if data.check_questions > 50:
        raise OutreachError("check_questions", _("Tối đa 50 câu hỏi."), "check_questions")
    if data.check_correct > data.check_questions:
        raise OutreachError(
            "check_correct", _("Số câu đúng không được lớn hơn số câu hỏi."), "check_correct"
        )
    if data.submission_key:
        existing = Session.objects.filter(submission_key=data.submission_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            session = Session.objects.create(
                campaign=campaign,
                unit=unit,
                village=village,
                date=data.date,
                channel=data.channel,
                language=data.language,
                attendees=data.attendees,
                attendees_female=data.attendees_female,
                attendees_minority=data.attendees_minority,
                check_questions=data.check_questions,
                check_correct=data.check_correct,
                recorded_by=actor,
                submission_key=data.submission_key,
            )
            audit_record(
                actor=actor,
                action="outreach.session_record",
                obj=session,
                unit_code=unit.code,
                detail={"campaign": campaign.pk, "village": village.pk},
            )
    except IntegrityError:
        existing = Session.objects.filter(submission_key=data.submission_key).first()
        if existing is None:
            raise
        return existing
    return session


def version_save(
    *, campaign: Campaign, language: str, title: str, body: str, author: str, actor: Account
) -> ContentVersion:
    """Write (or rewrite) the campaign's content in one language, as a person entered it."""
    _require(actor, campaign.unit)
    if language not in Language.values:
        raise OutreachError("language", _("Ngôn ngữ không hợp lệ."), "language")
    title, author, body = title.strip(), author.strip(), body.strip()
    if not title:
        raise OutreachError("title", _("Nhập tiêu đề."), "title")
    if len(body) < 10:
        raise OutreachError("body", _("Nội dung cần ít nhất 10 ký tự."), "body")
    if not author:
        raise OutreachError("author", _("Ghi tên người biên soạn hoặc dịch."), "author")
    with transaction.atomic():
        version, created = ContentVersion.objects.update_or_create(
            campaign=campaign,
            language=language,
            defaults={
                "unit": campaign.unit,
                "title": title[:300],
                "body": body[:20000],
                "author": author[:150],
                "entered_by": actor,
            },
        )
        audit_record(
            actor=actor,
            action="outreach.version_save",
            obj=version,
            unit_code=campaign.unit.code,
            detail={"campaign": campaign.pk, "language": language, "created": created},
        )
    return version


def village_languages_set(*, unit: Unit, languages: dict[int, str], actor: Account) -> int:
    """Set the language of the unit's villages (``{village id: code or ""}``, "" = unknown).
    Returns the number of villages changed."""
    _require(actor, unit)
    villages = {v.pk: v for v in Village.objects.filter(unit=unit)}
    current = {row.village_id: row for row in VillageLanguage.objects.filter(village__unit=unit)}
    changed = 0
    with transaction.atomic():
        for village_id, code in languages.items():
            if village_id not in villages:
                raise OutreachError("village", _("Chọn một thôn, tổ dân phố của xã."), "village")
            if code and code not in Language.values:
                raise OutreachError("language", _("Ngôn ngữ không hợp lệ."), "language")
            row = current.get(village_id)
            if not code and row is not None:
                row.delete()
                changed += 1
            elif code and row is None:
                VillageLanguage.objects.create(unit=unit, village_id=village_id, language=code)
                changed += 1
            elif code and row is not None and row.language != code:
                row.language = code
                row.save(update_fields=["language"])
                changed += 1
        if changed:
            audit_record(
                actor=actor,
                action="outreach.village_languages_set",
                unit_code=unit.code,
                detail={"changed": changed},
            )
    return changed


# --------------------------------------------------------------------------- training
# Who records the commune officers' training: its leaders and administrators.
TRAINING_ROLES = (Role.LEADER, Role.ADMIN)


def can_record_training(user: object, unit: Unit) -> bool:
    return has_role(user, unit, *TRAINING_ROLES)


def _officer_ids_of(unit: Unit) -> dict[str, int]:
    from danvan.accounts.selectors import officers_of_unit

    return {
        username.lower(): pk
        for pk, username in officers_of_unit(unit).values_list("pk", "username")
    }


def training_record(
    *,
    unit: Unit,
    course: Course,
    day: date,
    place: str,
    officer_ids: list[int],
    actor: Account,
) -> TrainingSession:
    """A session of ``course`` held on ``day`` and the officers of ``unit`` who completed it."""
    if not can_record_training(actor, unit):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    officers = set(_officer_ids_of(unit).values())
    if not officer_ids:
        raise OutreachError("officers", _("Chọn ít nhất một cán bộ."), "officers")
    if any(pk not in officers for pk in officer_ids):
        raise OutreachError("officers", _("Chỉ chọn cán bộ của xã."), "officers")
    with transaction.atomic():
        session = TrainingSession.objects.create(
            unit=unit, course=course, date=day, place=place.strip()[:200]
        )
        Attendance.objects.bulk_create(
            [Attendance(session=session, unit=unit, officer_id=pk) for pk in set(officer_ids)]
        )
        audit_record(
            actor=actor,
            action="outreach.training_record",
            obj=session,
            unit_code=unit.code,
            detail={"course": course.code, "officers": len(set(officer_ids))},
        )
    return session


@dataclass(frozen=True)
class ImportLine:
    line: int
    username: str
    course: str
    day: str
    place: str = ""


class ImportRefused(Exception):
    """The import as a whole is refused; ``errors`` is every bad line: (line, message)."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(f"{len(errors)} bad lines")
        self.errors = errors


def _parse_day(text: str) -> date | None:
    from datetime import datetime

    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 - a day, no time
        except ValueError:
            continue
    return None


def attendance_import(*, unit: Unit, lines: list[ImportLine], actor: Account) -> int:
    """Past attendance, all or nothing: every line is checked, and if any is bad nothing is
    stored and every bad line is reported. Lines of the same course, day and place make one
    session. Returns the number of attendances stored (repeats of what is stored are
    skipped, so importing the same file twice stores it once)."""
    if not can_record_training(actor, unit):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    officers = _officer_ids_of(unit)
    courses = {c.code.upper(): c for c in Course.objects.all()}
    errors: list[tuple[int, str]] = []
    good: list[tuple[int, Course, date, str]] = []
    seen: set[tuple[int, str, date]] = set()
    for item in lines:
        problems = []
        officer_id = officers.get(item.username.strip().lower())
        if officer_id is None:
            problems.append(
                str(_("không có cán bộ “%(u)s” trong xã") % {"u": item.username.strip()})
            )
        course = courses.get(item.course.strip().upper())
        if course is None:
            problems.append(str(_("không có khóa “%(c)s”") % {"c": item.course.strip()}))
        day = _parse_day(item.day)
        if day is None:
            problems.append(str(_("ngày “%(d)s” không đúng dạng dd/mm/yyyy") % {"d": item.day}))
        elif not date(1990, 1, 1) <= day <= timezone.localdate():
            problems.append(str(_("ngày “%(d)s” không hợp lệ") % {"d": item.day}))
        if problems:
            errors.append((item.line, "; ".join(problems)))
            continue
        assert officer_id is not None and course is not None and day is not None
        key = (officer_id, course.code, day)
        if key in seen:
            errors.append((item.line, str(_("trùng với một dòng phía trên"))))
            continue
        seen.add(key)
        good.append((officer_id, course, day, item.place.strip()[:200]))
    if not lines:
        errors.append((1, str(_("tệp không có dòng dữ liệu nào"))))
    if errors:
        raise ImportRefused(errors)
    stored = 0
    with transaction.atomic():
        sessions: dict[tuple[int, date, str], TrainingSession] = {}
        for officer_id, course, day, place in good:
            key = (course.pk, day, place)
            if key not in sessions:
                sessions[key], _created = TrainingSession.objects.get_or_create(
                    unit=unit, course=course, date=day, place=place
                )
            _att, created = Attendance.objects.get_or_create(
                session=sessions[key],
                officer_id=officer_id,
                defaults={"unit": unit, "imported": True},
            )
            stored += int(created)
        audit_record(
            actor=actor,
            action="outreach.attendance_import",
            unit_code=unit.code,
            detail={"lines": len(lines), "stored": stored},
        )
    return stored


# --------------------------------------------------------------------- Dân vận khéo
PARTY_MODEL_LIMIT = 3
PARTY_ROLES = (Role.PARTY_SECRETARY, Role.LEADER)


def registrants_for(user: object, unit: Unit) -> list[str]:
    """What ``user`` may register models for in ``unit``: the Party committee (its secretary
    or the commune's leaders) and the organisations their front memberships speak for."""
    from danvan.accounts.access import organisations_for

    out = [Registrant.PARTY.value] if has_role(user, unit, *PARTY_ROLES) else []
    out += [code for code in Registrant.values if code in organisations_for(user, unit)]
    return out


def can_decide_model(user: object, model: SkilfulModel, level: str) -> bool:
    """Commune recognition by the commune's Party secretary or leaders; provincial by an
    appraiser of the province."""
    if level == RecognitionLevel.PROVINCE:
        from danvan.accounts.access import memberships_for

        return any(
            m.role == Role.APPRAISER and m.province_id == model.unit.province_id
            for m in memberships_for(user)  # type: ignore[arg-type]
        )
    return has_role(user, model.unit, *PARTY_ROLES)


MODEL_TEXT_FIELDS = (
    "title",
    "problem",
    "objectives",
    "method",
    "area",
    "forces",
    "outputs",
)


@dataclass(frozen=True)
class ModelInput:
    unit: Unit
    year: int
    registrant: str
    title: str
    topic: str
    problem: str
    objectives: str
    method: str
    area: str
    forces: str
    resources: str
    starts: date
    ends: date
    outputs: str
    submission_key: str | None = None


def model_register(*, data: ModelInput, actor: Account) -> SkilfulModel:
    if data.registrant not in registrants_for(actor, data.unit):
        raise OutreachError("forbidden", _("Bạn không đăng ký mô hình thay cho đơn vị này được."))
    if data.topic not in ModelTopic.values:
        raise OutreachError("topic", _("Lĩnh vực không hợp lệ."), "topic")
    for name in MODEL_TEXT_FIELDS:
        if len(str(getattr(data, name)).strip()) < 3:
            raise OutreachError(name, _("Mục này cần được điền."), name)
    if not 2000 <= data.year <= 2100:
        raise OutreachError("year", _("Năm không hợp lệ."), "year")
    if data.ends < data.starts:
        raise OutreachError("ends", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."), "ends")

    def create() -> SkilfulModel:
        if data.registrant == Registrant.PARTY:
            # Lock the commune's row so two registrations at once cannot both pass the cap.
            Unit.objects.select_for_update().filter(pk=data.unit.pk).first()
            count = (
                SkilfulModel.objects.filter(
                    unit=data.unit, year=data.year, registrant=data.registrant
                )
                .exclude(status=ModelStatus.REMOVED)
                .count()
            )
            if count >= PARTY_MODEL_LIMIT:
                raise OutreachError(
                    "registrant",
                    _("Đảng ủy xã đăng ký tối đa 3 mô hình mỗi năm."),
                    "registrant",
                )
        model = SkilfulModel.objects.create(
            unit=data.unit,
            year=data.year,
            registrant=data.registrant,
            title=data.title.strip()[:200],
            topic=data.topic,
            problem=data.problem.strip(),
            objectives=data.objectives.strip(),
            method=data.method.strip(),
            area=data.area.strip()[:300],
            forces=data.forces.strip()[:300],
            resources=data.resources.strip()[:300],
            starts=data.starts,
            ends=data.ends,
            outputs=data.outputs.strip(),
            submission_key=data.submission_key,
        )
        audit_record(
            actor=actor,
            action="outreach.model_register",
            obj=model,
            unit_code=data.unit.code,
            detail={"registrant": data.registrant, "year": data.year},
        )
        return model

    # A retried registration (or its concurrent twin) finds the row the first one made.
    return _create_keyed(SkilfulModel, data.submission_key, create)


def model_progress_add(
    *, model: SkilfulModel, day: date, result: str, evidence: str, actor: Account
) -> ModelProgress:
    allowed = model.registrant in registrants_for(actor, model.unit) or has_role(
        actor, model.unit, *PARTY_ROLES
    )
    if not allowed:
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if model.status == ModelStatus.REMOVED:
        raise OutreachError("status", _("Mô hình đã được đưa ra khỏi danh sách."))
    if len(result.strip()) < 3:
        raise OutreachError("result", _("Mục này cần được điền."), "result")
    if len(evidence.strip()) < 3:
        raise OutreachError("evidence", _("Ghi minh chứng (văn bản, ảnh, số liệu)."), "evidence")
    with transaction.atomic():
        row = ModelProgress.objects.create(
            model=model,
            unit=model.unit,
            date=day,
            result=result.strip(),
            evidence=evidence.strip()[:500],
        )
        audit_record(
            actor=actor, action="outreach.model_progress", obj=row, unit_code=model.unit.code
        )
    return row


def model_decide(
    *,
    model: SkilfulModel,
    decision: str,
    day: date,
    actor: Account,
    level: str = "",
    exemplary: bool = False,
    reason: str = "",
) -> SkilfulModel:
    """Recognise a model (commune or province level, exemplary or not) or remove it with a
    reason."""
    if decision == "recognise":
        if level not in RecognitionLevel.values:
            raise OutreachError("level", _("Chọn cấp công nhận."), "level")
        if not can_decide_model(actor, model, level):
            raise OutreachError("forbidden", _("Bạn không có quyền công nhận ở cấp này."))
        if model.status == ModelStatus.REMOVED:
            raise OutreachError("status", _("Mô hình đã được đưa ra khỏi danh sách."))
        model.status, model.level, model.exemplary = ModelStatus.RECOGNISED, level, exemplary
        model.removal_reason = ""
    elif decision == "remove":
        if not can_decide_model(actor, model, RecognitionLevel.COMMUNE):
            raise OutreachError(
                "forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này.")
            )
        if len(reason.strip()) < 5:
            raise OutreachError("reason", _("Ghi lý do đưa mô hình ra khỏi danh sách."), "reason")
        model.status, model.level, model.exemplary = ModelStatus.REMOVED, "", False
        model.removal_reason = reason.strip()[:500]
    else:
        raise OutreachError("decision", _("Quyết định không hợp lệ."), "decision")
    model.decided_on = day
    with transaction.atomic():
        model.save(
            update_fields=[
                "status",
                "level",
                "exemplary",
                "removal_reason",
                "decided_on",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action=f"outreach.model_{decision}",
            obj=model,
            unit_code=model.unit.code,
            detail={"level": level, "exemplary": exemplary},
        )
    return model


# ------------------------------------------------------------------------ coordination
COORDINATION_ROLES = (Role.LEADER, Role.SPECIALIST)


def can_run_programme(user: object, unit: Unit, organisation: str = "") -> bool:
    """The commune's leaders and specialists run every programme; a Front or organisation
    member the programme of its own organisation."""
    from danvan.accounts.access import organisations_for

    if has_role(user, unit, *COORDINATION_ROLES):
        return True
    return bool(organisation) and organisation in organisations_for(user, unit)


def programme_create(
    *,
    unit: Unit,
    year: int,
    organisation: str,
    title: str,
    signed_on: date,
    actor: Account,
    submission_key: str | None = None,
) -> JointProgramme:
    from danvan.accounts.roles import Organisation

    if not has_role(actor, unit, *COORDINATION_ROLES):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if submission_key:
        existing = JointProgramme.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    if organisation not in Organisation.values:
        raise OutreachError("organisation", _("Tổ chức không hợp lệ."), "organisation")
    if len(title.strip()) < 5:
        raise OutreachError("title", _("Mục này cần được điền."), "title")
    if not 2000 <= year <= 2100 or signed_on.year not in (year - 1, year):
        raise OutreachError("signed_on", _("Ngày ký phải thuộc năm chương trình."), "signed_on")
    if JointProgramme.objects.filter(unit=unit, year=year, organisation=organisation).exists():
        raise OutreachError(
            "organisation", _("Tổ chức này đã có chương trình phối hợp của năm."), "organisation"
        )

    def create() -> JointProgramme:
        programme = JointProgramme.objects.create(
            unit=unit,
            year=year,
            organisation=organisation,
            title=title.strip()[:200],
            signed_on=signed_on,
            submission_key=submission_key,
        )
        audit_record(
            actor=actor, action="outreach.programme_create", obj=programme, unit_code=unit.code
        )
        return programme

    try:
        programme, _created = create_once(
            key=submission_key,
            find=lambda k: JointProgramme.objects.filter(submission_key=k).first(),
            create=create,
        )
    except IntegrityError:
        # Two requests for the same organisation and year at once: the other one won.
        raise OutreachError(
            "organisation", _("Tổ chức này đã có chương trình phối hợp của năm."), "organisation"
        ) from None
    return programme


def joint_task_add(
    *,
    programme: JointProgramme,
    title: str,
    owner: str,
    deadline: date,
    actor: Account,
    submission_key: str | None = None,
) -> JointTask:
    """A task with its owner and agreed deadline, on the clock as a case of kind
    ``joint_task`` whose due date is the agreed deadline."""
    import secrets

    from danvan.cases.services import case_open_detail, case_open_joined, case_set_due
    from danvan.outreach.kinds import DEADLINE_AGREED, JOINT_TASK_KIND, JOINT_TASK_RULE

    unit = programme.unit
    if not can_run_programme(actor, unit):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if submission_key:
        existing = JointTask.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    if len(title.strip()) < 5:
        raise OutreachError("title", _("Mục này cần được điền."), "title")
    if len(owner.strip()) < 2:
        raise OutreachError("owner", _("Mục này cần được điền."), "owner")
    now = timezone.now()
    if deadline < timezone.localdate():
        raise OutreachError("deadline", _("Hạn hoàn thành phải từ hôm nay trở đi."), "deadline")

    def create() -> JointTask:
        case = case_open_joined(
            unit=unit,
            kind=JOINT_TASK_KIND,
            code=f"PH-{unit.code}-{now:%y}-{secrets.token_hex(4).upper()}",
            title=title.strip()[:300],
            rule_id=JOINT_TASK_RULE,
            received_at=now,
            actor=actor,
            department=owner.strip()[:100],
        )
        case = case_set_due(
            case=case,
            actor=actor,
            due_date=deadline,
            kind=DEADLINE_AGREED,
            note=programme.title,
        )
        task = JointTask.objects.create(
            programme=programme,
            unit=unit,
            case=case,
            title=title.strip()[:300],
            owner=owner.strip()[:150],
            deadline=deadline,
            submission_key=submission_key,
        )
        audit_record(
            actor=actor,
            action="outreach.joint_task_add",
            obj=task,
            unit_code=unit.code,
            detail=case_open_detail(case),
        )
        return task

    return _create_keyed(JointTask, submission_key, create)


def joint_task_done(*, task: JointTask, actor: Account, note: str = "") -> JointTask:
    from danvan.cases.models import CaseStatus
    from danvan.cases.services import case_close

    if not can_run_programme(actor, task.unit, task.programme.organisation):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if task.case.closed_at is not None:
        raise OutreachError("closed", _("Nhiệm vụ đã hoàn thành."))
    case_close(
        case=task.case, actor=actor, status=CaseStatus.RESOLVED, at=timezone.now(), note=note[:500]
    )
    return task


def review_record(
    *, programme: JointProgramme, quarter: int, held_on: date, minutes: str, actor: Account
) -> ReviewMeeting:
    if not can_run_programme(actor, programme.unit, programme.organisation):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if quarter not in (1, 2, 3, 4):
        raise OutreachError("quarter", _("Quý không hợp lệ."), "quarter")
    if held_on.year != programme.year or (held_on.month - 1) // 3 + 1 != quarter:
        raise OutreachError(
            "held_on", _("Ngày họp phải thuộc quý đã chọn của năm chương trình."), "held_on"
        )
    if len(minutes.strip()) < 20:
        raise OutreachError("minutes", _("Biên bản cần ít nhất 20 ký tự."), "minutes")
    if ReviewMeeting.objects.filter(programme=programme, quarter=quarter).exists():
        raise OutreachError("quarter", _("Quý này đã có cuộc họp giao ban."), "quarter")
    with transaction.atomic():
        meeting = ReviewMeeting.objects.create(
            programme=programme,
            unit=programme.unit,
            quarter=quarter,
            held_on=held_on,
            minutes=minutes.strip(),
        )
        audit_record(
            actor=actor, action="outreach.review_record", obj=meeting, unit_code=programme.unit.code
        )
    return meeting


# ---------------------------------------------------------------- joint supervision
@dataclass(frozen=True)
class SupervisionInput:
    unit: Unit
    organisation: str
    subject: str
    starts: date
    ends: date
    participants: str
    findings: str = ""
    submission_key: str | None = None


def supervision_create(*, data: SupervisionInput, actor: Account) -> JointSupervision:
    """A joint supervision activity led by the Front or one organisation (its members, or
    the commune's leaders and specialists); with a used ``submission_key``, the one it made."""
    from danvan.accounts.roles import Organisation

    if data.organisation not in Organisation.values:
        raise OutreachError("organisation", _("Tổ chức không hợp lệ."), "organisation")
    if not can_run_programme(actor, data.unit, data.organisation):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    subject = " ".join(data.subject.split())
    if len(subject) < 5:
        raise OutreachError("subject", _("Nội dung giám sát cần ít nhất 5 ký tự."), "subject")
    if data.ends < data.starts:
        raise OutreachError("ends", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."), "ends")
    if (data.ends - data.starts).days > 366:
        raise OutreachError("ends", _("Một đợt giám sát kéo dài tối đa 1 năm."), "ends")
    if len(data.participants.strip()) < 3:
        raise OutreachError("participants", _("Ghi thành phần tham gia."), "participants")
    programme = JointProgramme.objects.filter(
        unit=data.unit, year=data.starts.year, organisation=data.organisation
    ).first()

    def create() -> JointSupervision:
        row = JointSupervision.objects.create(
            unit=data.unit,
            organisation=data.organisation,
            programme=programme,
            subject=subject[:300],
            starts=data.starts,
            ends=data.ends,
            participants=data.participants.strip()[:2000],
            findings=data.findings.strip()[:20000],
            created_by=actor,
            submission_key=data.submission_key,
        )
        audit_record(
            actor=actor,
            action="outreach.supervision_create",
            obj=row,
            unit_code=data.unit.code,
            detail={"organisation": data.organisation},
        )
        return row

    return _create_keyed(JointSupervision, data.submission_key, create)


def supervision_findings(
    *, supervision: JointSupervision, findings: str, actor: Account
) -> JointSupervision:
    if not can_run_programme(actor, supervision.unit, supervision.organisation):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if len(findings.strip()) < 20:
        raise OutreachError("findings", _("Kết quả giám sát cần ít nhất 20 ký tự."), "findings")
    with transaction.atomic():
        supervision.findings = findings.strip()[:20000]
        supervision.save(update_fields=["findings", "updated_at"])
        audit_record(
            actor=actor,
            action="outreach.supervision_findings",
            obj=supervision,
            unit_code=supervision.unit.code,
        )
    return supervision


def recommendation_add(
    *,
    supervision: JointSupervision,
    text: str,
    addressee: str,
    sent_on: date,
    actor: Account,
    submission_key: str | None = None,
) -> SupervisionRecommendation:
    """A recommendation sent after the supervision, on the clock of its written answer: a
    case of kind ``supervision_answer`` from the day it was sent."""
    import secrets
    from datetime import datetime, time

    from danvan.cases.services import case_open_detail, case_open_joined
    from danvan.outreach.kinds import SUPERVISION_KIND, SUPERVISION_RULE

    unit = supervision.unit
    if not can_run_programme(actor, unit, supervision.organisation):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    text = text.strip()
    if len(text) < 10:
        raise OutreachError("text", _("Nội dung kiến nghị cần ít nhất 10 ký tự."), "text")
    if len(addressee.strip()) < 2:
        raise OutreachError("addressee", _("Ghi cơ quan, người phải trả lời."), "addressee")
    if sent_on < supervision.starts:
        raise OutreachError(
            "sent_on", _("Ngày gửi kiến nghị không thể trước ngày bắt đầu giám sát."), "sent_on"
        )
    if sent_on > timezone.localdate():
        raise OutreachError("sent_on", _("Ngày gửi kiến nghị không thể ở tương lai."), "sent_on")

    def create() -> SupervisionRecommendation:
        received_at = timezone.make_aware(datetime.combine(sent_on, time(8, 0)))
        case = case_open_joined(
            unit=unit,
            kind=SUPERVISION_KIND,
            code=f"GS-{unit.code}-{sent_on:%y}-{secrets.token_hex(4).upper()}",
            title=text.splitlines()[0][:300],
            rule_id=SUPERVISION_RULE,
            received_at=received_at,
            actor=actor,
            department=addressee.strip()[:100],
        )
        row = SupervisionRecommendation.objects.create(
            supervision=supervision,
            unit=unit,
            case=case,
            text=text[:4000],
            addressee=addressee.strip()[:200],
            sent_on=sent_on,
            submission_key=submission_key,
        )
        audit_record(
            actor=actor,
            action="outreach.recommendation_add",
            obj=row,
            unit_code=unit.code,
            detail=case_open_detail(case),
        )
        return row

    return _create_keyed(SupervisionRecommendation, submission_key, create)


def recommendation_answer(
    *, recommendation: SupervisionRecommendation, answer: str, answered_on: date, actor: Account
) -> SupervisionRecommendation:
    """The People's Committee's written answer closes the recommendation's clock."""
    from datetime import datetime, time

    from danvan.cases.models import CaseStatus
    from danvan.cases.services import case_close

    unit = recommendation.unit
    if not has_role(actor, unit, *COORDINATION_ROLES):
        raise OutreachError("forbidden", _("Bạn không có quyền thực hiện việc này tại đơn vị này."))
    if recommendation.answered_on is not None:
        raise OutreachError("closed", _("Kiến nghị đã được trả lời."))
    if len(answer.strip()) < 10:
        raise OutreachError("answer", _("Nội dung trả lời cần ít nhất 10 ký tự."), "answer")
    if answered_on < recommendation.sent_on or answered_on > timezone.localdate():
        raise OutreachError(
            "answered_on",
            _("Ngày trả lời phải từ ngày gửi kiến nghị đến hôm nay."),
            "answered_on",
        )
    at = timezone.make_aware(datetime.combine(answered_on, time(15, 0)))
    with transaction.atomic():
        case_close(
            case=recommendation.case,
            actor=actor,
            status=CaseStatus.RESOLVED,
            at=min(at, timezone.now()),
            note=answer.strip()[:500],
        )
        recommendation.answer = answer.strip()[:4000]
        recommendation.answered_on = answered_on
        recommendation.save(update_fields=["answer", "answered_on", "updated_at"])
        audit_record(
            actor=actor,
            action="outreach.recommendation_answer",
            obj=recommendation,
            unit_code=unit.code,
        )
    return recommendation


# ------------------------------------------------------------------- campaign links
def campaign_relate_set(
    *, campaign: Campaign, topic: str, keywords: str, actor: Account
) -> Campaign:
    """What makes a letter related to the campaign: a letters field and keywords (comma
    separated, up to 10 of up to 40 characters each)."""
    from danvan.letters import selectors as letters_selectors

    _require(actor, campaign.unit)
    if topic and topic not in {code for code, _label in letters_selectors.letter_categories()}:
        raise OutreachError("topic", _("Lĩnh vực không hợp lệ."), "topic")
    words = [w.strip() for w in keywords.split(",") if w.strip()]
    if len(words) > 10 or any(len(w) > 40 or len(w) < 2 for w in words):
        raise OutreachError(
            "keywords",
            _("Tối đa 10 từ khóa, mỗi từ khóa từ 2 đến 40 ký tự, cách nhau bằng dấu phẩy."),
            "keywords",
        )
    with transaction.atomic():
        campaign.topic = topic
        campaign.keywords = ", ".join(dict.fromkeys(words))
        campaign.save(update_fields=["topic", "keywords", "updated_at"])
        audit_record(
            actor=actor,
            action="outreach.campaign_relate",
            obj=campaign,
            unit_code=campaign.unit.code,
            detail={"topic": topic, "keywords": len(words)},
        )
    return campaign


def campaign_link_add(
    *, campaign: Campaign, actor: Account, letter_code: str = "", consultation_id: int = 0
) -> CampaignLink:
    """Link a letter (by its code) or a consultation of the campaign's commune, once."""
    from django.http import Http404

    from danvan.democracy import selectors as democracy_selectors
    from danvan.letters import selectors as letters_selectors

    _require(actor, campaign.unit)
    target: dict[str, object] = {}
    if letter_code.strip():
        letter = letters_selectors.letter_in_unit(actor, campaign.unit, letter_code)
        if letter is None:
            raise OutreachError(
                "letter", _("Không tìm thấy đơn thư có mã này ở xã."), "letter_code"
            )
        target["letter"] = letter
    elif consultation_id:
        try:
            consultation = democracy_selectors.consultation_for_user(actor, consultation_id)
        except Http404:
            consultation = None
        if consultation is None or consultation.unit_id != campaign.unit_id:
            raise OutreachError(
                "consultation",
                _("Không tìm thấy nội dung lấy ý kiến này ở xã."),
                "consultation_id",
            )
        target["consultation"] = consultation
    else:
        raise OutreachError(
            "link", _("Nhập mã đơn thư hoặc chọn một nội dung lấy ý kiến."), "letter_code"
        )
    with transaction.atomic():
        link, created = CampaignLink.objects.get_or_create(
            campaign=campaign,
            **target,
            defaults={"unit": campaign.unit, "added_by": actor},
        )
        if created:
            audit_record(
                actor=actor,
                action="outreach.campaign_link",
                obj=link,
                unit_code=campaign.unit.code,
                detail={"kind": "letter" if "letter" in target else "consultation"},
            )
    return link


def campaign_link_remove(*, link: CampaignLink, actor: Account) -> None:
    _require(actor, link.unit)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="outreach.campaign_unlink",
            obj=link,
            unit_code=link.unit.code,
        )
        link.delete()
