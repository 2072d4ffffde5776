"""The kind's indicator: street lights repaired on time (per commune and month)."""

from __future__ import annotations

from datetime import date

from danvan.cases.models import Case
from danvan.core.registry import Indicator
from tests.kindapp.kind import KIND


def _repaired_on_time(
    unit_ids: list[int], start: date, end: date
) -> dict[int, tuple[float, float]]:
    out: dict[int, tuple[float, float]] = {}
    rows = Case.objects.filter(
        unit_id__in=unit_ids, kind=KIND, closed_at__date__gte=start, closed_at__date__lte=end
    ).values_list("unit_id", "on_time")
    for unit_id, on_time in rows:
        done, total = out.get(unit_id, (0.0, 0.0))
        out[unit_id] = (done + (1 if on_time else 0), total + 1)
    return out


STREET_LIGHTS_ON_TIME = Indicator(
    key="kindapp.street_lights_on_time",
    area=6,
    name_vi="Tỷ lệ đèn đường được sửa đúng hạn",
    name_en="Street lights repaired on time",
    direction="higher",
    target=90.0,
    source="Việc loại “Báo hỏng đèn đường”",
    compute=_repaired_on_time,
)
