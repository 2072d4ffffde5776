"""Findings: sentences in the study's vocabulary (ưu điểm, hạn chế, nguyên nhân) generated
from the materialised values, each with its evidence (the figures, the cases behind them and
the work-queue link) and a severity.

Rules, per commune, month and indicator with a target and enough cases:
- short of the target → a limitation (severity by the gap: ≥ 15 points high, ≥ 5 medium);
- at or beyond the target → a strength (low);
- when the indicator's app explains its failures and one group holds at least half of them
  → a cause, with the same severity as the limitation.
A regeneration keeps the province's review (status, note) of a finding that is still true.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone

from danvan.core.registry import Indicator, registries
from danvan.evaluation.models import Era, FindingKind, IndicatorValue, Severity
from danvan.evaluation.periods import label, previous_month
from danvan.territory.models import Unit

MAX_CASES = 50


def _pct(x: float) -> str:
    return f"{x:.0f} %"


def _severity(gap: float) -> str:
    if gap >= 15:
        return Severity.HIGH
    if gap >= 5:
        return Severity.MEDIUM
    return Severity.LOW


def _change(value: float, previous: float | None) -> tuple[str, str]:
    if previous is None or abs(value - previous) < 1:
        return "", ""
    diff = abs(value - previous)
    if value < previous:
        return (f", thấp hơn tháng trước {diff:.0f} điểm", f", {diff:.0f} points below last month")
    return (f", cao hơn tháng trước {diff:.0f} điểm", f", {diff:.0f} points above last month")


def _gap(ind: Indicator, row: IndicatorValue) -> float | None:
    """How far short of its target the value is (≤ 0: met), or None when not judged."""
    if ind.target is None or row.value is None or not ind.is_rate:
        return None
    if row.denominator < ind.min_denominator:
        return None
    return (ind.target - row.value) if ind.direction == "higher" else (row.value - ind.target)


def _for_value(
    ind: Indicator, row: IndicatorValue, previous: float | None, explained: dict[str, Any]
) -> list[dict[str, Any]]:
    gap = _gap(ind, row)
    if gap is None:
        return []
    value, target = row.value, ind.target
    month = label(row.period)
    more_vi, more_en = _change(value, previous)
    evidence: dict[str, Any] = {
        "indicator": ind.key,
        "numerator": row.numerator,
        "denominator": row.denominator,
        "value": round(value, 2),
        "target": target,
        "previous": round(previous, 2) if previous is not None else None,
    }
    head_vi = f"{ind.name_vi} tháng {month} là {_pct(value)}{more_vi}"
    head_en = f"{ind.name_en} in {month}: {_pct(value)}{more_en}"
    if gap <= 0:
        return [
            {
                "key": f"strength:{ind.key}",
                "kind": FindingKind.STRENGTH,
                "severity": Severity.LOW,
                "text_vi": f"{head_vi}; đạt mục tiêu {_pct(target)}.",
                "text_en": f"{head_en}; meets the {_pct(target)} target.",
                "evidence": evidence,
            }
        ]
    severity = _severity(gap)
    cases = list(explained.get("cases", []))[:MAX_CASES]
    evidence.update({"cases": cases, "queue": explained.get("queue", {})})
    failures = int(row.denominator - row.numerator) if ind.direction == "higher" else 0
    tail_vi = f"; {len(cases)} việc liên quan (xem danh sách)" if cases else ""
    tail_en = f"; {len(cases)} related cases (see the list)" if cases else ""
    out = [
        {
            "key": f"limitation:{ind.key}",
            "kind": FindingKind.LIMITATION,
            "severity": severity,
            "text_vi": f"{head_vi}, thấp hơn mục tiêu {_pct(target)}{tail_vi}.",
            "text_en": f"{head_en}, short of the {_pct(target)} target{tail_en}.",
            "evidence": evidence,
        }
    ]
    groups = explained.get("groups") or {}
    if groups:
        top, count = max(groups.items(), key=lambda kv: kv[1])
        total = sum(groups.values()) or failures
        if count >= 2 and total and count * 2 >= total:
            out.append(
                {
                    "key": f"cause:{ind.key}",
                    "kind": FindingKind.CAUSE,
                    "severity": severity,
                    "text_vi": (
                        f"Nguyên nhân chủ yếu: {count}/{total} việc chưa đạt ({ind.name_vi.lower()}) "
                        f"thuộc lĩnh vực {top} (xem danh sách)."
                    ),
                    "text_en": (
                        f"Main cause: {count} of {total} failing cases ({ind.name_en.lower()}) "
                        f"concern {top} (see the list)."
                    ),
                    "evidence": {**evidence, "group": top, "group_count": count, "groups": groups},
                }
            )
    return out


def _next(month: date) -> date:
    from danvan.evaluation.periods import next_month

    return next_month(month)


def findings_generate(*, periods: list[date], units: Iterable[Unit] | None = None) -> int:
    from danvan.evaluation.services import findings_save

    """Regenerate the findings of ``periods`` for ``units`` (every commune with values)."""
    written = 0
    prev_months = {previous_month(m) for m in periods}
    rows = IndicatorValue.objects.filter(
        era=Era.CURRENT, period__in=set(periods) | prev_months
    ).select_related("unit")
    if units is not None:
        rows = rows.filter(unit__in=list(units))
    by_key: dict[tuple[int, date, str], IndicatorValue] = {
        (r.unit_id, r.period, r.key): r for r in rows
    }
    now = timezone.now()
    for month in periods:
        generated: dict[int, list[dict[str, Any]]] = {}
        unit_objs: dict[int, Unit] = {}
        current = [
            (uid, key, row)
            for (uid, m, key), row in by_key.items()
            if m == month and key in registries.indicators
        ]
        # The evidence of every shortfall of an indicator, in one call for all communes.
        short: dict[str, list[int]] = {}
        for uid, key, row in current:
            ind = registries.indicators.get(key)
            gap = _gap(ind, row)
            if ind.explain is not None and gap is not None and gap > 0:
                short.setdefault(key, []).append(uid)
        evidence = {
            key: registries.indicators.get(key).explain(uids, month, _next(month))
            for key, uids in short.items()
        }
        for uid, key, row in current:
            ind = registries.indicators.get(key)
            prev = by_key.get((uid, previous_month(month), key))
            unit_objs[uid] = row.unit
            generated.setdefault(uid, []).extend(
                _for_value(
                    ind, row, prev.value if prev else None, evidence.get(key, {}).get(uid, {})
                )
            )
        written += findings_save(
            month=month, generated=generated, unit_ids=list(unit_objs), now=now
        )
    return written
