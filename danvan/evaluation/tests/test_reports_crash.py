"""A review report asked for by a process that died after its commit and before its build
task was queued, or built by a worker that died half-way, is built by the periodic sweep
(``build_reports``) exactly once: never left "queued" or "running" for ever, never built by
two processes at the same time."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.core.registry import registries
from danvan.evaluation.models import ReviewReport
from danvan.evaluation.reports import build
from danvan.evaluation.reports.services import report_build, report_request

pytestmark = pytest.mark.django_db

FIRST, LAST = date(2026, 9, 1), date(2026, 10, 1)


def _ask(unit, officer, key="k1") -> ReviewReport:
    # Without executing the on-commit callbacks: the process died before queuing the build.
    report, created = report_request(
        actor=officer, unit=unit, first=FIRST, last=LAST, fmt="xlsx", key=key
    )
    assert created
    return report


def _age(report: ReviewReport, seconds: int) -> None:
    ReviewReport.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - timedelta(seconds=seconds)
    )


def _counting():
    return mock.patch.object(build, "values_xlsx", side_effect=build.values_xlsx)


def test_a_report_whose_task_was_lost_is_built_by_the_sweep_once(unit_a, officer_a):
    report = _ask(unit_a, officer_a)
    _age(report, 600)
    with _counting() as built:
        call_command("build_reports", verbosity=0)
        call_command("build_reports", verbosity=0)
    report.refresh_from_db()
    assert report.status == "done" and report.progress == 100 and report.file
    assert built.call_count == 1


def test_a_fresh_report_is_left_to_its_task(unit_a, officer_a):
    report = _ask(unit_a, officer_a)
    with _counting() as built:
        call_command("build_reports", verbosity=0)
    report.refresh_from_db()
    assert report.status == "queued" and built.call_count == 0
    # Its task, when it runs, builds it; a late sweep then finds nothing to do.
    with _counting() as built:
        assert report_build(report.pk).status == "done"
        _age(report, 600)
        call_command("build_reports", verbosity=0)
    assert built.call_count == 1


def test_a_build_abandoned_by_a_dead_worker_is_taken_over(unit_a, officer_a):
    report = _ask(unit_a, officer_a)
    # A worker claimed it and was killed: "running", its lease run out.
    past = timezone.now() - timedelta(seconds=5)
    ReviewReport.objects.filter(pk=report.pk).update(status="running", lease_until=past)
    _age(report, 600)
    call_command("build_reports", verbosity=0)
    report.refresh_from_db()
    assert report.status == "done" and report.file


def test_a_build_under_way_is_not_started_twice(unit_a, officer_a):
    report = _ask(unit_a, officer_a)
    future = timezone.now() + timedelta(minutes=5)
    ReviewReport.objects.filter(pk=report.pk).update(status="running", lease_until=future)
    _age(report, 600)
    with _counting() as built:
        call_command("build_reports", verbosity=0)
        assert report_build(report.pk).status == "running"
    assert built.call_count == 0


def test_a_queue_that_is_down_does_not_fail_the_request(
    unit_a, officer_a, django_capture_on_commit_callbacks
):
    down = mock.Mock()
    down.enqueue.side_effect = ConnectionError("queue down")
    with (
        mock.patch("danvan.evaluation.reports.tasks.build_report_task", down),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report, _created = report_request(
            actor=officer_a, unit=unit_a, first=FIRST, last=LAST, fmt="xlsx", key="k2"
        )
    assert down.enqueue.called
    # Still queued: the sweep builds it.
    assert ReviewReport.objects.get(pk=report.pk).status == "queued"


def test_the_sweep_is_a_periodic_job():
    job = registries.periodic_jobs.get("evaluation.reports")
    assert job.command == "build_reports" and job.every_seconds <= 300
