"""Taking dossiers from the provincial one-stop system (docs/domain.md §10), so that a commune already
receiving dossiers there gets tracking, work queues and evaluation without entering them twice.

One export file of one commune is imported all or nothing: every bad row is reported first
(``danvan.dossiers.provincial``) and nothing is written while any row is bad. Each dossier
becomes a normal case of kind ``dossier`` (through the case services) with its ``Dossier``
row marked ``source="provincial"``. The provincial appointment date is kept as the due date
(an event says where it came from), so on-time is decided against it, as the case core does
for any decided date. Importing the same or a newer export again updates the dossiers it
already has — a status change becomes case events, a finished dossier is closed — and
changes nothing when nothing changed. No message goes to the citizen: the provincial system
already told them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.cases.models import Case, CaseEventKind, CaseStatus
from danvan.cases.services import (
    CaseError,
    case_close,
    case_hand_on,
    case_open_detail,
    case_open_joined,
    case_pause,
    case_record_event,
    case_resume,
    case_set_due,
    case_update_applicant,
)
from danvan.core.localtime import local_date
from danvan.core.services import audit_record
from danvan.dossiers.kinds import DOSSIER_KIND
from danvan.dossiers.models import Dossier, DossierSource, DossierStage, Procedure
from danvan.dossiers.provincial import (
    ProvincialFileError,
    Record,
    RowIssue,
    check_rows,
    read_file,
)
from danvan.dossiers.selectors import procedures_for_unit, status_label, status_names
from danvan.dossiers.services.codes import (
    agency_code,
    code_prefix,
    number_in_series,
    record_prefixes,
    reserve_number,
)
from danvan.territory.models import Unit

S = DossierStage
OPEN_STAGES = (S.PROCESSING, S.INCOMPLETE, S.WAITING_SUPPLEMENT)
WAITING_STAGES = (S.INCOMPLETE, S.WAITING_SUPPLEMENT)
CLOSING = {
    S.RESULT_READY: CaseStatus.RESOLVED,
    S.RETURNED: CaseStatus.RESOLVED,
    S.REFUSED: CaseStatus.REFUSED,
    S.CANCELLED: CaseStatus.WITHDRAWN,
}
IMPORT_ROLES = (Role.ONE_STOP, Role.LEADER)
MOVED, SAME, REFUSED = "moved", "same", "refused"
CHUNK = 500


@dataclass
class ProvincialImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowIssue] = field(default_factory=list)
    # Rows applied only in part (a dossier already finished here reported open again...):
    # they do not stop the import; the officer reads them.
    notes: list[RowIssue] = field(default_factory=list)
    is_json: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class _Abort(Exception):
    def __init__(self, issue: RowIssue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def can_import(user: Any, unit: Unit) -> bool:
    return has_role(user, unit, *IMPORT_ROLES)


def provincial_import(
    *,
    unit: Unit,
    file: IO[bytes] | Any,
    filename: str,
    actor: Any = None,
    max_new: int | None = None,
) -> ProvincialImportResult:
    """Import one export file of ``unit``. ``actor`` None is the system (the management
    command run by an administrator); an officer must be one-stop officer or leader there.
    ``max_new`` refuses a file creating more dossiers than that (a web request must end
    before the server's timeout; a first load of a year goes through the command)."""
    if actor is not None and not can_import(actor, unit):
        raise PermissionDenied(_("Chỉ cán bộ một cửa hoặc lãnh đạo của xã được nhập hồ sơ."))
    try:
        raw = read_file(file, filename)
    except ProvincialFileError as exc:
        return ProvincialImportResult(errors=[RowIssue(1, "", exc.message)])
    result = ProvincialImportResult(is_json=raw.is_json)
    records, issues = _checked(raw, unit)
    existing: dict[str, int] = {}
    if not issues:
        existing, issues = _match_existing(records, unit)
    new = len(records) - len(existing)
    if not issues and max_new is not None and new > max_new:
        message = _(
            "Tệp có %(n)s hồ sơ mới, quá nhiều để nhập trên trang (tối đa %(max)s mỗi lần): "
            "chia nhỏ tệp theo thời gian, hoặc nhờ quản trị viên chạy lệnh "
            "import_provincial_dossiers."
        ) % {"n": new, "max": max_new}
        issues = [RowIssue(1, "", message)]
    if issues:
        result.errors = sorted(issues, key=lambda i: (i.row, i.column))
        return result
    try:
        with transaction.atomic():
            _apply(result, records, existing, unit=unit, actor=actor)
            audit_record(
                actor=actor,
                action="dossiers.provincial_import",
                unit_code=unit.code,
                object_repr=filename[:100],
                detail={
                    "file": filename[:100],
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "notes": len(result.notes),
                },
            )
    except _Abort as exc:
        return ProvincialImportResult(errors=[exc.issue], is_json=raw.is_json)
    except IntegrityError:
        message = _("Một lần nhập khác của đơn vị đang ghi cùng hồ sơ: hãy nhập lại tệp.")
        return ProvincialImportResult(errors=[RowIssue(1, "", message)], is_json=raw.is_json)
    return result


def _checked(raw: Any, unit: Unit) -> tuple[list[Record], list[RowIssue]]:
    available = {p.code: p for p in procedures_for_unit(unit)}
    asked = {values.get("matthc", "").strip() for _n, values in raw.rows} - set(available)
    known: set[str] = set()
    asked_list = sorted(a for a in asked if a)
    for start in range(0, len(asked_list), CHUNK):
        chunk = asked_list[start : start + CHUNK]
        known.update(Procedure.objects.filter(code__in=chunk).values_list("code", flat=True))
    return check_rows(raw, unit_procedures=available, catalogue_codes=known)


def _match_existing(records: list[Record], unit: Unit) -> tuple[dict[str, int], list[RowIssue]]:
    """The dossiers this commune already took from the province (code -> dossier id), and
    the codes that belong to something else: another commune's case, or a dossier received
    on danvan itself (the commune should receive in one system only)."""
    codes = [r.code for r in records]
    mine: dict[str, int] = {}
    owners: dict[str, tuple[int, str, int | None, str | None]] = {}
    for start in range(0, len(codes), CHUNK):
        chunk = codes[start : start + CHUNK]
        for code, unit_id, kind, dossier_id, source in Case.objects.filter(
            code__in=chunk
        ).values_list("code", "unit_id", "kind", "dossier__id", "dossier__source"):
            owners[code] = (unit_id, kind, dossier_id, source)
    issues = []
    for record in records:
        owner = owners.get(record.code)
        if owner is None:
            continue
        unit_id, kind, dossier_id, source = owner
        if (
            unit_id == unit.pk
            and kind == DOSSIER_KIND
            and dossier_id is not None
            and source == DossierSource.PROVINCIAL
        ):
            mine[record.code] = dossier_id
            continue
        # The same words whoever holds the code (this commune's desk or another commune):
        # an import must not tell that a code exists elsewhere.
        message = _(
            "Mã hồ sơ “%(code)s” đã được dùng cho một hồ sơ khác trên danvan: không nhập được "
            "dòng này. Mỗi hồ sơ chỉ được tiếp nhận ở một hệ thống."
        ) % {"code": record.code}
        issues.append(RowIssue(record.row, "MaHoSo", message))
    return mine, issues


def _apply(
    result: ProvincialImportResult,
    records: list[Record],
    existing: dict[str, int],
    *,
    unit: Unit,
    actor: Any,
) -> None:
    names = status_names()
    locked = _lock_existing(list(existing.values()))
    # Before any case is written, so that a reception waiting on the same day's number
    # never holds a code this import is about to insert. Every record, not only the new
    # ones: a dossier imported before numbers were reserved is accounted for on its next
    # import.
    _reserve_desk_numbers(records, unit=unit)
    record_prefixes(unit, (code_prefix(r.code) for r in records), source=DossierSource.PROVINCIAL)
    for record in records:
        try:
            dossier = locked.get(existing.get(record.code, 0))
            if dossier is None:
                _create(record, unit=unit, actor=actor, names=names)
                result.created += 1
            elif _update(dossier, record, actor=actor, names=names, notes=result.notes):
                result.updated += 1
            else:
                result.unchanged += 1
        except (CaseError, ValueError) as exc:
            # A refusal the checks could not foresee (a legal-clock error...): the whole file
            # is rolled back and this row is named.
            message = getattr(exc, "message", None) or str(exc)
            raise _Abort(RowIssue(record.row, "", str(message))) from exc


def _reserve_desk_numbers(records: list[Record], *, unit: Unit) -> None:
    """Codes in the desk's own series (``<agency code>-<yymmdd>-<number>``, which the
    province often uses too) take their numbers from it: the desk continues after the
    highest one of each day instead of issuing an existing code. Days in order, as the
    locks are taken."""
    prefix = agency_code(unit)
    highest: dict[date, int] = {}
    for record in records:
        found = number_in_series(record.code, prefix)
        if found is not None:
            day, number = found
            highest[day] = max(number, highest.get(day, 0))
    for day in sorted(highest):
        reserve_number(unit, day, highest[day])


def _lock_existing(ids: list[int]) -> dict[int, Dossier]:
    out: dict[int, Dossier] = {}
    for start in range(0, len(ids), CHUNK):
        rows = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("case", "case__unit", "unit")
            .filter(pk__in=ids[start : start + CHUNK])
        )
        out.update((d.pk, d) for d in rows)
    return out


def _create(record: Record, *, unit: Unit, actor: Any, names: dict[int, str]) -> Dossier:
    procedure = record.procedure
    case = case_open_joined(
        unit=unit,
        kind=DOSSIER_KIND,
        code=record.code,
        title=procedure.name[:300],
        rule_id=procedure.rule_id,
        received_at=record.received_at,
        actor=actor,
        channel=record.channel,
        applicant_name=record.applicant_name,
        applicant_phone=record.applicant_phone,
        applicant_email=record.applicant_email,
        department=record.handling_unit[:120],
        event_note=_("Nhận hồ sơ thủ tục %(name)s từ hệ thống một cửa của tỉnh.")
        % {"name": procedure.name[:200]},
        event_data={"procedure": procedure.code, "source": "provincial", "status": record.status},
    )
    _set_due(case, record, actor=actor, at=record.received_at)
    dossier = Dossier(
        case=case,
        unit=unit,
        procedure=procedure,
        stage=DossierStage.PROCESSING,
        received_on=local_date(record.received_at),
        source=DossierSource.PROVINCIAL,
        source_status=record.status,
        source_data=_source_data(record),
    )
    # The case walks to the export's stage first; the row is then written once, as it ends.
    _move(dossier, record, actor=actor, names=names, wait_from=record.received_at)
    dossier.save()
    audit_record(
        actor=actor,
        action="dossiers.import_provincial",
        obj=dossier,
        unit_code=unit.code,
        object_repr=record.code,
        detail={
            "procedure": procedure.code,
            "status": record.status,
            "stage": dossier.stage,
            **case_open_detail(case),
        },
    )
    return dossier


def _set_due(case: Case, record: Record, *, actor: Any, at: datetime | None) -> None:
    case_set_due(
        case=case,
        actor=actor,
        due_date=record.due_date,
        kind=CaseEventKind.NOTE,
        note=_("Ngày hẹn trả kết quả theo hệ thống một cửa của tỉnh: %(date)s.")
        % {"date": record.due_date.strftime("%d/%m/%Y")},
        data={"source": "provincial"},
        at=at,
    )


def _source_data(record: Record) -> dict[str, str]:
    return {"field_code": record.field_code, "handling_unit": record.handling_unit}


def _update(
    dossier: Dossier, record: Record, *, actor: Any, names: dict[int, str], notes: list[RowIssue]
) -> bool:
    """Bring an imported dossier up to date with the export; False when nothing changed."""
    case = dossier.case
    changed = False
    if dossier.procedure_id != record.procedure.pk:
        notes.append(
            RowIssue(
                record.row,
                "MaTTHC",
                _("Thủ tục khác lần nhập trước: giữ thủ tục %(code)s đã nhập.")
                % {"code": dossier.procedure.code},
            )
        )
    if case.is_open and dossier.stage in OPEN_STAGES:
        # The appointment first: a dossier finished in this export is judged against the
        # date the province gave it last.
        if case.due_date != record.due_date:
            _set_due(case, record, actor=actor, at=None)
            changed = True
        # Only a hand-on in the provincial system is followed: one done here since the
        # last export stands until the export names another handling unit.
        department = record.handling_unit[:120]
        handed_on = record.handling_unit != dossier.source_data.get("handling_unit")
        if department and handed_on and department != case.department:
            case_hand_on(case=case, actor=actor, to_department=department)
            changed = True
    contact = _contact_changed(case, record)
    if contact:
        case_update_applicant(case=case, actor=actor, **contact)
        changed = True
    outcome = _move(dossier, record, actor=actor, names=names, wait_from=None, notes=notes)
    moved = outcome == MOVED
    # A status that could not be applied is not recorded: the dossier keeps saying what it
    # is, and the next import names the disagreement again.
    if dossier.source_status != record.status and outcome != REFUSED:
        if not moved:
            case_record_event(
                case=case,
                kind=CaseEventKind.NOTE,
                actor=actor,
                public=False,
                note=_("Trạng thái trên hệ thống một cửa của tỉnh: %(status)s.")
                % {"status": status_label(record.status, names)},
                data={"source": "provincial", "status": record.status},
            )
        dossier.source_status = record.status
        changed = True
    data = _source_data(record)
    if moved or data != dossier.source_data:
        dossier.source_data = data
        changed = True
    if changed:
        dossier.save()
        audit_record(
            actor=actor,
            action="dossiers.provincial_update",
            obj=dossier,
            unit_code=dossier.unit.code,
            object_repr=case.code,
            detail={"status": record.status, "stage": dossier.stage},
        )
    return changed


def _contact_changed(case: Case, record: Record) -> dict[str, str]:
    """The applicant's details the export gives and the case does not have yet (a blank in
    the export never erases what is known)."""
    given = {
        "applicant_name": record.applicant_name,
        "applicant_phone": record.applicant_phone,
        "applicant_email": record.applicant_email,
    }
    return {k: v for k, v in given.items() if v and getattr(case, k) != v}


def _move(
    dossier: Dossier,
    record: Record,
    *,
    actor: Any,
    names: dict[int, str],
    wait_from: datetime | None,
    notes: list[RowIssue] | None = None,
) -> str:
    """Take the dossier from its stage to the export's, through the case services; returns
    ``MOVED``, ``SAME`` or ``REFUSED`` (a dossier that ended here cannot be reopened).
    ``wait_from`` is when a wait for the citizen began (the reception, for a new dossier;
    the import itself otherwise, the export saying only that the dossier waits now)."""
    old, new = dossier.stage, record.stage
    if old == new:
        return SAME
    case = dossier.case
    status = status_label(record.status, names)
    if old == S.RESULT_READY and new == S.RETURNED:
        _record_return(dossier, record, actor=actor)
        return MOVED
    if old not in OPEN_STAGES or not case.is_open:
        if notes is not None:
            notes.append(
                RowIssue(
                    record.row,
                    "TrangThaiHoSo",
                    _(
                        "Hồ sơ %(code)s đã kết thúc trên danvan; trạng thái %(status)s của tỉnh "
                        "không được áp dụng."
                    )
                    % {"code": case.code, "status": status},
                )
            )
        return REFUSED
    now = timezone.now()
    if new in OPEN_STAGES:
        if old == S.PROCESSING:
            case_pause(
                case=case,
                actor=actor,
                at=wait_from or now,
                reason=_("Chờ người dân bổ sung hồ sơ (theo hệ thống một cửa của tỉnh)."),
                event_kind=(
                    CaseEventKind.SUPPLEMENT_REQUESTED
                    if new == S.WAITING_SUPPLEMENT
                    else CaseEventKind.CLOCK_PAUSED
                ),
            )
            if new == S.WAITING_SUPPLEMENT:
                dossier.supplement_requests += 1
        elif new == S.PROCESSING:
            case_resume(
                case=case,
                actor=actor,
                at=max(now, case.paused_at or now),
                restart=True,
                note=_(
                    "Hồ sơ tiếp tục được giải quyết (trạng thái %(status)s trên hệ thống của tỉnh)."
                )
                % {"status": status},
            )
        dossier.stage = new
        return MOVED
    at = record.finished_at or (record.received_at if new == S.REFUSED else now)
    case_close(
        case=case,
        actor=actor,
        status=CLOSING[new],
        at=at,
        public_note=_("Kết thúc theo hệ thống một cửa của tỉnh (trạng thái %(status)s).")
        % {"status": status},
    )
    dossier.stage = new
    if new in (S.RESULT_READY, S.RETURNED):
        dossier.result_ready_at = at
    if new == S.RETURNED:
        _record_return(dossier, record, actor=actor)
    return MOVED


def _record_return(dossier: Dossier, record: Record, *, actor: Any) -> None:
    at = record.returned_at or record.finished_at or timezone.now()
    case_record_event(
        case=dossier.case,
        kind=CaseEventKind.RETURNED,
        actor=actor,
        at=at,
        note=_("Đã trả kết quả cho người dân (theo hệ thống một cửa của tỉnh)."),
        data={"source": "provincial"},
    )
    dossier.stage, dossier.returned_at = S.RETURNED, at
