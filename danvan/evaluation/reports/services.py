"""Writes of the review reports: asking for one (once per Idempotency-Key), and building it
in the background with its progress recorded, so the page and the API can show it."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.idempotency import create_once
from danvan.core.services import audit_record
from danvan.evaluation.reports.models import ReportFormat, ReportStatus, ReviewReport

MAX_MONTHS = 60
# A builder renews its hold on a report at each progress step; one silent for this long died.
LEASE = timedelta(minutes=10)
# A queued report whose task has not started it after this long lost its task (the process
# that asked died between its commit and queuing the task, or the queue was down).
GRACE = timedelta(minutes=2)

log = logging.getLogger(__name__)


class ReportError(Exception):
    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


def report_request(
    *,
    actor: Any,
    unit: Any = None,
    province: Any = None,
    first: date,
    last: date,
    fmt: str,
    key: str | None = None,
) -> tuple[ReviewReport, bool]:
    """Ask for a report; the caller has checked that ``actor`` reads the scope. Returns
    ``(report, created)``; the build is queued once the row is committed."""
    from danvan.evaluation.periods import months_between

    if fmt not in ReportFormat.values:
        raise ReportError("bad_format", _("Định dạng phải là docx, pdf hoặc xlsx."), "format")
    if last < first:
        raise ReportError("bad_period", _("Tháng cuối phải sau tháng đầu."), "to")
    if len(months_between(first, last)) > MAX_MONTHS:
        raise ReportError("bad_period", _("Một báo cáo tối đa 60 tháng."), "to")
    if (unit is None) == (province is None):
        raise ReportError("bad_scope", _("Chọn một xã hoặc một tỉnh."), "unit")

    def find(k: str) -> ReviewReport | None:
        return ReviewReport.objects.filter(idempotency_key=k).first()

    def create() -> ReviewReport:
        report = ReviewReport.objects.create(
            unit=unit, province=province, first=first, last=last, format=fmt,
            requested_by=actor, idempotency_key=key,
        )  # fmt: skip
        audit_record(
            actor=actor, action="evaluation.report_request", obj=report,
            unit_code=unit.code if unit else "",
            detail={"format": fmt, "from": f"{first:%Y-%m}", "to": f"{last:%Y-%m}"},
        )  # fmt: skip
        return report

    with transaction.atomic():
        report, created = create_once(key=key, find=find, create=create)
        if created:
            # If this process dies before the callback runs, the sweep builds the report.
            transaction.on_commit(lambda: _enqueue_build(report.pk))
    return report, created


def _enqueue_build(report_id: int) -> None:
    from danvan.evaluation.reports import tasks

    try:
        tasks.build_report_task.enqueue(report_id)
    except Exception:  # noqa: BLE001 — the row is committed: the sweep builds it
        log.exception("could not queue review report %s; build_reports will build it", report_id)


def _claimable(now: Any) -> Q:
    """Queued, or running under a builder whose lease has run out (it died)."""
    running = Q(status=ReportStatus.RUNNING) & (
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )
    return Q(status=ReportStatus.QUEUED) | running


def _claim(report_id: int) -> bool:
    """Take the report for this builder with one conditional UPDATE: of a task and a sweep
    (or two sweeps) racing for it, exactly one builds it."""
    now = timezone.now()
    claimed = ReviewReport.objects.filter(_claimable(now), pk=report_id).update(
        status=ReportStatus.RUNNING, lease_until=now + LEASE
    )
    return bool(claimed)


def reports_build_due(*, grace: timedelta | None = None, limit: int = 20) -> int:
    """The sweep: build every report whose task was lost (queued for longer than ``grace``)
    or whose builder died (running, lease run out). Returns how many it tried."""
    now = timezone.now()
    waited = now - (GRACE if grace is None else grace)
    lost = Q(status=ReportStatus.QUEUED, requested_at__lte=waited)
    abandoned = _claimable(now) & Q(status=ReportStatus.RUNNING)
    ids = list(
        ReviewReport.objects.filter(lost | abandoned)
        .order_by("requested_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        report_build(pk)
    return len(ids)


def _progress(report_id: int, value: int) -> None:
    # Each step renews the builder's lease, so a long build is not taken over while alive;
    # only while the report is still being built (a builder taken over after a long silence
    # never turns a finished report back into a running one).
    ReviewReport.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        progress=value, lease_until=timezone.now() + LEASE
    )


def report_build(report_id: int) -> ReviewReport:
    """Build the file; progress is written as it goes (each update its own statement, so a
    reader sees it while the build runs). A failure is recorded, never raised further."""
    from danvan.evaluation.reports import build

    reports = ReviewReport.objects.select_related("unit__province", "province")
    if not _claim(report_id):
        # Done, failed, or being built by another live process: nothing to do here.
        return reports.get(pk=report_id)
    report = reports.get(pk=report_id)
    _progress(report.pk, 5)
    scope = {"unit": report.unit, "province": report.province}
    try:
        if report.format == ReportFormat.XLSX:
            content = build.values_xlsx(
                **scope, first=report.first, last=report.last,
                progress=lambda v: _progress(report.pk, v),
            )  # fmt: skip
        else:
            data = build.collect(**scope, first=report.first, last=report.last)
            _progress(report.pk, 35)
            pngs = build.chart_pngs(data)
            _progress(report.pk, 60)
            doc = build.document(data, pngs)
            content = doc.to_docx() if report.format == ReportFormat.DOCX else doc.to_pdf()
        _progress(report.pk, 90)
        name = report.unit.code if report.unit else f"tinh-{report.province.code}"
        filename = f"bao-cao-dan-van-{name}-{report.first:%Y%m}-{report.last:%Y%m}.{report.format}"
        with transaction.atomic():
            report.file.save(filename, ContentFile(content), save=False)
            report.status, report.progress = ReportStatus.DONE, 100
            report.finished_at, report.lease_until = timezone.now(), None
            report.save(update_fields=["file", "status", "progress", "finished_at", "lease_until"])
    except Exception as exc:  # noqa: BLE001 — the request must end in a visible state
        log.exception("review report %s failed", report.pk)
        ReviewReport.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
            status=ReportStatus.FAILED,
            error=str(exc)[:2000],
            finished_at=timezone.now(),
            lease_until=None,
        )
        report.refresh_from_db()
    return report
