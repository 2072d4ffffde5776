"""Months before 1 July 2025 belong to the old communes; a split old commune's figures are
carried into its successors with equal shares by default, or the province's shares."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.evaluation.models import IndicatorValue
from danvan.evaluation.services import (
    EvaluationError,
    carry_over,
    legacy_value_record,
    succession_weight_set,
)

MAR25 = date(2025, 3, 1)
pytestmark = pytest.mark.django_db


def _carried(unit, key="t.on_time"):
    return IndicatorValue.objects.get(unit=unit, key=key, period=MAR25, era="current")


def test_split_commune_is_carried_with_equal_then_edited_shares(
    test_indicators, old_communes, unit_a, unit_b, officer_a
):
    split, whole = old_communes
    legacy_value_record(
        legacy_unit=split, period=MAR25, key="t.on_time", numerator=6, denominator=10
    )
    legacy_value_record(
        legacy_unit=whole, period=MAR25, key="t.on_time", numerator=9, denominator=10
    )
    carry_over(periods=[MAR25])
    # A: half of the split one (3/5) plus all of the other (9/10) = 12/15 = 80 %.
    a = _carried(unit_a)
    assert (a.numerator, a.denominator, a.value, a.origin) == (12, 15, 80.0, "carried")
    # B: the other half, 3/5 = 60 %.
    assert (_carried(unit_b).numerator, _carried(unit_b).value) == (3, 60.0)

    succession_weight_set(legacy_unit=split, unit=unit_a, share=0.8, actor=officer_a)
    succession_weight_set(legacy_unit=split, unit=unit_b, share=0.2, actor=officer_a)
    carry_over(periods=[MAR25])
    # A: 0.8 × 6 + 9 = 13.8 over 0.8 × 10 + 10 = 18 → 76.67 %; B: 1.2 / 2 = 60 %.
    assert _carried(unit_a).value == pytest.approx(76.6667, abs=1e-3)
    assert (_carried(unit_b).numerator, _carried(unit_b).denominator) == pytest.approx((1.2, 2))
    # The old commune keeps its own row, in its era.
    legacy = IndicatorValue.objects.get(era="legacy", legacy_unit=split, period=MAR25)
    assert legacy.value == 60.0 and legacy.unit_id is None


def test_legacy_rows_only_before_the_merger(test_indicators, old_communes):
    split, _whole = old_communes
    with pytest.raises(EvaluationError):
        legacy_value_record(
            legacy_unit=split, period=date(2025, 7, 1), key="t.on_time", numerator=1, denominator=2
        )
