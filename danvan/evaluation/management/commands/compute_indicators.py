"""``python manage.py compute_indicators [--period YYYY-MM] [--unit CODE] [--open]``."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.evaluation.periods import month_of, months_between, parse_month
from danvan.evaluation.services import refresh
from danvan.evaluation.tasks import open_months
from danvan.territory.models import Unit


class Command(BaseCommand):
    help = (
        "Materialise every registered indicator per commune and month, then the index and the "
        "findings. Without --period: every month from the first case to this one."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--period", help="One month, YYYY-MM.")
        parser.add_argument("--unit", help="One commune's code.")
        parser.add_argument(
            "--open", action="store_true", help="Only the open months (this one and the last)."
        )
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Only the commune-months marked stale by changes not yet recomputed.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["stale"]:
            from danvan.evaluation.stale import stale_refresh

            started = time.perf_counter()
            c = stale_refresh()
            self.stdout.write(
                f"{c['marks']} stale commune-month(s) over {c['months']} month(s): "
                f"{c['values']} values, {c['index']} index rows, {c['findings']} findings "
                f"in {time.perf_counter() - started:.1f}s"
            )
            return
        units = None
        if options["unit"]:
            unit = Unit.objects.select_related("province").filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No commune with code {options['unit']!r}.")
            units = [unit]
        if options["period"]:
            month = parse_month(options["period"])
            if month is None:
                raise CommandError("--period must be YYYY-MM, e.g. 2026-10.")
            periods = [month]
        elif options["open"]:
            periods = open_months()
        else:
            periods = all_months()
        started = time.perf_counter()
        counts = refresh(periods=periods, units=units)
        self.stdout.write(
            f"{len(periods)} month(s): {counts['values']} values, {counts['carried']} carried, "
            f"{counts['index']} index rows, {counts['findings']} findings "
            f"in {time.perf_counter() - started:.1f}s"
        )


def all_months() -> list:
    from django.db.models import Min

    from danvan.cases.models import Case
    from danvan.evaluation.models import IndicatorValue

    first = Case.objects.aggregate(m=Min("received_at"))["m"]
    legacy = IndicatorValue.objects.filter(era="legacy").aggregate(m=Min("period"))["m"]
    today = timezone.localdate()
    starts = [d for d in (timezone.localtime(first).date() if first else None, legacy) if d]
    if not starts:
        return [month_of(today)]
    return months_between(min(starts), today)
