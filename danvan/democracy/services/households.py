"""Households of a village: imported from the village's list (XLSX/CSV, all or nothing, every
bad line reported), and their voting codes, printed once on the notice."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core.services import audit_record
from danvan.democracy.models import Decision, Household, VotingCode
from danvan.democracy.services.common import VILLAGE_ROLES, require
from danvan.territory.models import Village
from danvan.territory.services import village_update
from danvan.territory.tabular import TabularError, read_table

COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("ma_ho", "so_ho", "number", "household_number", "stt"),
    "head": ("chu_ho", "ho_ten_chu_ho", "head"),
    "members": ("so_nhan_khau", "nhan_khau", "members"),
    "representative": ("nguoi_dai_dien", "dai_dien", "representative"),
}
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
MAX_MEMBERS = 100


@dataclass(frozen=True)
class ImportIssue:
    line: int
    message: str


class HouseholdImportError(Exception):
    def __init__(self, issues: list[ImportIssue]) -> None:
        super().__init__("; ".join(f"{i.line}: {i.message}" for i in issues))
        self.issues = issues


def normalise_code(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())[:40]


def code_digest(code: str) -> str:
    """A keyed digest: the database never holds a code that could vote."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"democracy-vote:" + normalise_code(code).encode(), "sha256").hexdigest()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def household_by_code(code: str) -> Household | None:
    found = voter_by_code(code)
    return found[0] if found else None


def voter_by_code(code: str) -> tuple[Household, int | None] | None:
    """The household a code belongs to and the one decision it votes on (None: an older
    household code, valid for every decision of the household), or None."""
    normalised = normalise_code(code)
    if len(normalised) != CODE_LENGTH:
        return None
    digest = code_digest(normalised)
    per_decision = (
        VotingCode.objects.select_related("household", "household__village", "household__unit")
        .filter(digest=digest)
        .first()
    )
    if per_decision is not None:
        return per_decision.household, per_decision.decision_id
    household = (
        Household.objects.select_related("village", "unit").filter(code_digest=digest).first()
    )
    return (household, None) if household is not None else None


def code_valid_for(household: Household, decision_id: int, code: str) -> bool:
    """Whether ``code`` lets ``household`` vote on the decision: that decision's own code,
    or the household's older code (constant-time comparisons)."""
    given = normalise_code(code)
    if not given:
        return False
    digest = code_digest(given)
    own = (
        VotingCode.objects.filter(decision_id=decision_id, household=household)
        .values_list("digest", flat=True)
        .first()
    )
    if own and hmac.compare_digest(own, digest):
        return True
    older = household.code_digest
    return bool(older) and hmac.compare_digest(older, digest)


def _column(headers: list[str], key: str) -> str | None:
    return next((h for h in COLUMNS[key] if h in headers), None)


def households_import(*, actor: Any, village: Village, file: IO[bytes] | Any, filename: str) -> int:
    """Add the households listed in ``file`` to ``village``; raise HouseholdImportError with
    every bad line. The village's household count then follows its rows."""
    require(actor, village.unit, VILLAGE_ROLES)
    try:
        table = read_table(file, filename)
    except TabularError as exc:
        raise HouseholdImportError([ImportIssue(0, exc.message)]) from exc
    columns = {key: _column(table.headers, key) for key in COLUMNS}
    missing = [key for key in ("number", "head") if columns[key] is None]
    if missing:
        names = {"number": "ma_ho", "head": "chu_ho"}
        raise HouseholdImportError(
            [
                ImportIssue(
                    1,
                    _("Dòng tiêu đề thiếu cột: %(columns)s.")
                    % {"columns": ", ".join(names[m] for m in missing)},
                )
            ]
        )
    if not table.rows:
        raise HouseholdImportError([ImportIssue(0, _("Tệp không có dòng dữ liệu nào."))])
    existing = set(Household.objects.filter(village=village).values_list("number", flat=True))
    seen: dict[str, int] = {}
    issues: list[ImportIssue] = []
    rows: list[Household] = []
    for row in table.rows:

        def value(key: str, row: Any = row) -> str:
            column = columns[key]
            return " ".join(row.values.get(column, "").split()) if column else ""

        reasons: list[str] = []
        number, head = value("number"), value("head")
        representative = value("representative") or head
        if not number:
            reasons.append(_("mã hộ để trống"))
        elif len(number) > 30:
            reasons.append(_("mã hộ dài quá 30 ký tự"))
        elif number in seen:
            reasons.append(
                _("mã hộ “%(number)s” trùng với dòng %(line)s")
                % {"number": number, "line": seen[number]}
            )
        elif number in existing:
            reasons.append(_("thôn đã có hộ mã “%(number)s”") % {"number": number})
        else:
            seen[number] = row.line
        if not head:
            reasons.append(_("tên chủ hộ để trống"))
        elif len(head) > 150 or len(representative) > 150:
            reasons.append(_("tên dài quá 150 ký tự"))
        raw_members = value("members")
        members = 1
        if raw_members:
            if not raw_members.isdigit() or not 1 <= int(raw_members) <= MAX_MEMBERS:
                reasons.append(
                    _("số nhân khẩu “%(value)s” không phải số nguyên từ 1 đến 100")
                    % {"value": raw_members[:20]}
                )
            else:
                members = int(raw_members)
        if reasons:
            issues.append(ImportIssue(row.line, "; ".join(str(r) for r in reasons) + "."))
        else:
            rows.append(
                Household(
                    unit=village.unit,
                    village=village,
                    number=number,
                    head=head,
                    members=members,
                    representative=representative,
                )
            )
    if issues:
        raise HouseholdImportError(issues)
    try:
        with transaction.atomic():
            Household.objects.bulk_create(rows, batch_size=500)
            _follow_count(actor, village)
            audit_record(
                actor=actor,
                action="democracy.household.import",
                obj=village,
                unit_code=village.unit.code,
                detail={"file": filename[:200], "created": len(rows)},
            )
    except IntegrityError as exc:
        raise HouseholdImportError(
            [ImportIssue(0, _("Một số mã hộ vừa được người khác thêm; hãy nhập lại tệp."))]
        ) from exc
    return len(rows)


def _follow_count(actor: Any, village: Village) -> None:
    count = Household.objects.filter(village=village).count()
    if village.households != count:
        village_update(
            actor=actor,
            village=village,
            name=village.name,
            kind=village.kind,
            households=count,
            population=village.population,
        )


def decision_codes_issue(
    *, actor: Any, decision: Decision, village: Village
) -> list[tuple[Household, str]]:
    """New voting codes of ``decision`` for every household of ``village``: the decision's
    earlier codes stop working, every other decision's stay valid. Returned once, to be
    printed on the decision's notice, and kept only as digests."""
    require(actor, village.unit, VILLAGE_ROLES)
    if village.unit_id != decision.unit_id:
        raise ValueError("village of another commune")
    issued: list[tuple[Household, str]] = []
    with transaction.atomic():
        households = list(
            Household.objects.select_for_update().filter(village=village).order_by("number")
        )
        VotingCode.objects.filter(decision=decision, household__village=village).delete()
        rows = []
        for household in households:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            rows.append(
                VotingCode(
                    unit_id=decision.unit_id,
                    decision=decision,
                    household=household,
                    digest=code_digest(code),
                )
            )
            issued.append((household, code))
        VotingCode.objects.bulk_create(rows, batch_size=500)
        audit_record(
            actor=actor,
            action="democracy.decision.codes_issue",
            obj=decision,
            unit_code=village.unit.code,
            detail={"households": len(households), "village": village.pk},
        )
    return issued


def household_codes_issue(*, actor: Any, village: Village) -> list[tuple[Household, str]]:
    """New household codes, valid for every decision of the household, for every household
    of ``village`` (the older ones stop working). A decision's notice issues that decision's
    own codes instead (``decision_codes_issue``)."""
    require(actor, village.unit, VILLAGE_ROLES)
    issued: list[tuple[Household, str]] = []
    with transaction.atomic():
        households = list(
            Household.objects.select_for_update().filter(village=village).order_by("number")
        )
        for household in households:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            household.code_digest = code_digest(code)
            issued.append((household, code))
        Household.objects.bulk_update(households, ["code_digest"], batch_size=500)
        audit_record(
            actor=actor,
            action="democracy.household.codes_issue",
            obj=village,
            unit_code=village.unit.code,
            detail={"households": len(households)},
        )
    return issued
