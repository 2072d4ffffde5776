"""A commune's own set-up of its one-stop desk, done by its leader: the agency code used in
dossier codes (Decree 61/2018 Art. 26), the place name and signatory printed on forms 01–05,
and which procedures the commune handles (its exceptions to the national catalogue)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.core.services import audit_record
from danvan.dossiers import enablement
from danvan.dossiers.errors import DossierError
from danvan.dossiers.models import (
    CodePrefix,
    DossierSource,
    Procedure,
    ProcedureLevel,
    UnitOneStopSettings,
    UnitProcedure,
)
from danvan.territory.models import Unit

# Letters, digits and dots (e.g. H15.50.05.13 or 000.00.15.H56): the structure differs
# between provinces, so only what would break a dossier code is refused — spaces, the "-"
# that separates the parts of the code, accents and other signs, empty parts.
AGENCY_CODE_RE = re.compile(r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$")
AGENCY_CODE_MAX = 20
SETTINGS_FIELDS = ("agency_code", "place_name", "signer_name")


def can_edit_desk(user: Any, unit: Unit) -> bool:
    """The commune's leader sets up its desk; a system administrator may too."""
    if getattr(user, "is_active", False) and getattr(user, "is_superuser", False):
        return True
    return has_role(user, unit, Role.LEADER)


def can_view_desk(user: Any, unit: Unit) -> bool:
    """One-stop officers read the set-up they work with, without changing it."""
    return can_edit_desk(user, unit) or has_role(user, unit, Role.ONE_STOP)


def require_edit_desk(actor: Any, unit: Unit) -> None:
    if not can_edit_desk(actor, unit):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND của xã được thay đổi thiết lập một cửa."))


def clean_agency_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not code:
        return ""
    if len(code) > AGENCY_CODE_MAX or not AGENCY_CODE_RE.match(code):
        raise DossierError(
            "bad_agency_code",
            _(
                "Mã cơ quan chỉ gồm chữ cái không dấu, chữ số và dấu chấm, không có khoảng "
                "trắng (ví dụ H15.50.05.13), tối đa 20 ký tự."
            ),
            field="agency_code",
        )
    return code


def agency_code_taken(code: str, unit: Unit) -> bool:
    """Whether ``code`` would give dossier codes that another unit has or may produce: its
    configured agency code, its territory code (used when it has none) or the prefix of
    dossier codes it issued or imported (an agency code it used before). Small tables and
    an exact, indexed lookup: never a search of the cases table."""
    if not code:
        return False
    if (
        UnitOneStopSettings.objects.filter(agency_code__iexact=code)
        .exclude(unit_id=unit.pk)
        .exists()
    ):
        return True
    if Unit.objects.filter(code__iexact=code).exclude(pk=unit.pk).exists():
        return True
    return CodePrefix.objects.filter(prefix=code.upper()).exclude(unit_id=unit.pk).exists()


def provincial_prefix(code: str, unit: Unit) -> bool:
    """Whether dossiers this commune took from the provincial system carry ``code``: the
    province numbers them day by day as danvan does, so the two series would collide."""
    if not code:
        return False
    return CodePrefix.objects.filter(
        prefix=code.upper(), unit_id=unit.pk, source=DossierSource.PROVINCIAL
    ).exists()


def _lock_desk(unit: Unit) -> UnitOneStopSettings:
    """The settings row of ``unit``, created blank if missing, locked until the transaction
    ends: every change of a commune's desk set-up queues on it, so two leaders saving at once
    are applied one after the other — the second over the first — instead of failing."""
    row, _created = UnitOneStopSettings.objects.select_for_update().get_or_create(unit=unit)
    return row


def _duplicate(code: str) -> DossierError:
    return DossierError(
        "agency_code_taken",
        _(
            "Mã cơ quan “%(code)s” đã được đơn vị khác sử dụng. Mã hồ sơ phải là duy nhất trên "
            "cả nước: kiểm tra lại mã được cấp cho xã."
        )
        % {"code": code},
        field="agency_code",
    )


def _clean_text(value: str, limit: int, field: str, message: str) -> str:
    text = " ".join((value or "").split())
    if len(text) > limit:
        raise DossierError(f"{field}_too_long", message, field=field)
    return text


def unit_settings_update(
    *, actor: Any, unit: Unit, agency_code: str, place_name: str, signer_name: str
) -> UnitOneStopSettings:
    """Save the desk settings of ``unit``. A new agency code applies to dossiers received
    from now on; the codes already issued never change."""
    require_edit_desk(actor, unit)
    values = {
        "agency_code": clean_agency_code(agency_code),
        "place_name": _clean_text(
            place_name, 80, "place_name", _("Địa danh quá dài (tối đa 80 ký tự).")
        ),
        "signer_name": _clean_text(
            signer_name, 120, "signer_name", _("Họ tên người ký quá dài (tối đa 120 ký tự).")
        ),
    }
    if agency_code_taken(values["agency_code"], unit):
        raise _duplicate(values["agency_code"])
    if provincial_prefix(values["agency_code"], unit):
        raise DossierError(
            "agency_code_provincial",
            _(
                "Hồ sơ nhận từ hệ thống một cửa của tỉnh đã mang mã “%(code)s”: hồ sơ tiếp nhận "
                "trên danvan với cùng mã sẽ trùng số. Dùng mã khác, hoặc tiếp tục tiếp nhận "
                "trên hệ thống của tỉnh."
            )
            % {"code": values["agency_code"]},
            field="agency_code",
        )
    try:
        with transaction.atomic():
            current = _lock_desk(unit)
            changed = {
                k: [getattr(current, k), v] for k, v in values.items() if getattr(current, k) != v
            }
            if not changed:
                return current
            for key, value in values.items():
                setattr(current, key, value)
            current.save()
            audit_record(
                actor=actor,
                action="dossiers.desk.settings",
                obj=current,
                unit_code=unit.code,
                object_repr=unit.code,
                detail={"changed": changed},
            )
    except IntegrityError as exc:  # another commune took the code at the same moment
        raise _duplicate(values["agency_code"]) from exc
    return current


def handled_by_default(procedure: Procedure) -> bool:
    return procedure.level == ProcedureLevel.COMMUNE


def unit_procedures_set(*, actor: Any, unit: Unit, enabled: Iterable[str]) -> dict[str, list[str]]:
    """Make ``unit`` handle exactly the active procedures whose codes are in ``enabled``:
    an exception row is kept only where the commune departs from the default (every
    commune-level procedure on, every other level off). Returns what was switched."""
    require_edit_desk(actor, unit)
    wanted = {str(code).strip() for code in enabled if str(code).strip()}
    catalogue = {p.code: p for p in Procedure.objects.filter(active=True)}
    unknown = sorted(wanted - set(catalogue))
    if unknown:
        raise DossierError(
            "unknown_procedure",
            _("Thủ tục không có trong danh mục đang áp dụng: %(codes)s.")
            % {"codes": ", ".join(unknown[:10])},
        )
    with transaction.atomic():
        _lock_desk(unit)  # another leader's save of the list finishes first; we read it
        rows = {
            r.procedure_id: r
            for r in UnitProcedure.objects.select_for_update().filter(
                unit=unit, procedure_id__in=[p.pk for p in catalogue.values()]
            )
        }
        switched: dict[str, list[str]] = {"on": [], "off": []}
        stale: list[int] = []
        for code, procedure in sorted(catalogue.items()):
            default = handled_by_default(procedure)
            row = rows.get(procedure.pk)
            now = row.enabled if row is not None else default
            want = code in wanted
            if want != now:
                switched["on" if want else "off"].append(code)
            if want == default:
                if row is not None:
                    stale.append(row.pk)
            elif row is None:
                UnitProcedure.objects.create(unit=unit, procedure=procedure, enabled=want)
            elif row.enabled != want:
                row.enabled = want
                row.save(update_fields=["enabled"])
        if stale:
            UnitProcedure.objects.filter(pk__in=stale).delete()
        # After the commit too: a copy reloaded by this process while the transaction was
        # open still holds the old set (other processes see the change within its TTL).
        transaction.on_commit(enablement.invalidate)
        if switched["on"] or switched["off"]:
            audit_record(
                actor=actor,
                action="dossiers.desk.procedures",
                unit_code=unit.code,
                object_repr=unit.code,
                detail=switched,
            )
    return switched
