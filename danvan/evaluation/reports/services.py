"""Writes of the review reports: asking for one (once per Idempotency-Key), and building it
in the background with its progress recorded, so the page and the API can show it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.idempotency import create_once
from danvan.core.services import audit_record
from danvan.evaluation.reports.models import ReportFormat, ReportStatus, ReviewReport

MAX_MONTHS = 60


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
            from danvan.evaluation.reports.tasks import build_report_task

            transaction.on_commit(lambda: build_report_task.enqueue(report.pk))
    return report, created


def _progress(report_id: int, value: int, status: str = ReportStatus.RUNNING) -> None:
    ReviewReport.objects.filter(pk=report_id).update(progress=value, status=status)


def report_build(report_id: int) -> ReviewReport:
    """Build the file; progress is written as it goes (each update its own statement, so a
    reader sees it while the build runs). A failure is recorded, never raised further."""
    from danvan.evaluation.reports import build

    report = ReviewReport.objects.select_related("unit__province", "province").get(pk=report_id)
    if report.status == ReportStatus.DONE:
        return report
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
            report.finished_at = timezone.now()
            report.save(update_fields=["file", "status", "progress", "finished_at"])
    except Exception as exc:  # noqa: BLE001 — the request must end in a visible state
        import logging

        logging.getLogger(__name__).exception("review report %s failed", report.pk)
        ReviewReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        report.refresh_from_db()
    return report
