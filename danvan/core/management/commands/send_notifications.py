"""The outbox sweep: send every queued notification that is due, never tried, or whose
sender's lease ran out (a worker that died). Run it from cron, or as a service with
``--every 60``; it is what makes delivery at-least-once, the task after commit being only
the fast path."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from danvan.core.notifications import notifications_send_due


class Command(BaseCommand):
    help = (
        "Gửi các thông báo đến hạn, chưa gửi hoặc bị bỏ dở / "
        "Send notifications that are due, never sent, or abandoned by a dead worker."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--limit", type=int, default=500)
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            help="keep sweeping, every N seconds, until SIGTERM/SIGINT",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        every = max(options["every"], 0)
        if not every:
            self.stdout.write(f"{notifications_send_due(limit=options['limit'])}")
            return
        self.running = True

        def stop(*_args):  # type: ignore[no-untyped-def]
            self.running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while self.running:
            close_old_connections()
            tried = notifications_send_due(limit=options["limit"])
            if tried:
                self.stdout.write(f"{tried}")
            # Sleep in short steps so a stop request is honoured within a second.
            deadline = time.monotonic() + every
            while self.running and time.monotonic() < deadline:
                time.sleep(min(1.0, every))
