"""Writes of the yearly scoring: the framework (from the shipped template, an XLSX import or
the edit page), opening the cycle, the commune's self-assessment with its evidence, the
appraisal with a reason for every change, and the decision.

Every refusal is a ``ScoringError`` with a message to show (Vietnamese, English through the
catalogue); an import or a form with several bad lines reports all of them and writes nothing.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.access import has_role
from danvan.accounts.roles import Role
from danvan.core.registry import registries
from danvan.core.services import audit_record
from danvan.evaluation import scoring
from danvan.evaluation.models import Era, IndicatorValue
from danvan.evaluation.yearly import rules
from danvan.evaluation.yearly.kinds import (
    APPRAISAL_KIND,
    APPRAISAL_RULE,
    PROVINCE_DATE,
    SELF_KIND,
    SELF_RULE,
)
from danvan.evaluation.yearly.models import (
    Assessment,
    AssessmentItem,
    AssessmentStatus,
    EvidenceFile,
    Framework,
    FrameworkStatus,
    GradeBand,
    Group,
    Item,
)
from danvan.territory.models import Province, Unit

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "scoring_1878.json"
SELF_ROLES = (Role.LEADER, Role.PARTY_SECRETARY)
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_KINDS = ("pdf", "jpeg", "png", "docx")


class ScoringError(Exception):
    def __init__(self, code: str, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.errors = errors or {}


# ---------------------------------------------------------------- who may do what


def can_self_assess(user: Any, unit: Unit) -> bool:
    """The commune's leaders fill and submit its self-assessment."""
    return has_role(user, unit, *SELF_ROLES)


def can_appraise(user: Any, province_id: int) -> bool:
    """Province reviewers (``appraiser``: home affairs, the Party's mass-mobilisation board)."""
    from danvan.accounts.access import memberships_for

    if getattr(user, "is_superuser", False):
        return True
    return any(
        m.role == Role.APPRAISER and m.province_id == province_id for m in memberships_for(user)
    )


def _require_appraiser(user: Any, province_id: int) -> None:
    if not can_appraise(user, province_id):
        raise ScoringError("forbidden", _("Chỉ cán bộ thẩm định cấp tỉnh được thực hiện việc này."))


# ---------------------------------------------------------------- the framework


@dataclass
class FrameworkData:
    """A framework as read from the template, an XLSX file or the edit page."""

    groups: list[dict[str, Any]] = field(default_factory=list)  # code, title, items[...]
    bands: list[dict[str, Any]] = field(default_factory=list)  # code, label, min
    title: str = ""
    citation: str = ""
    flag_margin: float = 0.2


def template_data() -> FrameworkData:
    raw = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    return FrameworkData(
        groups=raw["groups"],
        bands=raw["bands"],
        title=raw["title"],
        citation=raw["citation"],
        flag_margin=raw.get("flag_margin", 0.2),
    )


def check_data(data: FrameworkData) -> list[str]:
    """Every problem of ``data`` as a sentence (empty: good)."""
    problems = []
    codes: set[str] = set()
    if not data.groups:
        problems.append(_("Chưa có nhóm tiêu chí nào."))
    for group in data.groups:
        if not group.get("items"):
            problems.append(_("Nhóm %(g)s chưa có tiêu chí nào.") % {"g": group["code"]})
        for item in group.get("items", []):
            if item["code"] in codes:
                problems.append(_("Mã tiêu chí %(c)s bị trùng.") % {"c": item["code"]})
            codes.add(item["code"])
            if item.get("indicator") and item["indicator"] not in registries.indicators:
                problems.append(
                    _("Tiêu chí %(c)s: không có chỉ số “%(k)s”.")
                    % {"c": item["code"], "k": item["indicator"]}
                )
    if not data.bands:
        problems.append(_("Chưa có mức xếp loại nào."))
    band_codes = [b["code"] for b in data.bands]
    if len(set(band_codes)) != len(band_codes):
        problems.append(_("Mã xếp loại bị trùng."))
    problems.extend(floor_problems([b["min"] for b in data.bands]))
    return problems


def floor_problems(floors: list[float]) -> list[str]:
    """What is wrong with the bands' floors (the import's and the edit page's one check)."""
    problems = []
    if len(set(floors)) != len(floors):
        problems.append(_("Hai mức xếp loại có cùng điểm sàn."))
    if floors and min(floors) > 0:
        problems.append(_("Mức xếp loại thấp nhất phải bắt đầu từ 0 điểm."))
    return problems


@transaction.atomic
def framework_save(
    *, province: Province, year: int, data: FrameworkData, actor: Any, action: str = "template"
) -> Framework:
    """Create or replace the framework of ``province`` for ``year`` (while still a draft: the
    criteria of a cycle under way do not change)."""
    _require_appraiser(actor, province.pk)
    problems = check_data(data)
    if problems:
        raise ScoringError("bad_framework", " ".join(problems))
    framework = Framework.objects.select_for_update().filter(province=province, year=year).first()
    if framework is not None and framework.status != FrameworkStatus.DRAFT:
        raise ScoringError(
            "cycle_open", _("Kỳ đánh giá đã mở: không thay đổi được bộ tiêu chí của năm này.")
        )
    if framework is None:
        framework = Framework(province=province, year=year)
    framework.title = (data.title or _("Bộ tiêu chí đánh giá năm %(y)s") % {"y": year})[:300]
    framework.citation = data.citation[:300]
    framework.flag_margin = data.flag_margin
    framework.updated_by = actor
    framework.save()
    framework.groups.all().delete()  # items go with their groups
    framework.bands.all().delete()
    order = 0
    for g_order, g in enumerate(data.groups):
        group = Group.objects.create(
            framework=framework, code=g["code"], title=g["title"][:300], order=g_order
        )
        for item in g["items"]:
            order += 1
            Item.objects.create(
                framework=framework, group=group, code=item["code"], title=item["title"],
                max_points=float(item["max"]), indicator_key=item.get("indicator") or "",
                awarded_above=bool(item.get("awarded_above")), order=order,
            )  # fmt: skip
    for band in data.bands:
        GradeBand.objects.create(
            framework=framework, code=band["code"], label=band["label"][:80],
            min_points=float(band["min"]),
        )  # fmt: skip
    audit_record(
        actor=actor, action=f"evaluation.scoring_framework_{action}", obj=framework,
        detail={"year": year, "items": order},
    )  # fmt: skip
    return framework


def framework_from_template(*, province: Province, year: int, actor: Any) -> Framework:
    return framework_save(province=province, year=year, data=template_data(), actor=actor)


# ------------------------------------------------------------------ the import

COLUMNS = ("loai", "nhom", "ten_nhom", "ma", "noi_dung", "diem", "chi_so", "cap_tren_cham")
YES = {"x", "co", "có", "1", "true", "yes"}


def parse_framework_rows(rows: list[Any]) -> tuple[FrameworkData, list[str]]:
    """The rows of an import (``danvan.territory.tabular.Row``) as framework data, with
    every bad line reported as "Dòng N: …"."""
    errors: list[str] = []
    data = FrameworkData()
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        v = row.values
        kind = (v.get("loai") or "").strip().lower()
        problems = []
        try:
            points = rules.parse_points(v.get("diem"))
        except ValueError:
            points = None
            problems.append(_("điểm “%(p)s” không phải là số") % {"p": v.get("diem")})
        code = (v.get("ma") or "").strip()
        text = (v.get("noi_dung") or "").strip()
        if not code:
            problems.append(_("thiếu mã"))
        if not text:
            problems.append(_("thiếu nội dung"))
        if kind in ("tieu chi", "tieu_chi", "tiêu chí"):
            group_code = (v.get("nhom") or "").strip()
            if not group_code:
                problems.append(_("thiếu mã nhóm"))
            if points is None and not problems:
                problems.append(_("thiếu điểm tối đa"))
            elif points is not None and not 0 < points <= 100:
                problems.append(_("điểm tối đa phải lớn hơn 0 và không quá 100"))
            key = (v.get("chi_so") or "").strip()
            if key and key not in registries.indicators:
                problems.append(_("không có chỉ số “%(k)s”") % {"k": key})
            if not problems:
                group = groups.get(group_code)
                if group is None:
                    title = (v.get("ten_nhom") or "").strip() or group_code
                    group = groups[group_code] = {"code": group_code, "title": title, "items": []}
                    data.groups.append(group)
                group["items"].append(
                    {
                        "code": code, "title": text, "max": points, "indicator": key,
                        "awarded_above": (v.get("cap_tren_cham") or "").strip().lower() in YES,
                    }
                )  # fmt: skip
        elif kind in ("xep loai", "xep_loai", "xếp loại"):
            if points is None and not problems:
                problems.append(_("thiếu điểm sàn"))
            elif points is not None and not 0 <= points <= 100:
                problems.append(_("điểm sàn phải từ 0 đến 100"))
            if not problems:
                data.bands.append({"code": code, "label": text, "min": points})
        else:
            problems = [_("cột “loai” phải là “Tiêu chí” hoặc “Xếp loại”")]
        if problems:
            errors.append(_("Dòng %(n)s: %(p)s.") % {"n": row.line, "p": "; ".join(problems)})
    if not errors:
        errors.extend(check_data(data))
    return data, errors


def framework_import(
    *, province: Province, year: int, upload: Any, filename: str, actor: Any, title: str = ""
) -> Framework:
    """All or nothing: a file with any bad line writes nothing and reports every line."""
    from danvan.territory.tabular import TabularError, read_table

    _require_appraiser(actor, province.pk)
    try:
        table = read_table(upload, filename)
    except TabularError as exc:
        raise ScoringError("bad_file", exc.message) from exc
    missing = [c for c in ("loai", "nhom", "ma", "noi_dung", "diem") if c not in table.headers]
    if missing:
        raise ScoringError("bad_columns", _("Thiếu cột: %(c)s.") % {"c": ", ".join(missing)})
    data, errors = parse_framework_rows(table.rows)
    if errors:
        raise ScoringError(
            "bad_lines",
            _("Không nhập tệp: %(n)s lỗi, chưa ghi gì.") % {"n": len(errors)},
            {str(i): e for i, e in enumerate(errors)},
        )
    data.title = title or _("Bộ tiêu chí đánh giá năm %(y)s") % {"y": year}
    data.citation = _("Nhập từ tệp %(f)s") % {"f": filename[:100]}
    return framework_save(province=province, year=year, data=data, actor=actor, action="import")


def template_xlsx() -> bytes:
    """The shipped template as an XLSX file in the import's format."""
    import io

    from openpyxl import Workbook

    from danvan.core.boundary import append_row

    data = template_data()
    book = Workbook()
    sheet = book.active
    sheet.title = "Tieu chi"
    append_row(sheet, ["Loại", "Nhóm", "Tên nhóm", "Mã", "Nội dung", "Điểm", "Chỉ số",
                       "Cấp trên chấm"])  # fmt: skip
    for g in data.groups:
        for item in g["items"]:
            append_row(
                sheet,
                ["Tiêu chí", g["code"], g["title"], item["code"], item["title"], item["max"],
                 item.get("indicator", ""), "x" if item.get("awarded_above") else ""],
            )  # fmt: skip
    for band in data.bands:
        append_row(sheet, ["Xếp loại", "", "", band["code"], band["label"], band["min"], "", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@transaction.atomic
def framework_edit(
    *,
    framework: Framework,
    actor: Any,
    items: dict[str, dict[str, str]],
    bands: dict[str, dict[str, str]],
    dates: dict[str, date | None],
    flag_margin: str,
    new_band: dict[str, str] | None = None,
    remove_bands: set[str] | None = None,
) -> Framework:
    """The edit page: each item's maximum and indicator, each band's label and floor (a band
    added, bands removed: the lower bands are the province's), the dates of the cycle and the
    flag margin. Every bad field is reported, nothing written."""
    _require_appraiser(actor, framework.province_id)
    errors: dict[str, str] = {}
    draft = framework.status == FrameworkStatus.DRAFT
    item_rows = {i.code: i for i in framework.items.all()}
    band_rows = {b.code: b for b in framework.bands.all()}
    new_items = {}
    for code, row in item_rows.items():
        typed = items.get(code, {})
        try:
            raw = typed.get("max")
            points = row.max_points if raw is None else rules.parse_points(raw)
        except ValueError:
            points = None
        if points is None or not 0 < points <= 100:
            errors[f"item-{code}-max"] = _("Điểm tối đa phải là số lớn hơn 0, không quá 100.")
        key = typed.get("indicator")
        key = row.indicator_key if key is None else key.strip()
        if key and key not in registries.indicators:
            errors[f"item-{code}-indicator"] = _("Không có chỉ số này.")
        new_items[code] = (points, key)
    new_bands = {}
    for code, row in band_rows.items():
        typed = bands.get(code, {})
        label = typed.get("label")
        label = row.label if label is None else label.strip()
        try:
            raw = typed.get("min")
            floor = row.min_points if raw is None else rules.parse_points(raw)
        except ValueError:
            floor = None
        if not label:
            errors[f"band-{code}-label"] = _("Mục này cần được điền.")
        if floor is None or not 0 <= floor <= 100:
            errors[f"band-{code}-min"] = _("Điểm sàn phải là số từ 0 đến 100.")
        new_bands[code] = (label, floor)
    remove_bands = set(remove_bands or ()) & set(band_rows)
    for code in remove_bands:
        new_bands.pop(code, None)
    added = None
    nb = {k: (v or "").strip() for k, v in (new_band or {}).items()}
    if any(nb.values()):
        try:
            floor = rules.parse_points(nb.get("min"))
        except ValueError:
            floor = None
        code = nb.get("code", "")
        if not code or len(code) > 20 or code in new_bands:
            errors["new-band-code"] = _("Mã xếp loại mới phải có và không trùng (tối đa 20 ký tự).")
        if not nb.get("label"):
            errors["new-band-label"] = _("Mục này cần được điền.")
        if floor is None or not 0 <= floor <= 100:
            errors["new-band-min"] = _("Điểm sàn phải là số từ 0 đến 100.")
        added = (code, nb.get("label", "")[:80], floor)
        new_bands[code] = (added[1], floor)
    if not new_bands:
        errors["bands"] = _("Chưa có mức xếp loại nào.")
    band_problems = floor_problems([f for _l, f in new_bands.values() if f is not None])
    if band_problems:
        errors["bands"] = band_problems[0]
    try:
        margin = rules.parse_points(flag_margin)
    except ValueError:
        margin = None
    if margin is None or not 0 <= margin <= 1:
        errors["flag_margin"] = _("Ngưỡng cảnh báo là tỷ lệ từ 0 đến 1 (vd. 0,2).")
    d = {k: dates.get(k) for k in ("self_due", "appraisal_due", "decision_due")}
    if d["self_due"] and d["appraisal_due"] and d["appraisal_due"] < d["self_due"]:
        errors["appraisal_due"] = _("Hạn thẩm định phải sau hạn tự đánh giá.")
    if d["appraisal_due"] and d["decision_due"] and d["decision_due"] < d["appraisal_due"]:
        errors["decision_due"] = _("Hạn quyết định phải sau hạn thẩm định.")
    changed_points = any(
        (p, k) != (item_rows[c].max_points, item_rows[c].indicator_key)
        for c, (p, k) in new_items.items()
    )
    if changed_points and not draft:
        errors["items"] = _("Kỳ đánh giá đã mở: không thay đổi được điểm, chỉ số của tiêu chí.")
    if errors:
        raise ScoringError("invalid", _("Vui lòng sửa các mục được đánh dấu."), errors)
    for code, (points, key) in new_items.items():
        row = item_rows[code]
        if (row.max_points, row.indicator_key) != (points, key):
            row.max_points, row.indicator_key = points, key
            row.save(update_fields=["max_points", "indicator_key"])
    for code in remove_bands:
        band_rows[code].delete()
    for code, (label, floor) in new_bands.items():
        row = band_rows.get(code)
        if row is None:
            GradeBand.objects.create(framework=framework, code=code, label=label, min_points=floor)
            continue
        row.label, row.min_points = label, floor
        row.save(update_fields=["label", "min_points"])
    framework.flag_margin = margin
    if draft:
        framework.self_due, framework.appraisal_due = d["self_due"], d["appraisal_due"]
    framework.decision_due = d["decision_due"] or framework.decision_due
    framework.updated_by = actor
    framework.save()
    audit_record(actor=actor, action="evaluation.scoring_framework_edit", obj=framework)
    if not draft:
        grades = grade_bands(framework)  # once for the province's communes, not per commune
        for a in framework.assessments.all():
            recompute_totals(a, bands=grades)
    return framework


# ---------------------------------------------------------------- measured evidence


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(8, 0)))


def measured_lines(framework: Framework, units: list[Unit]) -> dict[int, dict[str, Any]]:
    """``{unit_id: {item_code: (measured points, evidence)}}`` from the year's indicator
    values (Σ numerators ÷ Σ denominators over its months, carried history included),
    scored 0–10 by the index method in force in December, then scaled to the item."""
    from danvan.evaluation.services import method_in_force, specs_for

    year = framework.year
    first, last = date(year, 1, 1), date(year, 12, 1)
    items = [i for i in framework.items.all() if i.indicator_key]
    keys = {i.indicator_key for i in items}
    method = method_in_force(framework.province_id, last)
    specs = {s.key: s for s in specs_for(method)}
    sums = (
        IndicatorValue.objects.filter(
            era=Era.CURRENT, unit__in=units, period__gte=first, period__lte=last, key__in=keys
        )
        .values("unit_id", "key")
        .annotate(num=Sum("numerator"), den=Sum("denominator"))
    )
    figures = {(r["unit_id"], r["key"]): (r["num"], r["den"]) for r in sums}
    explained: dict[str, dict[int, Any]] = {}
    ids = [u.pk for u in units]
    for key in keys:
        ind = registries.indicators.get(key)
        if ind.explain is not None:
            explained[key] = ind.explain(ids, first, date(year + 1, 1, 1)) or {}
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    for unit in units:
        for item in items:
            ind = registries.indicators.get(item.indicator_key)
            num, den = figures.get((unit.pk, item.indicator_key), (None, None))
            value = ind.value_of(num, den) if den else None
            spec = specs.get(item.indicator_key)
            score10 = scoring.score(value, spec, method.normalisation) if spec else None
            cases = (explained.get(item.indicator_key, {}).get(unit.pk) or {}).get("cases", [])
            evidence = {
                "indicator": item.indicator_key,
                "name_vi": ind.name_vi,
                "name_en": ind.name_en,
                "numerator": num,
                "denominator": den,
                "value": None if value is None else round(value, 2),
                "unit_label": ind.unit_label,
                "score10": None if score10 is None else round(score10, 2),
                "cases": list(cases)[:50],
                "year": year,
            }
            out[unit.pk][item.code] = (rules.measured_points(score10, item.max_points), evidence)
    return out


# ---------------------------------------------------------------- the cycle


def _province_date_case(
    *, unit: Unit, kind: str, rule_id: str, title: str, due: date | None, at: datetime, actor: Any
) -> Any:
    from danvan.cases.services import case_open_joined, case_set_due

    case = case_open_joined(
        unit=unit, kind=kind, code=f"{'DG' if kind == SELF_KIND else 'TD'}-{unit.code}-"
        f"{at:%y}-{secrets.token_hex(3).upper()}", title=title[:300], rule_id=rule_id,
        received_at=at, actor=actor,
    )  # fmt: skip
    if due is not None:
        case = case_set_due(
            case=case, actor=actor, due_date=due, kind=PROVINCE_DATE, note=title[:200], at=at
        )
    return case


def cycle_open(
    *,
    framework: Framework,
    actor: Any,
    units: list[Unit] | None = None,
    at: datetime | None = None,
) -> int:
    """Open the year's cycle: every commune of the province using the system gets its
    self-assessment, pre-filled from the measurements, on the clock to ``self_due``."""
    from danvan.cases.models import Case

    _require_appraiser(actor, framework.province_id)
    if framework.status != FrameworkStatus.DRAFT:
        raise ScoringError("already_open", _("Kỳ đánh giá năm này đã được mở."))
    if framework.self_due is None or framework.appraisal_due is None:
        raise ScoringError(
            "no_dates", _("Hãy đặt hạn tự đánh giá và hạn thẩm định trước khi mở kỳ đánh giá.")
        )
    at = at or timezone.now()
    if units is None:
        units = list(
            Unit.objects.filter(province_id=framework.province_id)
            .filter(Exists(Case.objects.filter(unit=OuterRef("pk"))))
            .select_related("province")
            .order_by("code")
        )
    measured = measured_lines(framework, units)
    items = list(framework.items.all())
    title = _("Tự đánh giá công tác dân vận chính quyền năm %(y)s") % {"y": framework.year}
    with transaction.atomic():
        for unit in units:
            case = _province_date_case(
                unit=unit, kind=SELF_KIND, rule_id=SELF_RULE, title=title,
                due=framework.self_due, at=at, actor=actor,
            )  # fmt: skip
            assessment = Assessment.objects.create(framework=framework, unit=unit, self_case=case)
            mine = measured.get(unit.pk, {})
            lines = []
            for item in items:
                points, evidence = mine.get(item.code, (None, {}))
                lines.append(
                    AssessmentItem(
                        assessment=assessment, item=item, measured=points, evidence=evidence,
                        # Pre-filled with what the measurements give; the commune may change it.
                        self_points=None if item.awarded_above else points,
                    )
                )  # fmt: skip
            AssessmentItem.objects.bulk_create(lines)
            recompute_totals(assessment)
        framework.status = FrameworkStatus.OPEN
        framework.updated_by = actor
        framework.save(update_fields=["status", "updated_by", "updated_at"])
        audit_record(
            actor=actor, action="evaluation.scoring_cycle_open", obj=framework,
            detail={"year": framework.year, "communes": len(units)},
        )  # fmt: skip
    return len(units)


def grade_bands(framework: Framework) -> list[tuple[str, float]]:
    """The framework's bands as :func:`rules.grade_of` takes them: ``(label, floor)``."""
    return [(b.label, b.min_points) for b in framework.bands.all()]


def recompute_totals(
    assessment: Assessment, *, bands: list[tuple[str, float]] | None = None
) -> Assessment:
    """The assessment's totals, flags and grade from its lines (``bands``: the framework's
    :func:`grade_bands`, when the caller already has them)."""
    framework = assessment.framework
    lines = list(assessment.lines.select_related("item"))
    self_total = sum(ln.self_points or 0 for ln in lines if not ln.item.awarded_above)
    flagged = 0
    for ln in lines:
        flag = rules.is_flagged(
            ln.self_points, ln.measured, ln.item.max_points, framework.flag_margin
        )
        if flag != ln.flagged:
            ln.flagged = flag
            ln.save(update_fields=["flagged"])
        flagged += flag
    assessment.self_total = round(self_total, 2)
    assessment.flagged_items = flagged
    if assessment.status == AssessmentStatus.APPRAISED:
        total = sum(
            (ln.appraised_points if ln.appraised_points is not None else ln.self_points) or 0
            for ln in lines
        )
        assessment.appraised_total = round(total, 2)
        if bands is None:
            bands = grade_bands(framework)
        assessment.grade = rules.grade_of(assessment.appraised_total, bands) or ""
    else:
        assessment.appraised_total, assessment.grade = None, ""
    assessment.save(update_fields=["self_total", "appraised_total", "grade", "flagged_items"])
    return assessment


def _lock(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("framework", "unit", "unit__province")
        .get(pk=assessment.pk)
    )


@transaction.atomic
def self_assessment_save(
    *,
    assessment: Assessment,
    actor: Any,
    entries: dict[str, tuple[str, str]],
    submit: bool = False,
    at: datetime | None = None,
) -> Assessment:
    """The commune's points ``{item_code: (points typed, note)}``; with ``submit`` every
    self-assessed item must have points, the self-assessment case closes and the
    appraisal's opens on the clock to the province's appraisal date."""
    from danvan.cases.models import CaseStatus
    from danvan.cases.services import case_close

    locked = _lock(assessment)
    if not can_self_assess(actor, locked.unit):
        raise ScoringError(
            "forbidden", _("Chỉ lãnh đạo xã được tự đánh giá và gửi kết quả của xã.")
        )
    if locked.status != AssessmentStatus.DRAFT or locked.framework.status != FrameworkStatus.OPEN:
        raise ScoringError("not_open", _("Bản tự đánh giá đã gửi hoặc kỳ đánh giá đã đóng."))
    lines = {ln.item.code: ln for ln in locked.lines.select_related("item")}
    errors: dict[str, str] = {}
    values: dict[str, tuple[float | None, str]] = {}
    for code, ln in lines.items():
        if ln.item.awarded_above:
            continue
        typed, note = entries.get(code, (ln.self_points, ln.self_note))
        try:
            points = rules.parse_points(typed)
        except ValueError:
            errors[code] = _("Điểm phải là một số.")
            continue
        if points is not None and not 0 <= points <= ln.item.max_points:
            errors[code] = _("Điểm phải từ 0 đến %(m)s.") % {"m": _num(ln.item.max_points)}
        elif points is None and submit:
            errors[code] = _("Hãy chấm điểm tiêu chí này trước khi gửi.")
        values[code] = (points, (note or "").strip()[:2000])
    if errors:
        raise ScoringError("invalid", _("Vui lòng sửa các tiêu chí được đánh dấu."), errors)
    for code, (points, note) in values.items():
        ln = lines[code]
        if (ln.self_points, ln.self_note) != (points, note):
            ln.self_points, ln.self_note = points, note
            ln.save(update_fields=["self_points", "self_note"])
    if submit:
        at = at or timezone.now()
        locked.status = AssessmentStatus.SUBMITTED
        locked.submitted_at, locked.submitted_by = at, actor
        if locked.self_case is not None and locked.self_case.closed_at is None:
            case_close(case=locked.self_case, actor=actor, status=CaseStatus.RESOLVED, at=at)
        locked.appraisal_case = _province_date_case(
            unit=locked.unit, kind=APPRAISAL_KIND, rule_id=APPRAISAL_RULE,
            title=_("Thẩm định kết quả tự đánh giá dân vận chính quyền năm %(y)s")
            % {"y": locked.framework.year},
            due=locked.framework.appraisal_due, at=at, actor=actor,
        )  # fmt: skip
        locked.save(update_fields=["status", "submitted_at", "submitted_by", "appraisal_case"])
    recompute_totals(locked)
    audit_record(
        actor=actor, action="evaluation.scoring_self_submit" if submit else
        "evaluation.scoring_self_save", obj=locked, unit_code=locked.unit.code,
        detail={"year": locked.framework.year, "self_total": locked.self_total},
    )  # fmt: skip
    return locked


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


@transaction.atomic
def evidence_add(
    *, assessment: Assessment, actor: Any, upload: Any, item_code: str = ""
) -> EvidenceFile:
    from danvan.core.uploads import recognise_upload

    locked = _lock(assessment)
    if not can_self_assess(actor, locked.unit):
        raise ScoringError("forbidden", _("Chỉ lãnh đạo xã được nộp minh chứng của xã."))
    if locked.status != AssessmentStatus.DRAFT:
        raise ScoringError("not_open", _("Bản tự đánh giá đã gửi: không thêm minh chứng."))
    if getattr(upload, "size", 0) > MAX_EVIDENCE_BYTES:
        raise ScoringError("too_big", _("Tệp quá lớn (tối đa 10 MB)."))
    content_type = recognise_upload(upload, allowed=EVIDENCE_KINDS)
    if content_type is None:
        raise ScoringError(
            "bad_file", _("Chỉ nhận tệp PDF, ảnh JPEG/PNG hoặc Word (.docx) đúng định dạng.")
        )
    item = locked.framework.items.filter(code=item_code).first() if item_code else None
    row = EvidenceFile(
        assessment=locked, item=item, name=(upload.name or "")[:200],
        content_type=content_type, size=getattr(upload, "size", 0), uploaded_by=actor,
    )  # fmt: skip
    row.file.save(f"{secrets.token_hex(8)}-{row.name[-60:]}", upload, save=False)
    row.save()
    audit_record(
        actor=actor, action="evaluation.scoring_evidence", obj=row, unit_code=locked.unit.code
    )
    return row


@transaction.atomic
def appraisal_save(
    *,
    assessment: Assessment,
    actor: Any,
    entries: dict[str, tuple[str, str]],
    complete: bool = True,
    at: datetime | None = None,
) -> Assessment:
    """The appraisers' points ``{item_code: (points typed, reason)}``: an item left as the
    commune scored it needs no reason; every change does (refused, all of it, without one).
    The points the level above awards are the appraisers' own. ``complete`` closes the
    appraisal case and sets the total and grade."""
    from danvan.cases.models import CaseStatus
    from danvan.cases.services import case_close

    locked = _lock(assessment)
    _require_appraiser(actor, locked.framework.province_id)
    if locked.status == AssessmentStatus.DRAFT:
        raise ScoringError("not_submitted", _("Xã chưa gửi kết quả tự đánh giá."))
    if locked.framework.status == FrameworkStatus.DECIDED:
        raise ScoringError("decided", _("Tỉnh đã ban hành quyết định: không sửa điểm được nữa."))
    lines = {ln.item.code: ln for ln in locked.lines.select_related("item")}
    errors: dict[str, str] = {}
    values: dict[str, tuple[float | None, str]] = {}
    for code, ln in lines.items():
        typed, reason = entries.get(code, (None, ""))
        reason = (reason or "").strip()[:2000]
        try:
            points = rules.parse_points(typed)
        except ValueError:
            errors[code] = _("Điểm phải là một số.")
            continue
        if points is None:
            if ln.item.awarded_above:
                if complete:
                    errors[code] = _("Hãy chấm điểm cấp trên cho tiêu chí này.")
                continue
            points = ln.self_points  # unchanged
        if points is not None and not 0 <= points <= ln.item.max_points:
            errors[code] = _("Điểm phải từ 0 đến %(m)s.") % {"m": _num(ln.item.max_points)}
            continue
        changed = not ln.item.awarded_above and points != ln.self_points
        if changed and len(reason) < 5:
            errors[code] = _("Thay đổi điểm xã tự chấm phải ghi rõ lý do.")
            continue
        values[code] = (points, reason if changed or ln.item.awarded_above else "")
    if errors:
        raise ScoringError("invalid", _("Vui lòng sửa các tiêu chí được đánh dấu."), errors)
    changes = {}
    for code, (points, reason) in values.items():
        ln = lines[code]
        if (ln.appraised_points, ln.reason) != (points, reason):
            if points != ln.self_points and not ln.item.awarded_above:
                changes[code] = {"from": ln.self_points, "to": points, "reason": reason}
            ln.appraised_points, ln.reason = points, reason
            ln.save(update_fields=["appraised_points", "reason"])
    if complete:
        at = at or timezone.now()
        locked.status = AssessmentStatus.APPRAISED
        locked.appraised_at, locked.appraised_by = at, actor
        locked.save(update_fields=["status", "appraised_at", "appraised_by"])
        case = locked.appraisal_case
        if case is not None and case.closed_at is None:
            case_close(case=case, actor=actor, status=CaseStatus.RESOLVED, at=at)
    recompute_totals(locked)
    audit_record(
        actor=actor, action="evaluation.scoring_appraise", obj=locked, unit_code=locked.unit.code,
        detail={"year": locked.framework.year, "changes": changes,
                "appraised_total": locked.appraised_total},
    )  # fmt: skip
    return locked


@transaction.atomic
def decision_publish(
    *, framework: Framework, actor: Any, number: str, decided_on: date | None
) -> Framework:
    """The province's decision on the year's results, published to the communes."""
    _require_appraiser(actor, framework.province_id)
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    errors = {}
    if len(number.strip()) < 3:
        errors["number"] = _("Hãy ghi số quyết định.")
    if decided_on is None:
        errors["decided_on"] = _("Hãy ghi ngày quyết định (ngày/tháng/năm).")
    if errors:
        raise ScoringError("invalid", _("Vui lòng sửa các mục được đánh dấu."), errors)
    if locked.status != FrameworkStatus.OPEN:
        raise ScoringError("not_open", _("Kỳ đánh giá chưa mở hoặc đã có quyết định."))
    pending = locked.assessments.exclude(status=AssessmentStatus.APPRAISED).count()
    if pending:
        raise ScoringError("pending", _("Còn %(n)s xã chưa được thẩm định xong.") % {"n": pending})
    locked.status = FrameworkStatus.DECIDED
    locked.decision_number = number.strip()[:60]
    locked.decided_on = decided_on
    locked.published_at = timezone.now()
    locked.updated_by = actor
    locked.save()
    audit_record(
        actor=actor, action="evaluation.scoring_decision", obj=locked,
        detail={"year": locked.year, "number": locked.decision_number},
    )  # fmt: skip
    return locked
