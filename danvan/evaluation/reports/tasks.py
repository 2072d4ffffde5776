"""The background build of a review report (django-tasks, run by the project's worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def build_report_task(report_id: int) -> str:
    from danvan.evaluation.reports.services import report_build

    return report_build(report_id).status
