"""Values, index and ranks on the hand-worked fixture of conftest.py.

Goalposts 0–100 for rates (lower-is-better rates reversed); 't.days' has no goalposts, so it is
materialised but stays out of the index.
- A: on time 8/10 = 80 % → 8.0; satisfied 9/10 = 90 % → 9.0; area 3 = 8.5.
     processed 1/2 = 50 % → 5.0; area 4 = 5.0. Total = 6 × (8.5 + 5.0) / 2 = 40.5 (2 areas).
- B: 90 % → 9.0, 50 % → 5.0: area 3 = 7.0; processed 100 % → 10, repeat 10 % → 9.0: area 4 =
     9.5. Total = 6 × (7.0 + 9.5) / 2 = 49.5.
- C: on time 3/4 = 75 % → 7.5; area 3 only: total 45.0 from 1 area → not ranked.
Ranks: B 1, A 2.
"""

from __future__ import annotations

import pytest

from danvan.evaluation.models import IndexScore, IndicatorValue
from danvan.evaluation.services import index_compute, method_version_create, refresh

from .conftest import OCT, SEP

pytestmark = pytest.mark.django_db


def _value(unit, key, period=OCT):
    return IndicatorValue.objects.get(unit=unit, key=key, period=period)


def test_values_are_materialised_on_one_scale(test_indicators, active):
    unit_a, unit_b, unit_c = active
    refresh(periods=[SEP, OCT])
    v = _value(unit_a, "t.on_time")
    assert (v.numerator, v.denominator, v.value) == (8, 10, 80.0)
    assert v.province_code == unit_a.province.code and v.area == 3
    assert v.computed_at is not None and v.data_version
    assert _value(unit_b, "t.repeat").value == 10.0
    assert _value(unit_a, "t.days").value == 5.0  # days: numerator ÷ denominator, no ×100
    assert _value(unit_a, "t.on_time", SEP).value == 90.0
    # Nothing invented where an app measured nothing.
    assert not IndicatorValue.objects.filter(unit=unit_c, key="t.processed").exists()
    # A recompute replaces, never duplicates.
    refresh(periods=[OCT])
    assert IndicatorValue.objects.filter(unit=unit_a, key="t.on_time", period=OCT).count() == 1


def test_index_arithmetic_and_ranks(test_indicators, active):
    unit_a, unit_b, unit_c = active
    refresh(periods=[OCT])
    a = IndexScore.objects.get(unit=unit_a, period=OCT)
    b = IndexScore.objects.get(unit=unit_b, period=OCT)
    c = IndexScore.objects.get(unit=unit_c, period=OCT)
    assert a.areas == {"1": None, "2": None, "3": 8.5, "4": 5.0, "5": None, "6": None}
    assert (a.total, a.areas_measured) == (40.5, 2)
    assert (b.areas["3"], b.areas["4"], b.total) == (7.0, 9.5, 49.5)
    assert (c.total, c.areas_measured, c.rank) == (45.0, 1, None)
    assert (b.rank, a.rank) == (1, 2)
    for s in (a, b):
        assert s.rank_low <= s.rank <= s.rank_high
        assert s.rank_low >= 1 and s.rank_high <= 2
    # Fewer cases behind the month than the method's minimum (10): marked as such.
    assert (c.cases, c.small_sample) == (4, True)
    assert (a.cases, a.small_sample) == (10, False)


def test_distance_to_target_and_weights_are_data(test_indicators, active, officer_a):
    unit_a, unit_b, _c = active
    refresh(periods=[OCT])
    method_version_create(
        actor=officer_a,
        province=None,
        valid_from=OCT,
        normalisation="target",
        settings={"t.satisfied": {"weight": 3.0}},
        note="Thử",
    )
    index_compute(province_code=unit_a.province.code, period=OCT)
    a = IndexScore.objects.get(unit=unit_a, period=OCT)
    # Target: on time 80/95 → 10 × 80/95 = 8.4211; satisfied 90/90 → 10; weights 1 and 3:
    # area 3 = (8.4211 + 30) / 4 = 9.6053; processed 50/100 → 5.0. Total = 3 × 14.6053.
    assert a.areas["3"] == pytest.approx(9.6053, abs=1e-4)
    assert a.total == pytest.approx(3 * (9.60526 + 5.0), abs=1e-3)
    assert a.method.normalisation == "target"
