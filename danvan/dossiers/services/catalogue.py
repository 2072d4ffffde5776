"""Writes of the procedure catalogue: create, update, import (all or nothing)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.services import audit_record
from danvan.dossiers import rules
from danvan.dossiers.errors import DossierError
from danvan.dossiers.models import OnlineLevel, Procedure, ProcedureLevel

CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,29}$")
FIELDS = (
    "name",
    "field",
    "level",
    "processing_days",
    "fees",
    "required_documents",
    "legal_basis",
    "online",
    "active",
)

# Header aliases (normalised by territory.tabular: lower case, no diacritics, underscores).
COLUMNS = {
    "code": ("ma", "ma_thu_tuc", "ma_tthc", "code"),
    "name": ("ten", "ten_thu_tuc", "name"),
    "field": ("linh_vuc", "field"),
    "level": ("cap", "cap_thuc_hien", "level"),
    "processing_days": ("thoi_han", "thoi_han_giai_quyet", "so_ngay", "processing_days"),
    "fees": ("phi_le_phi", "le_phi", "phi", "fees"),
    "required_documents": ("thanh_phan_ho_so", "giay_to", "required_documents"),
    "legal_basis": ("can_cu_phap_ly", "can_cu", "legal_basis"),
    "online": ("truc_tuyen", "dich_vu_cong", "online"),
}
LEVEL_WORDS = {
    "xa": "commune", "cap xa": "commune", "commune": "commune",
    "tinh": "province", "cap tinh": "province", "province": "province",
    "trung uong": "central", "central": "central",
}  # fmt: skip
ONLINE_WORDS = {
    "": "none", "khong": "none", "none": "none", "0": "none",
    "mot phan": "partial", "partial": "partial", "1": "partial",
    "toan trinh": "full", "full": "full", "2": "full",
}  # fmt: skip


def _fold(text: str) -> str:
    from danvan.territory.tabular import normalize_header

    return normalize_header(text).replace("_", " ")


def split_documents(text: str) -> list[str]:
    """One required document per line (or separated by ';' in a spreadsheet cell)."""
    parts = re.split(r"[;\n]+", text or "")
    return [p.strip(" -•\t\r") for p in parts if p.strip(" -•\t\r")]


def clean_procedure(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """Check and normalise procedure fields; raise ``DossierError`` naming the field."""
    out: dict[str, Any] = {}
    if creating:
        code = str(data.get("code", "")).strip()
        if not CODE_RE.match(code):
            raise DossierError(
                "bad_code",
                _(
                    "Mã thủ tục “%(code)s” không hợp lệ (chữ số, chữ cái, dấu chấm; tối đa 30 ký tự)."
                )
                % {"code": code},
                field="code",
            )
        out["code"] = code
    name = str(data.get("name", "")).strip()
    if not name or len(name) > 400:
        raise DossierError("bad_name", _("Cần tên thủ tục (tối đa 400 ký tự)."), field="name")
    out["name"] = name
    out["field"] = str(data.get("field", "")).strip()[:150]
    if not out["field"]:
        raise DossierError("bad_field", _("Cần lĩnh vực của thủ tục."), field="field")
    level = data.get("level") or "commune"
    if level not in ProcedureLevel.values:
        raise DossierError("bad_level", _("Cấp thực hiện không hợp lệ."), field="level")
    out["level"] = level
    try:
        days = int(str(data.get("processing_days", "")).strip())
    except ValueError:
        days = -1
    if not 0 < days <= 365:
        raise DossierError(
            "bad_days",
            _("Thời hạn giải quyết phải là số ngày làm việc từ 1 đến 365."),
            field="processing_days",
        )
    out["processing_days"] = days
    out["fees"] = str(data.get("fees", "")).strip()[:300]
    docs = data.get("required_documents") or []
    out["required_documents"] = (
        split_documents(docs)
        if isinstance(docs, str)
        else [str(d).strip() for d in docs if str(d).strip()]
    )
    out["legal_basis"] = str(data.get("legal_basis", "")).strip()
    online = data.get("online") or "none"
    if online not in OnlineLevel.values:
        raise DossierError("bad_online", _("Mức trực tuyến không hợp lệ."), field="online")
    out["online"] = online
    out["active"] = bool(data.get("active", True))
    return out


def _audit(actor: Any, action: str, procedure: Procedure, **detail: Any) -> None:
    audit_record(actor=actor, action=f"dossiers.procedure.{action}", obj=procedure, detail=detail)


def procedure_create(*, actor: Any, data: dict[str, Any]) -> Procedure:
    values = clean_procedure(data, creating=True)
    with transaction.atomic():
        if Procedure.objects.filter(code=values["code"]).exists():
            raise DossierError(
                "duplicate_code", _("Mã thủ tục đã có trong danh mục."), field="code"
            )
        procedure = Procedure.objects.create(**values)
        _audit(actor, "create", procedure, code=procedure.code)
    rules.invalidate()
    return procedure


def procedure_update(*, actor: Any, procedure: Procedure, data: dict[str, Any]) -> Procedure:
    values = clean_procedure(data, creating=False)
    with transaction.atomic():
        changed = [k for k, v in values.items() if getattr(procedure, k) != v]
        for key, value in values.items():
            setattr(procedure, key, value)
        procedure.save()
        _audit(actor, "update", procedure, changed=changed)
    rules.invalidate()
    return procedure


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    errors: list[tuple[int, str]]

    @property
    def ok(self) -> bool:
        return not self.errors


def _row_values(values: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, aliases in COLUMNS.items():
        out[key] = next((values[a] for a in aliases if a in values), "")
    level_word = _fold(out["level"])
    out["level"] = LEVEL_WORDS.get(level_word, out["level"] or "commune")
    online_word = _fold(out["online"])
    out["online"] = ONLINE_WORDS.get(online_word, out["online"])
    return out


def procedures_import(*, actor: Any, file: IO[bytes] | Any, filename: str) -> ImportResult:
    """Create or update procedures from an XLSX/CSV file (a row per procedure, matched by
    code). Every bad row is reported with its line; if any row is bad nothing is written."""
    from danvan.territory.tabular import TabularError, read_table

    try:
        table = read_table(file, filename)
    except TabularError as exc:
        return ImportResult(0, 0, [(1, exc.message)])
    missing = [
        k for k in ("code", "name", "processing_days") if not set(COLUMNS[k]) & set(table.headers)
    ]
    if missing:
        names = ", ".join(COLUMNS[k][0] for k in missing)
        return ImportResult(0, 0, [(1, _("Thiếu cột bắt buộc: %(cols)s.") % {"cols": names})])
    if not table.rows:
        return ImportResult(0, 0, [(2, _("Tệp không có dòng dữ liệu nào."))])
    cleaned: list[dict[str, Any]] = []
    errors: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        try:
            values = clean_procedure(_row_values(row.values), creating=True)
        except DossierError as exc:
            errors.append((row.line, str(exc.message)))
            continue
        if values["code"] in seen:
            errors.append(
                (
                    row.line,
                    _("Mã “%(code)s” trùng với dòng %(line)s.")
                    % {"code": values["code"], "line": seen[values["code"]]},
                )
            )
            continue
        seen[values["code"]] = row.line
        cleaned.append(values)
    if errors:
        return ImportResult(0, 0, errors)
    created = updated = 0
    with transaction.atomic():
        existing = {p.code: p for p in Procedure.objects.filter(code__in=list(seen))}
        for values in cleaned:
            procedure = existing.get(values["code"])
            if procedure is None:
                Procedure.objects.create(**values)
                created += 1
            else:
                for key in FIELDS:
                    setattr(procedure, key, values[key])
                procedure.save()
                updated += 1
        audit_record(
            actor=actor,
            action="dossiers.procedure.import",
            detail={"file": filename[:100], "created": created, "updated": updated},
        )
    rules.invalidate()
    return ImportResult(created, updated, [])
