"""The demo's evaluation: the old communes' figures for the months before the merger (as
they would be typed in from their reports), then every month computed from what the other
demo seeders wrote. Runs last (order 900). Idempotent: recomputing gives the same rows.
"""

from __future__ import annotations

import random
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from danvan.evaluation.models import Era, IndicatorValue
from danvan.evaluation.periods import MERGER, month_of, months_between, previous_month
from danvan.evaluation.services import legacy_value_record, refresh
from danvan.territory.models import LegacyUnit

# Six months of history before 1 July 2025 for the old communes of the demo communes.
LEGACY_MONTHS = 6
LEGACY_KEYS = {
    "dossiers.on_time_rate": (0.80, 0.97, (30, 70)),
    "dossiers.satisfaction": (0.75, 0.95, (8, 25)),
    "dossiers.online_share": (0.15, 0.40, (30, 70)),
    "letters.processed_on_time": (0.60, 0.95, (4, 12)),
}


def seed_legacy(unit_ids: list[int]) -> int:
    rng = random.Random("danvan-evaluation-legacy")  # noqa: S311 - demo data, reproducible
    months = []
    m = MERGER
    for _ in range(LEGACY_MONTHS):
        m = previous_month(m)
        months.append(m)
    legacy = (
        LegacyUnit.objects.filter(successors__in=unit_ids)
        .select_related("province", "province__successor")
        .distinct()
        .order_by("code")
    )
    if IndicatorValue.objects.filter(era=Era.LEGACY, legacy_unit__in=legacy).exists():
        return 0
    written = 0
    for old in legacy:
        for month in sorted(months):
            for key, (low, high, (dmin, dmax)) in LEGACY_KEYS.items():
                den = rng.randint(dmin, dmax)
                num = round(den * rng.uniform(low, high))
                legacy_value_record(
                    legacy_unit=old, period=month, key=key, numerator=num, denominator=den
                )
                written += 1
    return written


@transaction.atomic  # one disk sync for the whole history, not one per row
def seed(stdout: Any = None) -> None:
    from danvan.cases.models import Case

    unit_ids = list(Case.objects.values_list("unit_id", flat=True).distinct())
    if not unit_ids:
        return
    seed_legacy(unit_ids)
    starts = []
    first_case = Case.objects.aggregate(m=Min("received_at"))["m"]
    if first_case is not None:
        starts.append(month_of(timezone.localtime(first_case).date()))
    first_legacy = IndicatorValue.objects.filter(era=Era.LEGACY).aggregate(m=Min("period"))["m"]
    if first_legacy is not None:
        starts.append(first_legacy)
    months = months_between(min(starts), timezone.localdate())
    counts = refresh(periods=months)
    if stdout is not None:
        stdout.write(
            f"  evaluation: {len(months)} tháng, {counts['values']} giá trị chỉ số, "
            f"{counts['carried']} chuyển từ đơn vị cũ, {counts['findings']} nhận định\n"
        )
