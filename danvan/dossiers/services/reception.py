"""Reception at the one-stop desk (Decree 61/2018 Art. 18–19; Circular 01/2018 forms 01–03).

Every reception is recorded as a case with a Decree 61 code, so the citizen can track it and
the commune's registers have no holes:
- complete: the legal clock starts (form 01, the receipt and appointment slip);
- incomplete: everything missing is listed once (form 02) and the clock waits; when the
  documents arrive the clock starts from zero (``dossier_supplement_received``);
- refused: the reasons are given in writing (form 03) and the case is closed.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.cases.models import CaseStatus
from danvan.cases.services import (
    case_close,
    case_open_detail,
    case_open_joined,
    case_pause,
    case_resume,
)
from danvan.core.localtime import local_date
from danvan.core.services import audit_record
from danvan.dossiers.errors import DossierError
from danvan.dossiers.kinds import DOSSIER_KIND
from danvan.dossiers.models import Dossier, DossierPaper, DossierStage, Procedure
from danvan.dossiers.services.codes import next_code, next_free_code
from danvan.dossiers.services.notify import notify_applicant
from danvan.territory.models import Unit

CHANNELS = ("desk", "online", "post")
PHONE_RE = re.compile(r"^(\+84|84|0)[0-9]{8,10}$")
ID_RE = re.compile(r"^[0-9]{9,12}$")


def procedure_available(procedure: Procedure, unit: Unit) -> bool:
    from danvan.dossiers.enablement import handles

    return handles(unit.pk, procedure)


def clean_applicant(
    *, name: str, phone: str, email: str, address: str, id_number: str
) -> dict[str, str]:
    name = " ".join((name or "").split())
    if not name:
        raise DossierError(
            "name_required", _("Cần họ tên người nộp hồ sơ."), field="applicant_name"
        )
    if len(name) > 150:
        raise DossierError(
            "name_too_long", _("Họ tên quá dài (tối đa 150 ký tự)."), field="applicant_name"
        )
    phone = re.sub(r"[\s.()-]", "", phone or "")
    if phone and not PHONE_RE.match(phone):
        raise DossierError(
            "bad_phone",
            _("Số điện thoại không hợp lệ (ví dụ 0912345678)."),
            field="applicant_phone",
        )
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except Exception as exc:  # noqa: BLE001 — Django's ValidationError
            raise DossierError(
                "bad_email", _("Địa chỉ thư điện tử không hợp lệ."), field="applicant_email"
            ) from exc
    id_number = (id_number or "").strip()
    if id_number and not ID_RE.match(id_number):
        raise DossierError(
            "bad_id", _("Số định danh cá nhân gồm 9 đến 12 chữ số."), field="id_number"
        )
    return {
        "applicant_name": name,
        "applicant_phone": phone,
        "applicant_email": email,
        "applicant_address": " ".join((address or "").split())[:300],
        "id_number": id_number,
    }


def dossier_receive(
    *,
    unit: Unit,
    procedure: Procedure,
    actor: Any,
    applicant_name: str,
    applicant_phone: str = "",
    applicant_email: str = "",
    applicant_address: str = "",
    id_number: str = "",
    channel: str = "desk",
    documents_received: list[str] | None = None,
    refusal_reason: str = "",
    received_at: datetime | None = None,
    idempotency_key: str | None = None,
) -> Dossier:
    """Receive a dossier. ``documents_received`` None means the whole list was handed in;
    ``refusal_reason`` refuses it (form 03). A repeated ``idempotency_key`` (a double submit)
    returns the dossier already created instead of a second one."""
    if not has_role(actor, unit, Role.ONE_STOP):
        raise PermissionDenied(_("Bạn không phải cán bộ một cửa của đơn vị này."))
    key = (idempotency_key or "").strip()[:64] or None
    if key:
        existing = _existing(key, unit)
        if existing is not None:
            return existing
    if channel not in CHANNELS:
        raise DossierError("bad_channel", _("Kênh tiếp nhận không hợp lệ."), field="channel")
    if not procedure.active or not procedure_available(procedure, unit):
        raise DossierError(
            "procedure_unavailable",
            _("Thủ tục này không áp dụng tại đơn vị."),
            field="procedure",
        )
    applicant = clean_applicant(
        name=applicant_name,
        phone=applicant_phone,
        email=applicant_email,
        address=applicant_address,
        id_number=id_number,
    )
    required = list(procedure.required_documents)
    received = (
        required if documents_received is None else [d for d in required if d in documents_received]
    )
    unknown = [d for d in (documents_received or []) if d not in required]
    if unknown:
        raise DossierError(
            "unknown_document", _("Giấy tờ không có trong thành phần hồ sơ."), field="documents"
        )
    missing = [d for d in required if d not in received]
    values = {
        "unit": unit,
        "procedure": procedure,
        "actor": actor,
        "applicant": applicant,
        "channel": channel,
        "received": received,
        "missing": missing,
        "refusal_reason": " ".join((refusal_reason or "").split()),
        "at": received_at or timezone.now(),
        "key": key,
    }
    try:
        return _receive(**values)
    except IntegrityError:
        # A concurrent double submit won the race: its dossier is the answer.
        existing = _existing(key, unit) if key else None
        if existing is not None:
            return existing
    # Else the day's next code was taken by a dossier that did not take its number from the
    # sequence: once more, past the taken numbers (their extra lookups only on this path).
    return _receive(**values, skip_taken=True)


def _existing(key: str, unit: Unit) -> Dossier | None:
    found = (
        Dossier.objects.select_related("case", "case__unit", "procedure")
        .filter(idempotency_key=key)
        .first()
    )
    if found is not None and found.unit_id != unit.pk:
        raise DossierError("key_reused", _("Mã chống gửi trùng đã được dùng."))
    return found


@transaction.atomic
def _receive(
    *,
    unit: Unit,
    procedure: Procedure,
    actor: Any,
    applicant: dict[str, str],
    channel: str,
    received: list[str],
    missing: list[str],
    refusal_reason: str,
    at: datetime,
    key: str | None,
    skip_taken: bool = False,
) -> Dossier:
    day = local_date(at)
    code = next_free_code(unit, day) if skip_taken else next_code(unit, day)
    applicant = dict(applicant)  # a retry (see ``dossier_receive``) needs it whole
    id_number = applicant.pop("id_number")
    case = case_open_joined(
        unit=unit,
        kind=DOSSIER_KIND,
        code=code,
        title=procedure.name[:300],
        rule_id=procedure.rule_id,
        received_at=at,
        actor=actor,
        channel=channel,
        assignee=actor if getattr(actor, "is_authenticated", False) else None,
        event_note=_("Tiếp nhận hồ sơ thủ tục %(name)s.") % {"name": procedure.name[:200]},
        event_data={"procedure": procedure.code, "form": "01" if not missing else "02"},
        **applicant,
    )
    stage = DossierStage.PROCESSING
    if refusal_reason:
        stage = DossierStage.REFUSED
        case_close(
            case=case,
            actor=actor,
            status=CaseStatus.REFUSED,
            at=at,
            public_note=_("Từ chối tiếp nhận: %(reason)s") % {"reason": refusal_reason[:500]},
        )
    elif missing:
        stage = DossierStage.INCOMPLETE
        case_pause(
            case=case,
            actor=actor,
            at=at,
            reason=_("Hồ sơ chưa đủ thành phần, cần bổ sung: %(docs)s.")
            % {"docs": "; ".join(missing)},
        )
    dossier = Dossier.objects.create(
        case=case,
        unit=unit,
        procedure=procedure,
        stage=stage,
        received_on=day,
        documents_received=received,
        documents_missing=missing if not refusal_reason else [],
        id_number=id_number,
        refusal_reason=refusal_reason,
        idempotency_key=key,
    )
    if refusal_reason:
        DossierPaper.objects.create(
            dossier=dossier, form="03", issued_at=at, data={"reason": refusal_reason}
        )
    elif missing:
        DossierPaper.objects.create(
            dossier=dossier, form="02", issued_at=at, data={"missing": missing}
        )
        notify_applicant(dossier, "dossier.supplement", seq=0, missing="; ".join(missing))
    else:
        notify_applicant(dossier, "dossier.received")
    audit_record(
        actor=actor,
        action="dossiers.receive",
        obj=dossier,
        unit_code=unit.code,
        object_repr=code,
        detail={
            "procedure": procedure.code,
            "stage": stage,
            "channel": channel,
            **case_open_detail(case),
        },
    )
    return dossier


@transaction.atomic
def dossier_supplement_received(
    *, dossier: Dossier, actor: Any, at: datetime | None = None, note: str = ""
) -> Dossier:
    """The missing documents arrived: the clock starts again from zero (Decree 61; Circular
    01/2018), the citizen made one more visit."""
    dossier = _lock(dossier)
    _require_role(actor, dossier)
    _require_local(dossier)
    if dossier.stage not in (DossierStage.INCOMPLETE, DossierStage.WAITING_SUPPLEMENT):
        raise DossierError("not_waiting", _("Hồ sơ không ở trạng thái chờ bổ sung."))
    at = at or timezone.now()
    if at < dossier.case.received_at:
        raise DossierError("bad_time", _("Thời điểm bổ sung phải sau thời điểm tiếp nhận."))
    case_resume(
        case=dossier.case,
        actor=actor,
        at=at,
        restart=True,
        note=note or _("Đã nhận đủ hồ sơ bổ sung; thời hạn giải quyết tính lại từ đầu."),
    )
    was_incomplete = dossier.stage == DossierStage.INCOMPLETE
    dossier.documents_received = list(dossier.procedure.required_documents)
    dossier.documents_missing = []
    dossier.visits += 1
    dossier.stage = DossierStage.PROCESSING
    dossier.save()
    if was_incomplete:
        notify_applicant(dossier, "dossier.received", seq=dossier.visits)
    _audit(actor, dossier, "supplement_received")
    return dossier


def _lock(dossier: Dossier) -> Dossier:
    """The dossier row locked for this transaction, with its case and unit."""
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("case", "case__unit", "case__unit__province", "procedure", "unit")
        .get(pk=dossier.pk)
    )


def _require_local(dossier: Dossier) -> None:
    """A dossier taken from the provincial system moves there: its steps come with the next
    export, so that the two systems never disagree (hand-offs and ratings stay allowed)."""
    if dossier.is_provincial:
        raise DossierError(
            "provincial",
            _(
                "Hồ sơ nhận từ hệ thống một cửa của tỉnh: cập nhật bước xử lý trên hệ thống "
                "của tỉnh; danvan cập nhật theo tệp nhập lần sau."
            ),
        )


def _require_role(actor: Any, dossier: Dossier, *roles: str) -> None:
    if not has_role(actor, dossier.unit, *(roles or (Role.ONE_STOP, Role.SPECIALIST, Role.LEADER))):
        raise PermissionDenied(_("Bạn không có quyền xử lý hồ sơ của đơn vị này."))


def _audit(actor: Any, dossier: Dossier, action: str, **detail: Any) -> None:
    audit_record(
        actor=actor,
        action=f"dossiers.{action}",
        obj=dossier,
        unit_code=dossier.unit.code,
        object_repr=dossier.case.code,
        detail=detail,
    )
