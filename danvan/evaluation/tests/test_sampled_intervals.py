"""An indicator measured on a sample (a survey's) brings its interval through the registry's
``intervals``; the evaluation stores it in the value's ``ci_low``/``ci_high``. Indicators
counted from cases have none."""

from __future__ import annotations

import pytest

from danvan.core.registry import Indicator, registries
from danvan.evaluation.models import IndicatorValue
from danvan.evaluation.services import values_compute
from danvan.evaluation.tests.conftest import OCT


def _share(unit_ids, month_start, month_end):  # type: ignore[no-untyped-def]
    return dict.fromkeys(unit_ids, (24.0, 40.0)) if month_start == OCT else {}


def _bounds(unit_ids, month_start, month_end):  # type: ignore[no-untyped-def]
    return dict.fromkeys(unit_ids, (44.5, 75.25)) if month_start == OCT else {}


@pytest.fixture
def sampled():
    saved = dict(registries.indicators._items)
    registries.indicators._items.clear()
    for ind in (
        Indicator("t.survey", 3, "Hài lòng (khảo sát)", "Satisfied (survey)", "higher", None,
                  "Thử", _share, min_denominator=30.0, intervals=_bounds),
        Indicator("t.cases", 3, "Đúng hạn", "On time", "higher", None, "Thử", _share),
    ):  # fmt: skip
        registries.indicators.register(ind.key, ind)
    yield
    registries.indicators._items.clear()
    registries.indicators._items.update(saved)


def test_intervals_fill_ci_low_and_ci_high(sampled, active):
    unit_a = active[0]
    values_compute(periods=[OCT], units=[unit_a])
    survey = IndicatorValue.objects.get(unit=unit_a, key="t.survey", period=OCT)
    assert survey.value == pytest.approx(60.0)
    assert (survey.ci_low, survey.ci_high) == (44.5, 75.25)
    cases = IndicatorValue.objects.get(unit=unit_a, key="t.cases", period=OCT)
    assert cases.ci_low is None and cases.ci_high is None


def test_indicator_inputs_changed_recomputes_those_months(
    sampled, unit_a, django_capture_on_commit_callbacks
):
    from danvan.core.signals import indicator_inputs_changed
    from danvan.evaluation.tests.conftest import open_case

    with django_capture_on_commit_callbacks(execute=True):
        open_case(unit_a)  # the commune uses the system
    IndicatorValue.objects.filter(unit=unit_a).delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        indicator_inputs_changed.send(sender=None, items=[(unit_a.pk, OCT)])
    assert len(callbacks) == 1
    assert IndicatorValue.objects.get(unit=unit_a, key="t.survey", period=OCT).ci_low == 44.5
