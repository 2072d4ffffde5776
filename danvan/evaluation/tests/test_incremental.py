"""A case closing (or any event landing) updates its commune-month once the transaction
commits, through the post_save hooks, with no edit in the case core."""

from __future__ import annotations

import pytest

from danvan.cases.models import Case
from danvan.cases.services import case_close
from danvan.core.registry import Indicator, registries
from danvan.evaluation.models import IndexScore, IndicatorValue

from .conftest import OCT, at, open_case

pytestmark = pytest.mark.django_db


def closed_share(unit_ids, month_start, month_end):  # type: ignore[no-untyped-def]
    from django.db.models import Count, Q

    rows = (
        Case.objects.filter(unit_id__in=unit_ids, received_at__date__gte=month_start,
                            received_at__date__lt=month_end)
        .values("unit_id")
        .annotate(n=Count("id"), k=Count("id", filter=Q(closed_at__isnull=False)))
    )  # fmt: skip
    return {r["unit_id"]: (float(r["k"]), float(r["n"])) for r in rows}


@pytest.fixture
def closed_indicator():
    saved = dict(registries.indicators._items)
    registries.indicators._items.clear()
    ind = Indicator("t.closed", 4, "Việc đã xong", "Closed", "higher", 90.0, "Thử", closed_share)
    registries.indicators.register(ind.key, ind)
    yield ind
    registries.indicators._items.clear()
    registries.indicators._items.update(saved)


def test_closing_a_case_updates_its_commune_month(
    closed_indicator, unit_a, unit_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = open_case(unit_a, received_at=at(2026, 10, 2))
        open_case(unit_a, received_at=at(2026, 10, 3))
    value = IndicatorValue.objects.get(unit=unit_a, period=OCT, key="t.closed")
    assert (value.numerator, value.denominator) == (0, 2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case_close(case=case, actor=None, status="resolved", at=at(2026, 10, 5))
    # The case's save and its event are merged into one recompute.
    assert len(callbacks) == 1
    value = IndicatorValue.objects.get(unit=unit_a, period=OCT, key="t.closed")
    assert (value.numerator, value.denominator, value.value) == (1, 2, 50.0)
    assert IndexScore.objects.get(unit=unit_a, period=OCT).areas["4"] == 5.0
    # Commune B was not touched.
    assert not IndicatorValue.objects.filter(unit=unit_b).exists()


def test_a_rolled_back_change_schedules_nothing(
    closed_indicator, unit_a, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                open_case(unit_a, received_at=at(2026, 10, 2))
                raise RuntimeError("stop")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not IndicatorValue.objects.filter(unit=unit_a).exists()
