"""``python manage.py gather_national_indicators [--period YYYY-MM | --recent] [--province 19]``

Gathers the monthly indicator rows of every configured province deployment (see
``danvan/national/sources.py`` and docs/deployment.md, "The national path"). By default the
previous month; ``--recent`` does the previous and the current month, as the periodic job
does once a day. A source that cannot be reached or answers badly is reported and recorded
as a failed run; the other sources still run, and the command then exits with an error.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from danvan.evaluation.periods import month_of, parse_month, previous_month
from danvan.national.gather import gather
from danvan.national.models import GatherError, RunStatus
from danvan.national.sources import SourceConfigError, configured_sources
from danvan.territory.models import Province


def _both(message: Any, **params: Any) -> str:
    """A (lazy) message in Vietnamese, then in English, for logs read by either."""
    with translation.override("vi"):
        vi = str(message) % params if params else str(message)
    with translation.override("en"):
        en = str(message) % params if params else str(message)
    return vi if vi == en else f"{vi} / {en}"


class Command(BaseCommand):
    help = (
        "Thu thập số liệu chỉ số hằng tháng từ các tỉnh / Gather the provinces' monthly "
        "indicator rows."
    )

    def add_arguments(self, parser: Any) -> None:
        when = parser.add_mutually_exclusive_group()
        when.add_argument("--period", help="YYYY-MM (default: the previous month)")
        when.add_argument(
            "--recent", action="store_true", help="The previous and the current month."
        )
        parser.add_argument("--province", help="Only this province's source (e.g. 19).")

    def _periods(self, options: dict[str, Any]) -> list[date]:
        this_month = month_of(timezone.localdate())
        if options["recent"]:
            return [previous_month(this_month), this_month]
        if options["period"]:
            period = parse_month(options["period"])
            if period is None:
                raise CommandError(_both(_("Tháng phải có dạng YYYY-MM.")))
            return [period]
        return [previous_month(this_month)]

    def handle(self, *args: Any, **options: Any) -> None:
        periods = self._periods(options)
        try:
            sources = configured_sources()
        except SourceConfigError as exc:
            raise CommandError(
                _both(_("DANVAN_NATIONAL_SOURCES không hợp lệ.")) + f" ({exc})"
            ) from None
        if options["province"]:
            sources = [s for s in sources if s.province == options["province"]]
            if not sources:
                raise CommandError(_both(_("Không có nguồn nào cho tỉnh này.")))
        if not sources:
            self.stdout.write(_both(_("Chưa cấu hình nguồn số liệu của các tỉnh.")))
            return
        provinces = {
            p.code: p for p in Province.objects.filter(code__in=[s.province for s in sources])
        }
        failed = 0
        for source in sources:
            province = provinces.get(source.province)
            if province is None:
                failed += 1
                self.stderr.write(
                    f"{source.province}: " + _both(_("Không có tỉnh này trong danh mục."))
                )
                continue
            for period in periods:
                failed += self._one(source, province, period)
        if failed:
            raise CommandError(_both(_("%(n)s lượt thu thập thất bại."), n=failed))

    def _one(self, source: Any, province: Province, period: date) -> int:
        run = gather(source, province, period)
        where = f"{province.code} {period:%m/%Y}"
        if run.status == RunStatus.OK:
            self.stdout.write(f"{where}: " + _both(_("%(n)s dòng, thành công."), n=run.rows))
            return 0
        reason = _both(GatherError(run.error_code).label)
        self.stderr.write(f"{where}: {reason} — {run.error}")
        return 1
