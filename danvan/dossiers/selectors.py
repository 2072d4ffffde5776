"""Reads of the one-stop shop: access-scoped, the only way views fetch dossiers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from danvan.cases.selectors import case_for_user, case_public_lookup, cases_for_user
from danvan.dossiers.models import Dossier, Procedure, ProcedureLevel, StatusCode, UnitProcedure
from danvan.territory.models import Unit


def procedures_for_unit(unit: Unit) -> QuerySet[Procedure]:
    """Active procedures ``unit`` handles: every commune-level procedure unless the unit
    switched it off, plus procedures of other levels it switched on."""
    off = UnitProcedure.objects.filter(unit=unit, enabled=False).values("procedure_id")
    on = UnitProcedure.objects.filter(unit=unit, enabled=True).values("procedure_id")
    return (
        Procedure.objects.filter(active=True)
        .filter(Q(level=ProcedureLevel.COMMUNE) | Q(pk__in=on))
        .exclude(pk__in=off)
        .order_by("field", "name")
    )


def procedures_catalogue(*, active_only: bool = False) -> QuerySet[Procedure]:
    """The national catalogue, by field and name (every procedure, or only active ones)."""
    procedures = Procedure.objects.all()
    if active_only:
        procedures = procedures.filter(active=True)
    return procedures.order_by("field", "name")


def procedure_by_code(code: str) -> Procedure | None:
    """Procedure ``code`` active or not (the catalogue's administrators edit both)."""
    return Procedure.objects.filter(code=code).first()


def procedure_public(code: str) -> Procedure:
    procedure = Procedure.objects.filter(code=code, active=True).first()
    if procedure is None:
        raise Http404("No such procedure")
    return procedure


def dossiers_for_user(user: Any) -> QuerySet[Dossier]:
    """Dossiers of the cases ``user`` may read."""
    return Dossier.objects.filter(case__in=cases_for_user(user)).select_related(
        "case", "case__unit", "procedure", "case__assignee"
    )


def dossier_for_user(user: Any, code: str) -> Dossier:
    """The dossier ``code`` if ``user`` may read it, else ``Http404``."""
    case = case_for_user(user, code)
    dossier = (
        Dossier.objects.select_related("procedure", "unit", "unit__province")
        .filter(case=case)
        .first()
    )
    if dossier is None:
        raise Http404("No such dossier")
    dossier.case = case
    return dossier


def dossier_public_lookup(code: str, secret: str) -> Dossier | None:
    """The dossier for the citizen holding its slip (code and secret), else None."""
    case = case_public_lookup(code, secret)
    if case is None:
        return None
    dossier = Dossier.objects.select_related("procedure", "unit").filter(case=case).first()
    if dossier is not None:
        dossier.case = case
    return dossier


def tracking_book(unit_ids: list[int], start: date, end: date) -> QuerySet[Dossier]:
    """Dossiers received in [start, end] by the given units, for form 06."""
    return (
        Dossier.objects.filter(unit_id__in=unit_ids, received_on__gte=start, received_on__lte=end)
        .select_related("case", "procedure", "unit")
        .order_by("unit_id", "received_on", "case__code")
    )


def national_status(stage: str) -> int | None:
    """The national portal's status code (TrangThaiHoSo) for a dossier stage, from the
    ``StatusCode`` table (data, so an administrator can correct the mapping)."""
    for code, stages in StatusCode.objects.values_list("code", "stages"):
        if stage in [s.strip() for s in stages.split(",") if s.strip()]:
            return code
    return None


def desk_units_for_user(user: Any) -> QuerySet[Unit]:
    """Units whose one-stop set-up ``user`` works with (leader or one-stop officer there)."""
    from danvan.accounts.access import acting_units
    from danvan.accounts.roles import Role

    return (
        acting_units(user, Role.LEADER, Role.ONE_STOP).select_related("province").order_by("code")
    )


def desk_procedures(unit: Unit) -> list[tuple[Procedure, bool, bool]]:
    """Every active procedure with whether ``unit`` handles it and whether that is the
    default (two queries)."""
    exceptions = dict(
        UnitProcedure.objects.filter(unit=unit).values_list("procedure_id", "enabled")
    )
    rows = []
    for procedure in Procedure.objects.filter(active=True).order_by("field", "name"):
        default = procedure.level == ProcedureLevel.COMMUNE
        rows.append((procedure, exceptions.get(procedure.pk, default), default))
    return rows


def desk_settings_of(unit: Unit) -> Any:
    """The one-stop settings row of ``unit``, or None while it has none."""
    from danvan.dossiers.models import UnitOneStopSettings

    return UnitOneStopSettings.objects.filter(unit=unit).first()


def _in_language(name_vi: str, name_en: str) -> str:
    return name_en if (get_language() or "").startswith("en") and name_en else name_vi


def status_names() -> dict[int, str]:
    """Every national status code with its name in the interface language (one query)."""
    rows = StatusCode.objects.values_list("code", "name_vi", "name_en")
    return {code: _in_language(name_vi, name_en) for code, name_vi, name_en in rows}


def status_label(code: int | None, names: dict[int, str] | None = None) -> str:
    """``4 – Đang xử lý``: a national status code with its name in the interface language;
    the code alone when it has no name. ``names`` (from ``status_names``) saves the query
    when many labels are made."""
    if code is None:
        return ""
    if names is None:
        row = StatusCode.objects.filter(code=code).values_list("name_vi", "name_en").first()
        names = {code: _in_language(*row)} if row else {}
    name = names.get(code)
    return f"{code} – {name}" if name else str(code)
