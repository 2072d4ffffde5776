"""Writes of the study period's figures: the import (all or nothing, every bad line reported)
and the carry-over into the successors, with the same shares as the monthly history
(``danvan.evaluation.services.succession_shares``: the province's, else equal)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.boundary import parse_int
from danvan.core.registry import registries
from danvan.core.services import audit_record
from danvan.evaluation.study.models import YearlyValue
from danvan.evaluation.yearly.rules import parse_points
from danvan.territory.models import LegacyUnit, Province, Unit

FIRST_YEAR, LAST_YEAR = 1990, 2025  # old communes existed until 1 July 2025
REQUIRED = ("ma_xa_cu", "nam", "chi_so", "tu_so", "mau_so")


class StudyImportError(Exception):
    def __init__(self, message: str, lines: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.lines = lines or []


def _parse(rows: list[Any], province: Province) -> tuple[list[dict[str, Any]], list[str]]:
    codes = {(r.values.get("ma_xa_cu") or "").strip() for r in rows}
    legacy = {
        u.code: u for u in LegacyUnit.objects.filter(code__in=codes, province__successor=province)
    }
    errors, parsed, seen = [], [], {}
    for row in rows:
        v = row.values
        problems = []
        code = (v.get("ma_xa_cu") or "").strip()
        unit = legacy.get(code)
        if not code:
            problems.append(_("thiếu mã xã cũ"))
        elif unit is None:
            problems.append(_("không có xã cũ mã %(c)s thuộc tỉnh này") % {"c": code})
        year_text = (v.get("nam") or "").strip()
        year = parse_int(year_text, lo=FIRST_YEAR, hi=LAST_YEAR)
        if year is None:
            problems.append(
                _("năm “%(y)s” phải là số từ %(a)s đến %(b)s")
                % {"y": year_text, "a": FIRST_YEAR, "b": LAST_YEAR}
            )
        key = (v.get("chi_so") or "").strip()
        ind = registries.indicators.get(key) if key in registries.indicators else None
        if ind is None:
            problems.append(_("không có chỉ số “%(k)s”") % {"k": key})
        try:
            num, den = parse_points(v.get("tu_so")), parse_points(v.get("mau_so"))
        except ValueError:
            num = den = None
            problems.append(_("tử số, mẫu số phải là số"))
        else:
            if num is None or den is None:
                problems.append(_("thiếu tử số hoặc mẫu số"))
            elif den <= 0 or num < 0:
                problems.append(_("mẫu số phải lớn hơn 0, tử số không âm"))
            elif ind is not None and ind.is_rate and num > den:
                problems.append(_("tử số lớn hơn mẫu số ở một tỷ lệ"))
        if not problems:
            first = seen.get((code, year, key))
            if first is not None:
                problems.append(_("trùng với dòng %(n)s") % {"n": first})
            seen[(code, year, key)] = row.line
        if problems:
            errors.append(_("Dòng %(n)s: %(p)s.") % {"n": row.line, "p": "; ".join(problems)})
        else:
            parsed.append({"unit": unit, "year": year, "ind": ind, "num": num, "den": den})
    return parsed, errors


def study_import(
    *, province: Province, upload: Any, filename: str, actor: Any, source: str = ""
) -> int:
    """Import yearly figures of the province's old communes; a file with any bad line writes
    nothing and reports every line. Carries them into the successors. Returns rows written."""
    from danvan.territory.tabular import TabularError, read_table

    try:
        table = read_table(upload, filename)
    except TabularError as exc:
        raise StudyImportError(exc.message) from exc
    missing = [c for c in REQUIRED if c not in table.headers]
    if missing:
        raise StudyImportError(_("Thiếu cột: %(c)s.") % {"c": ", ".join(missing)})
    if not table.rows:
        raise StudyImportError(_("Tệp không có dòng số liệu nào."))
    parsed, errors = _parse(table.rows, province)
    if errors:
        raise StudyImportError(
            _("Không nhập tệp: %(n)s dòng lỗi, chưa ghi gì.") % {"n": len(errors)}, errors
        )
    now = timezone.now()
    source = (source or filename)[:200]
    with transaction.atomic():
        for p in parsed:
            YearlyValue.objects.update_or_create(
                era="legacy", legacy_unit=p["unit"], year=p["year"], key=p["ind"].key,
                defaults={
                    "province_code": province.code, "area": p["ind"].area,
                    "numerator": p["num"], "denominator": p["den"],
                    "value": p["ind"].value_of(p["num"], p["den"]), "origin": "imported",
                    "source": source, "imported_by": actor, "computed_at": now,
                },
            )  # fmt: skip
        carry_years(years={p["year"] for p in parsed})
        audit_record(
            actor=actor, action="evaluation.study_import", obj=None,
            detail={"rows": len(parsed), "file": filename[:100], "province": province.code},
        )  # fmt: skip
    return len(parsed)


def carry_years(*, years: set[int] | None = None) -> int:
    """Rebuild the carried yearly rows: each old commune's numerator and denominator times
    its share, summed per successor (the monthly carry-over's arithmetic and shares)."""
    from danvan.evaluation.services import succession_shares

    legacy = YearlyValue.objects.filter(era="legacy")
    if years is not None:
        legacy = legacy.filter(year__in=years)
    rows = list(legacy.values_list("legacy_unit_id", "year", "key", "numerator", "denominator"))
    shares = succession_shares({r[0] for r in rows})
    sums: dict[tuple[int, int, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for lid, year, key, num, den in rows:
        for uid, share in shares.get(lid, {}).items():
            acc = sums[(uid, year, key)]
            acc[0] += share * num
            acc[1] += share * den
    provinces = dict(
        Unit.objects.filter(pk__in={k[0] for k in sums}).values_list("pk", "province__code")
    )
    now = timezone.now()
    new = []
    for (uid, year, key), (num, den) in sums.items():
        if den <= 0 or key not in registries.indicators:
            continue
        ind = registries.indicators.get(key)
        new.append(
            YearlyValue(
                era="current", unit_id=uid, province_code=provinces[uid], year=year, key=key,
                area=ind.area, numerator=num, denominator=den, value=ind.value_of(num, den),
                origin="carried", computed_at=now,
            )
        )  # fmt: skip
    touched = {r[1] for r in rows} | set(years or ())
    with transaction.atomic():
        YearlyValue.objects.filter(era="current", origin="carried", year__in=touched).delete()
        YearlyValue.objects.bulk_create(new, batch_size=2000)
    return len(new)
