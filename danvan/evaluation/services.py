"""Writes of the evaluation: materialising indicator values, carrying the old communes'
figures into their successors, the index with its rank intervals, and the findings.

Every registered indicator (``registries.indicators``) is computed; an app added later is
picked up with no edit here. Rows are written per month and per chunk of communes, each in
its own transaction, so a failure leaves whole months either old or new.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from danvan.cases.models import Case
from danvan.core.locks import hold
from danvan.core.registry import Indicator, registries
from danvan.core.services import audit_record
from danvan.evaluation import scoring
from danvan.evaluation.models import (
    Era,
    Finding,
    FindingStatus,
    IndexMethod,
    IndexScore,
    IndicatorValue,
    Origin,
    StaleMonth,
    SuccessionWeight,
)
from danvan.evaluation.periods import MERGER, next_month
from danvan.territory.models import LegacyUnit, Unit

DATA_VERSION = "1"
CHUNK = 1000


class EvaluationError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def indicators() -> list[Indicator]:
    return sorted(registries.indicators, key=lambda i: (i.area, i.key))


def _active_units(units: Iterable[Unit] | None) -> list[tuple[int, str]]:
    """Communes that use the system (at least one case): a commune that records nothing has
    no data, which is not the same as scoring zero."""
    qs = Unit.objects.all() if units is None else Unit.objects.filter(pk__in=[u.pk for u in units])
    qs = qs.filter(Exists(Case.objects.filter(unit=OuterRef("pk"))))
    return list(qs.order_by("pk").values_list("pk", "province__code"))


def values_compute(*, periods: list[date], units: Iterable[Unit] | None = None) -> int:
    """Compute every registered indicator for ``units`` (all communes using the system when
    None) and each month of ``periods``; returns the rows written."""
    active = _active_units(units)
    written = 0
    for month in periods:
        for i in range(0, len(active), CHUNK):
            written += _compute_chunk(active[i : i + CHUNK], month)
    return written


def _compute_chunk(chunk: list[tuple[int, str]], month: date) -> int:
    ids = [uid for uid, _p in chunk]
    province = dict(chunk)
    now = timezone.now()
    rows = []
    for ind in indicators():
        result = ind.compute(ids, month, next_month(month))
        # A sampled indicator (a survey's) brings its interval; the others have none.
        bounds = ind.intervals(ids, month, next_month(month)) if ind.intervals else {}
        for uid, (num, den) in result.items():
            if uid not in province or not den:
                continue
            low, high = bounds.get(uid, (None, None))
            rows.append(
                IndicatorValue(
                    era=Era.CURRENT, unit_id=uid, province_code=province[uid], period=month,
                    key=ind.key, area=ind.area, numerator=num, denominator=den,
                    value=ind.value_of(num, den), ci_low=low, ci_high=high,
                    origin=Origin.COMPUTED, computed_at=now, data_version=DATA_VERSION,
                )
            )  # fmt: skip
    with transaction.atomic():
        hold(f"evaluation.values.{month:%Y-%m}")
        IndicatorValue.objects.filter(
            era=Era.CURRENT, unit_id__in=ids, period=month, origin=Origin.COMPUTED
        ).delete()
        IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# ---------------------------------------------------------------- legacy and carry-over


@transaction.atomic
def legacy_value_record(
    *,
    legacy_unit: LegacyUnit,
    period: date,
    key: str,
    numerator: float,
    denominator: float,
    actor: Any = None,
) -> IndicatorValue:
    """Record a figure of an old commune (before 1 July 2025) from its reports."""
    if period >= MERGER:
        raise EvaluationError("not_legacy", "Chỉ nhập số liệu của đơn vị cũ trước 1/7/2025.")
    if denominator <= 0 or numerator < 0:
        raise EvaluationError("bad_figures", "Tử số, mẫu số không hợp lệ.")
    ind = registries.indicators.get(key)
    row, _created = IndicatorValue.objects.update_or_create(
        era=Era.LEGACY,
        legacy_unit=legacy_unit,
        period=period,
        key=key,
        defaults={
            "province_code": legacy_unit.province.successor.code
            if legacy_unit.province.successor_id
            else "",
            "area": ind.area,
            "numerator": numerator,
            "denominator": denominator,
            "value": ind.value_of(numerator, denominator),
            "origin": Origin.IMPORTED,
            "computed_at": timezone.now(),
            "data_version": DATA_VERSION,
        },
    )
    if actor is not None:
        audit_record(actor=actor, action="evaluation.legacy_value", obj=row)
    return row


def succession_shares(legacy_ids: Iterable[int] | None = None) -> dict[int, dict[int, float]]:
    """``{legacy_unit_id: {unit_id: share}}``: the province's shares where set, else equal
    shares among the successors."""
    through = LegacyUnit.successors.through
    links = through.objects.all()
    if legacy_ids is not None:
        links = links.filter(legacyunit_id__in=list(legacy_ids))
    out: dict[int, dict[int, float]] = defaultdict(dict)
    for lid, uid in links.values_list("legacyunit_id", "unit_id"):
        out[lid][uid] = 0.0
    for successors in out.values():
        for uid in successors:
            successors[uid] = 1.0 / len(successors)
    overrides = SuccessionWeight.objects.all()
    if legacy_ids is not None:
        overrides = overrides.filter(legacy_unit_id__in=list(out))
    for w in overrides:
        if w.unit_id in out.get(w.legacy_unit_id, {}):
            out[w.legacy_unit_id][w.unit_id] = w.share
    return dict(out)


@transaction.atomic
def succession_weight_set(*, legacy_unit: LegacyUnit, unit: Unit, share: float, actor: Any) -> Any:
    if not 0 <= share <= 1:
        raise EvaluationError("bad_share", "Tỷ lệ phải từ 0 đến 1.")
    if not legacy_unit.successors.filter(pk=unit.pk).exists():
        raise EvaluationError("not_successor", "Đơn vị này không kế thừa đơn vị cũ đã chọn.")
    row, _ = SuccessionWeight.objects.update_or_create(
        legacy_unit=legacy_unit, unit=unit, defaults={"share": share, "updated_by": actor}
    )
    audit_record(
        actor=actor,
        action="evaluation.succession_weight",
        obj=row,
        unit_code=unit.code,
        detail={"legacy": legacy_unit.code, "share": share},
    )
    return row


def carry_over(*, periods: list[date] | None = None) -> int:
    """Rebuild the carried rows: each old commune's numerator and denominator times its
    share, summed per successor. A successor's own computed figure for the same month and
    indicator wins (it was recorded in the system itself)."""
    legacy = IndicatorValue.objects.filter(era=Era.LEGACY)
    if periods is not None:
        legacy = legacy.filter(period__in=periods)
    rows = list(legacy.values_list("legacy_unit_id", "period", "key", "numerator", "denominator"))
    shares = succession_shares({r[0] for r in rows})
    sums: dict[tuple[int, date, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for lid, month, key, num, den in rows:
        for uid, share in shares.get(lid, {}).items():
            acc = sums[(uid, month, key)]
            acc[0] += share * num
            acc[1] += share * den
    touched = {m for _l, m, *_ in rows} | set(periods or [])
    units = dict(
        Unit.objects.filter(pk__in={k[0] for k in sums}).values_list("pk", "province__code")
    )
    own = set(
        IndicatorValue.objects.filter(
            era=Era.CURRENT, origin=Origin.COMPUTED, period__in=touched, unit_id__in=list(units)
        ).values_list("unit_id", "period", "key")
    )
    now = timezone.now()
    new = []
    for (uid, month, key), (num, den) in sums.items():
        if (uid, month, key) in own or den <= 0 or key not in registries.indicators:
            continue
        ind = registries.indicators.get(key)
        new.append(
            IndicatorValue(
                era=Era.CURRENT, unit_id=uid, province_code=units[uid], period=month, key=key,
                area=ind.area, numerator=num, denominator=den, value=ind.value_of(num, den),
                origin=Origin.CARRIED, computed_at=now, data_version=DATA_VERSION,
            )
        )  # fmt: skip
    with transaction.atomic():
        hold("evaluation.carried")
        IndicatorValue.objects.filter(
            era=Era.CURRENT, origin=Origin.CARRIED, period__in=touched
        ).delete()
        IndicatorValue.objects.bulk_create(new, batch_size=2000)
    return len(new)


# ---------------------------------------------------------------- index


def method_in_force(province_id: int | None, month: date) -> IndexMethod:
    """The province's own version in force for the month, else the national one, else the
    default (goalposts, equal weights), created once so every score names its method."""
    qs = IndexMethod.objects.filter(valid_from__lte=month)
    found = None
    if province_id is not None:
        found = qs.filter(province_id=province_id).order_by("-valid_from", "-id").first()
    if found is None:
        found = qs.filter(province__isnull=True).order_by("-valid_from", "-id").first()
    if found is None:
        found = IndexMethod.objects.filter(province__isnull=True).order_by("valid_from").first()
    if found is None:
        found = IndexMethod.objects.create(
            valid_from=date(2020, 1, 1), note="Mặc định: mốc pháp lý, trọng số bằng nhau."
        )
    return found


def specs_for(method: IndexMethod) -> list[scoring.Spec]:
    """The indicators that enter the index under ``method``: a rate (0–100 goalposts) or an
    indicator given goalposts by its registration or by the province."""
    out = []
    for ind in indicators():
        conf = (method.settings or {}).get(ind.key, {})
        if conf.get("included") is False:
            continue
        goal = conf.get("goalposts") or ind.goalposts
        if goal is None and ind.is_rate:
            goal = (0.0, 100.0) if ind.direction == "higher" else (100.0, 0.0)
        if goal is None:
            continue
        target = conf.get("target", ind.target)
        out.append(
            scoring.Spec(
                key=ind.key,
                area=ind.area,
                weight=float(conf.get("weight", ind.weight)),
                worst=float(goal[0]),
                best=float(goal[1]),
                target=float(target) if target is not None else None,
            )
        )
    return out


def index_compute(*, province_code: str, period: date) -> int:
    """The index of every commune of the province with values in ``period``."""
    from danvan.territory.models import Province

    province = Province.objects.filter(code=province_code).first()
    method = method_in_force(province.pk if province else None, period)
    specs = specs_for(method)
    in_index = {s.key for s in specs}
    values: dict[int, dict[str, float | None]] = defaultdict(dict)
    cases: dict[int, float] = defaultdict(float)
    rows = IndicatorValue.objects.filter(
        province_code=province_code, period=period, era=Era.CURRENT
    ).values_list("unit_id", "key", "value", "denominator")
    for uid, key, value, den in rows:
        values[uid][key] = value
        if key in in_index:
            cases[uid] = max(cases[uid], den)
    now = timezone.now()
    scores: dict[int, IndexScore] = {}
    for uid, vals in values.items():
        areas = scoring.area_scores(vals, specs, method.normalisation, {})
        total, measured = scoring.total_of(areas)
        scores[uid] = IndexScore(
            unit_id=uid, province_code=province_code, period=period,
            areas={str(a): (round(s, 4) if s is not None else None) for a, s in areas.items()},
            areas_measured=measured, total=round(total, 4) if total is not None else None,
            small_sample=cases[uid] < method.min_cases, cases=cases[uid], method=method,
            computed_at=now,
        )  # fmt: skip
    ranked = {
        uid: s.total
        for uid, s in scores.items()
        if s.total is not None and s.areas_measured >= scoring.MIN_AREAS_FOR_RANK
    }
    ranks = scoring.competition_ranks(ranked)
    intervals = scoring.rank_intervals(
        {uid: values[uid] for uid in ranked},
        specs,
        draws=method.mc_draws,
        spread=method.weight_spread,
        point_ranks=ranks,
    )
    for uid, rank in ranks.items():
        scores[uid].rank = rank
        scores[uid].rank_low, scores[uid].rank_high = intervals.get(uid, (rank, rank))
    with transaction.atomic():
        hold(f"evaluation.index.{province_code}.{period:%Y-%m}")
        IndexScore.objects.filter(province_code=province_code, period=period).delete()
        IndexScore.objects.bulk_create(scores.values(), batch_size=2000)
    return len(scores)


@transaction.atomic
def method_version_create(
    *,
    actor: Any,
    province: Any,
    valid_from: date,
    normalisation: str,
    settings: dict[str, Any],
    note: str,
    mc_draws: int = 400,
    weight_spread: float = 0.5,
    min_cases: int = 10,
) -> IndexMethod:
    """A new version of the method (the old ones stay: the history)."""
    method = IndexMethod.objects.create(
        province=province, valid_from=valid_from.replace(day=1), normalisation=normalisation,
        settings=settings, note=note, mc_draws=mc_draws, weight_spread=weight_spread,
        min_cases=min_cases, created_by=actor,
    )  # fmt: skip
    audit_record(actor=actor, action="evaluation.method_version", obj=method)
    return method


# ---------------------------------------------------------------- the whole refresh


def refresh(*, periods: list[date], units: Iterable[Unit] | None = None) -> dict[str, int]:
    """Values, carry-over (months before the merger), index and findings for ``periods``."""
    from danvan.evaluation.findings import findings_generate

    units = list(units) if units is not None else None
    counts = {"values": values_compute(periods=periods, units=units), "carried": 0}
    legacy_months = [m for m in periods if m < MERGER]
    if legacy_months:
        counts["carried"] = carry_over(periods=legacy_months)
    if units is not None:
        provinces = {u.province.code for u in units}
    else:
        provinces = set(
            IndicatorValue.objects.filter(period__in=periods, era=Era.CURRENT)
            .values_list("province_code", flat=True)
            .distinct()
        )
    counts["index"] = sum(
        index_compute(province_code=p, period=m) for p in sorted(provinces) for m in periods
    )
    counts["findings"] = findings_generate(periods=periods, units=units)
    return counts


@transaction.atomic
def finding_review(*, finding: Finding, actor: Any, status: str, note: str = "") -> Finding:
    if status not in FindingStatus.values:
        raise EvaluationError("bad_status", "Trạng thái không hợp lệ.")
    finding.status = status
    finding.note = note.strip()[:2000]
    finding.reviewed_by = actor
    finding.reviewed_at = timezone.now()
    finding.save(update_fields=["status", "note", "reviewed_by", "reviewed_at"])
    audit_record(
        actor=actor,
        action=f"evaluation.finding_{status}",
        obj=finding,
        unit_code=finding.unit.code,
        object_repr=finding.key,
    )
    return finding


def findings_save(
    *, month: date, generated: dict[int, list[dict[str, Any]]], unit_ids: list[int], now: Any
) -> int:
    """Store the findings generated for ``month``: a finding generated again keeps its row
    (and the province's review of it), new ones are added, those no longer generated go.
    Returns how many were written."""
    written = 0
    with transaction.atomic():
        hold(f"evaluation.findings.{month:%Y-%m}")
        existing = {
            (f.unit_id, f.key): f
            for f in Finding.objects.filter(period=month, unit_id__in=unit_ids)
        }
        keep = set()
        new = []
        again = []
        for uid, items in generated.items():
            for item in items:
                area = registries.indicators.get(item["evidence"]["indicator"]).area
                old = existing.get((uid, item["key"]))
                if old is not None:
                    keep.add(old.pk)
                    old.kind, old.severity = item["kind"], item["severity"]
                    old.text_vi, old.text_en = item["text_vi"], item["text_en"]
                    old.evidence, old.area, old.generated_at = item["evidence"], area, now
                    again.append(old)
                else:
                    new.append(
                        Finding(unit_id=uid, period=month, area=area, generated_at=now, **item)
                    )
                written += 1
        # One UPDATE per batch, not per finding: a recomputed month of 3,321 communes
        # regenerates thousands of findings (7,000 single-row UPDATEs took 70 s at 1 M cases).
        Finding.objects.bulk_update(
            again,
            ["kind", "severity", "text_vi", "text_en", "evidence", "area", "generated_at"],
            batch_size=500,
        )
        Finding.objects.bulk_create(new, batch_size=2000)
        stale = [f.pk for f in existing.values() if f.pk not in keep]
        Finding.objects.filter(pk__in=stale).delete()
    return written


def stale_mark(items: set[tuple[int, date]]) -> None:
    """Mark ``(unit_id, month)`` pairs as stale. A pair already marked gets the new time, so a
    run that started before this mark does not remove it (see ``stale_refresh``)."""
    if not items:
        return
    now = timezone.now()
    StaleMonth.objects.bulk_create(
        [StaleMonth(unit_id=uid, period=month, marked_at=now) for uid, month in sorted(items)],
        update_conflicts=True,
        unique_fields=["unit", "period"],
        update_fields=["marked_at"],
    )


def stale_marks_remove(pks: list[int], *, made_before: Any) -> int:
    """Remove the marks a run covered, unless marked again since ``made_before``."""
    deleted, _ = StaleMonth.objects.filter(pk__in=pks, marked_at__lte=made_before).delete()
    return deleted
