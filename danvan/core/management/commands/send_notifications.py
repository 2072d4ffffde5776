"""Send the queued notifications whose retry time has come (a safety net next to the deferred
retry tasks: `run_periodic` runs it every minute; cron may too)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.core.notifications import notifications_send_due


class Command(BaseCommand):
    help = "Gửi lại các thông báo đến hạn thử lại / Send notifications due for a retry."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        tried = notifications_send_due(limit=options["limit"])
        self.stdout.write(f"{tried}")
