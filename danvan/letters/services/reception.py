"""Citizen reception: the chairman's sessions and the register (Law 42/2013)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import require_role
from danvan.accounts.roles import Role
from danvan.cases import services as case_services
from danvan.cases.models import CaseStatus
from danvan.core.services import audit_record
from danvan.letters.kinds import LetterCaseKind
from danvan.letters.models import (
    EntryKind,
    ReceptionEntry,
    ReceptionSession,
    SessionKind,
    SessionStatus,
)
from danvan.letters.models.reception import HostRole
from danvan.letters.rule_data import PARTY_ANSWER_RULE
from danvan.letters.services import casework
from danvan.letters.services.decisions import ACTING_ROLES
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import (
    Identity,
    entry_identity_for_masking,
    identity_store,
    mask,
)
from danvan.territory.models import Unit

# Law 136/2025/QH15: from this date the commune head may not delegate the reception.
NO_DELEGATION_FROM = date(2026, 7, 1)
# The Party secretary's own days (issue #15): he or she schedules and records them as well
# as the commune's reception desk does; every other session stays the desk's.
PARTY_HOST_ROLES = (*ACTING_ROLES, Role.PARTY_SECRETARY)


def roles_for_host(host_role: str) -> tuple[str, ...]:
    """Who may schedule, mark and record the matters of a session of ``host_role``."""
    return PARTY_HOST_ROLES if host_role == HostRole.PARTY_SECRETARY else ACTING_ROLES


def answer_rule_of(session: ReceptionSession | None) -> str:
    """The clock of a visitor's written answer: the Party secretary's day has its own rule
    (Conclusion 215-KL/TW), every other reception the Law's (Art. 28); both 10 working days."""
    if session is not None and session.host_role == HostRole.PARTY_SECRETARY:
        return PARTY_ANSWER_RULE
    return "reception.answer"


@transaction.atomic
def session_schedule(
    *,
    unit: Unit,
    actor: Any,
    day: date,
    kind: str = SessionKind.WEEKLY,
    host_role: str = HostRole.CHAIRMAN,
    host_name: str = "",
    place: str = "",
) -> ReceptionSession:
    require_role(actor, unit, *roles_for_host(host_role))
    if kind not in SessionKind.values or host_role not in HostRole.values:
        raise LetterError("bad_session", _("Loại buổi tiếp hoặc người chủ trì không hợp lệ."))
    if ReceptionSession.objects.filter(
        unit=unit, date=day, kind=kind, host_role=host_role
    ).exists():
        raise LetterError("session_exists", _("Đã có buổi tiếp này trong lịch."))
    session = ReceptionSession.objects.create(
        unit=unit,
        date=day,
        kind=kind,
        host_role=host_role,
        host_name=host_name.strip()[:150],
        place=place.strip()[:200],
    )
    audit_record(actor=actor, action="letters.session_scheduled", obj=session, unit_code=unit.code)
    return session


@transaction.atomic
def session_mark(
    *, session: ReceptionSession, actor: Any, status: str, delegate_name: str = "", reason: str = ""
) -> ReceptionSession:
    """Held, not held (with the reason) or delegated (to whom) — delegation of the
    chairman's weekly reception is refused from 1/7/2026."""
    require_role(actor, session.unit, *roles_for_host(session.host_role))
    if status not in SessionStatus.values or status == SessionStatus.SCHEDULED:
        raise LetterError("bad_status", _("Tình trạng buổi tiếp không hợp lệ."))
    if status == SessionStatus.DELEGATED:
        if (
            session.host_role == HostRole.CHAIRMAN
            and session.kind == SessionKind.WEEKLY
            and session.date >= NO_DELEGATION_FROM
        ):
            raise LetterError(
                "no_delegation",
                _(
                    "Từ ngày 01/07/2026, Chủ tịch UBND cấp xã không được ủy quyền tiếp công dân "
                    "định kỳ (Luật số 136/2025/QH15 sửa đổi Luật Tiếp công dân)."
                ),
            )
        if not delegate_name.strip():
            raise LetterError("delegate_required", _("Ghi rõ người được ủy quyền."))
    if status == SessionStatus.NOT_HELD and not reason.strip():
        raise LetterError("reason_required", _("Ghi rõ lý do không tiếp."))
    locked = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    locked.status = status
    locked.delegate_name = delegate_name.strip()[:150] if status == SessionStatus.DELEGATED else ""
    locked.reason = reason.strip()[:300]
    locked.save()
    audit_record(
        actor=actor,
        action="letters.session_marked",
        obj=locked,
        unit_code=locked.unit.code,
        detail={"status": status},
    )
    return locked


@dataclass
class EntryInput:
    unit: Unit
    day: date
    content: str
    kind: str
    visitor_name: str = ""
    visitor_address: str = ""
    visitor_id_number: str = ""
    visitor_phone: str = ""
    people_count: int = 1
    representatives: str = ""
    handled_before_by: str = ""
    within_competence: bool = True
    guidance: str = ""
    receiving_body: str = ""
    follow_up: str = ""
    notes: str = ""
    session: ReceptionSession | None = None


def representatives_of(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[,;\n]+", text or "") if n.strip()]


def _validate(data: EntryInput) -> None:
    if data.kind not in EntryKind.values:
        raise LetterError("bad_kind", _("Phân loại không hợp lệ."))
    if len(data.content.strip()) < 5:
        raise LetterError("content_short", _("Ghi nội dung vụ việc."))
    if data.people_count < 1:
        raise LetterError("bad_count", _("Số người phải từ 1 trở lên."))
    reps = representatives_of(data.representatives)
    # Law 42/2013 Art. 29: 5–10 people choose 1–2 representatives, more than 10 up to 5.
    if data.people_count >= 5:
        limit = 2 if data.people_count <= 10 else 5
        if not 1 <= len(reps) <= limit:
            raise LetterError(
                "representatives",
                _(
                    "Đoàn %(n)d người phải cử từ 1 đến %(limit)d người đại diện (Luật Tiếp công dân, Điều 29)."
                )
                % {"n": data.people_count, "limit": limit},
            )
    if data.session is not None and data.session.unit_id != data.unit.pk:
        raise LetterError("bad_session", _("Buổi tiếp không thuộc xã này."))


@transaction.atomic
def entry_record(*, data: EntryInput, actor: Any) -> ReceptionEntry:
    """One line in the register with the next number of the unit's year; opens the
    ``reception`` case whose clock is the 10-working-day answer (Art. 28; on the Party
    secretary's day, Conclusion 215-KL/TW)."""
    require_role(actor, data.unit, *roles_for_host(data.session.host_role if data.session else ""))
    _validate(data)
    # Lock the unit row: numbers in the register follow each other without gaps or twins.
    Unit.objects.select_for_update().filter(pk=data.unit.pk).first()
    year = data.day.year
    last = ReceptionEntry.objects.filter(unit=data.unit, year=year).aggregate(m=Max("number"))["m"]
    protected = data.kind == EntryKind.DENUNCIATION
    identity = Identity(
        name=data.visitor_name,
        phone=data.visitor_phone,
        address=data.visitor_address,
        id_number=data.visitor_id_number,
        relatives=data.representatives,
        original_content=data.content.strip(),
    )
    # An in-person denunciation is kept like a denouncer's letter (Law on Denunciation
    # Art. 47): the visitor is masked in every text of the line, which the whole commune and
    # the register's export read; the line as said is in the encrypted identity.
    text = (lambda value: mask(value.strip(), identity)) if protected else str.strip
    content = text(data.content)
    received_at = timezone.make_aware(datetime.combine(data.day, time(8, 0)))
    case = case_services.case_open(
        unit=data.unit,
        kind=LetterCaseKind.RECEPTION,
        code=casework.new_code(data.unit, LetterCaseKind.RECEPTION, received_at),
        title=content.splitlines()[0][:200],
        rule_id=answer_rule_of(data.session),
        received_at=received_at,
        actor=actor,
        channel="reception",
        applicant_name="" if protected else data.visitor_name.strip()[:150],
        applicant_phone="" if protected else data.visitor_phone.strip()[:20],
        applicant_address="" if protected else data.visitor_address.strip()[:300],
        confidential=protected,
        event_note=_("Đã tiếp công dân."),
    )
    entry = ReceptionEntry.objects.create(
        unit=data.unit,
        session=data.session,
        case=case,
        year=year,
        number=(last or 0) + 1,
        date=data.day,
        visitor_name="" if protected else data.visitor_name.strip()[:150],
        visitor_address="" if protected else data.visitor_address.strip()[:300],
        visitor_id_number="" if protected else data.visitor_id_number.strip()[:20],
        content=content,
        kind=data.kind,
        people_count=data.people_count,
        representatives="" if protected else ", ".join(representatives_of(data.representatives)),
        handled_before_by=text(data.handled_before_by)[:200],
        within_competence=data.within_competence,
        guidance=text(data.guidance),
        receiving_body=text(data.receiving_body)[:200],
        follow_up=text(data.follow_up),
        notes=text(data.notes),
    )
    if protected:
        identity_store(identity=identity, entry=entry)
    audit_record(
        actor=actor,
        action="letters.reception_entry",
        obj=entry,
        unit_code=data.unit.code,
        object_repr=f"{entry.number}/{entry.year}",
    )
    return entry


ANSWERS = {
    "accepted": (CaseStatus.RESOLVED, gettext_lazy("Đã trả lời: vụ việc được thụ lý.")),
    # Art. 28: the answer may be that the matter needs verifying first; that answer meets the
    # 10-working-day obligation, and the matter itself continues as a letter on its own clock.
    "extended": (
        CaseStatus.RESOLVED,
        gettext_lazy("Đã trả lời: cần thêm thời gian xác minh, sẽ có văn bản trả lời tiếp."),
    ),
    "guided": (
        CaseStatus.RETURNED,
        gettext_lazy("Đã trả lời: hướng dẫn đến cơ quan có thẩm quyền."),
    ),
    "forwarded": (
        CaseStatus.TRANSFERRED,
        gettext_lazy("Đã trả lời: chuyển cơ quan có thẩm quyền."),
    ),
}


@transaction.atomic
def entry_answer(
    *, entry: ReceptionEntry, actor: Any, answer: str, at: datetime, note: str = ""
) -> ReceptionEntry:
    """The written answer to the visitor (Art. 28) closes the reception case on its clock."""
    session = entry.session
    require_role(actor, entry.unit, *roles_for_host(session.host_role if session else ""))
    if answer not in ANSWERS:
        raise LetterError("bad_answer", _("Hình thức trả lời không hợp lệ."))
    status, public_note = ANSWERS[answer]
    if entry.protected and note.strip():
        # The officer may name the in-person denouncer in the answer's note: masked first.
        note = mask(note, entry_identity_for_masking(actor=actor, entry=entry))
    case_services.case_close(
        case=entry.case, actor=actor, status=status, at=at, note=note, public_note=str(public_note)
    )
    entry.follow_up = "\n".join(filter(None, [entry.follow_up, str(public_note), note.strip()]))
    entry.save(update_fields=["follow_up", "updated_at"])
    return entry
