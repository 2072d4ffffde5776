"""The review reports' sweep: build every report whose build task was lost (its requester
died between the commit and queuing the task, or the queue was down) or whose builder died
half-way. Run every minute by ``run_periodic``; the task queued after the commit is only the
fast path. A report is claimed before it is built, so it is never built twice at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from danvan.evaluation.reports.services import GRACE, reports_build_due


class Command(BaseCommand):
    help = (
        "Lập các báo cáo sơ kết bị bỏ dở / "
        "Build the review reports whose task was lost or whose builder died."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--grace",
            type=int,
            default=int(GRACE.total_seconds()),
            help="seconds a queued report is left to its task first",
        )
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        grace = timedelta(seconds=max(options["grace"], 0))
        tried = reports_build_due(grace=grace, limit=options["limit"])
        if options["verbosity"]:
            self.stdout.write(str(tried))
