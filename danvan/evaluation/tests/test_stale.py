"""Changes mark commune-months stale; one deferred run recomputes them together — each month's
province index once, however many communes changed — and keeps marks made while it ran."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from danvan.cases.services import case_close
from danvan.core.registry import Indicator, registries
from danvan.evaluation import services as evaluation_services
from danvan.evaluation.models import IndicatorValue, StaleMonth
from danvan.evaluation.stale import stale_mark, stale_refresh
from danvan.evaluation.tasks import refresh_stale_task

from .conftest import OCT, SEP, at, open_case
from .test_incremental import closed_share

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_indicator():
    saved = dict(registries.indicators._items)
    registries.indicators._items.clear()
    ind = Indicator("t.closed", 4, "Việc đã xong", "Closed", "higher", 90.0, "Thử", closed_share)
    registries.indicators.register(ind.key, ind)
    yield ind
    registries.indicators._items.clear()
    registries.indicators._items.update(saved)


@pytest.fixture
def deferred(settings):
    """The production shape: a task backend that defers, a delay of a minute."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.DANVAN_EVALUATION_REFRESH_DELAY_SECONDS = 60
    cache.delete("evaluation:stale-run-scheduled")
    backend = refresh_stale_task.get_backend()
    backend.clear()
    yield backend
    cache.delete("evaluation:stale-run-scheduled")


def test_changes_only_mark_and_one_run_is_scheduled_per_delay(
    closed_indicator, deferred, unit_a, unit_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = open_case(unit_a, received_at=at(2026, 10, 2))
    with django_capture_on_commit_callbacks(execute=True):
        open_case(unit_b, received_at=at(2026, 10, 3))
    with django_capture_on_commit_callbacks(execute=True):
        case_close(case=case, actor=None, status="resolved", at=at(2026, 10, 5))
    marked = set(StaleMonth.objects.values_list("unit_id", "period"))
    assert marked == {(unit_a.pk, OCT), (unit_b.pk, OCT)}
    # Three changes, one run, due a minute later; nothing recomputed yet.
    assert len(deferred.results) == 1
    result = deferred.results[0]
    assert result.task.name == "refresh_stale_task"
    assert result.task.run_after > timezone.now() + timedelta(seconds=50)
    assert not IndicatorValue.objects.filter(key="t.closed").exists()

    counts = stale_refresh()
    assert counts["marks"] == 2 and counts["months"] == 1
    a = IndicatorValue.objects.get(unit=unit_a, period=OCT, key="t.closed")
    assert (a.numerator, a.denominator) == (1, 1)
    assert IndicatorValue.objects.get(unit=unit_b, period=OCT, key="t.closed").denominator == 1
    assert not StaleMonth.objects.exists()


def test_one_index_a_month_for_many_changed_communes(
    closed_indicator, unit_a, unit_b, unit_c, monkeypatch
):
    calls = []
    real = evaluation_services.index_compute

    def counting(**kwargs):  # type: ignore[no-untyped-def]
        calls.append((kwargs["province_code"], kwargs["period"]))
        return real(**kwargs)

    monkeypatch.setattr(evaluation_services, "index_compute", counting)
    stale_mark({(u.pk, OCT) for u in (unit_a, unit_b, unit_c)} | {(unit_a.pk, SEP)})
    counts = stale_refresh()
    assert counts == {**counts, "marks": 4, "months": 2}
    assert sorted(calls) == [(unit_a.province.code, SEP), (unit_a.province.code, OCT)]


def test_a_mark_made_again_while_the_run_works_stays_for_the_next_run(
    closed_indicator, deferred, unit_a, monkeypatch
):
    stale_mark({(unit_a.pk, OCT)})
    real = evaluation_services.refresh

    def refresh_and_change_meanwhile(**kwargs):  # type: ignore[no-untyped-def]
        out = real(**kwargs)
        # A case of the same month commits while the run is computing.
        StaleMonth.objects.filter(unit=unit_a, period=OCT).update(
            marked_at=timezone.now() + timedelta(seconds=1)
        )
        return out

    monkeypatch.setattr(evaluation_services, "refresh", refresh_and_change_meanwhile)
    stale_refresh()
    assert StaleMonth.objects.filter(unit=unit_a, period=OCT).exists()
    # ... and the run scheduled the next one for it.
    assert [r.task.name for r in deferred.results] == ["refresh_stale_task"]


def test_without_a_deferring_backend_the_change_is_recomputed_at_once(
    closed_indicator, unit_a, django_capture_on_commit_callbacks
):
    # The test settings' immediate backend: the run happens on commit.
    with django_capture_on_commit_callbacks(execute=True):
        open_case(unit_a, received_at=at(2026, 10, 2))
    assert IndicatorValue.objects.get(unit=unit_a, period=OCT, key="t.closed").denominator == 1
    assert not StaleMonth.objects.exists()


def test_the_command_and_the_periodic_safety_net(closed_indicator, unit_a, capsys):
    stale_mark({(unit_a.pk, OCT)})
    call_command("compute_indicators", "--stale")
    assert "1 stale commune-month(s)" in capsys.readouterr().out
    assert not StaleMonth.objects.exists()
    job = registries.periodic_jobs.get("evaluation.stale_months")
    assert (job.command, job.args) == ("compute_indicators", ("--stale",))
    assert job.every_seconds <= 3600
