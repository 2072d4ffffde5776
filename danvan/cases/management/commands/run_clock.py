"""``python manage.py run_clock [--once] [--interval 60]``: the clock scanner's loop."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand

from danvan.cases.clockscan import scan_once


class Command(BaseCommand):
    help = "Send due-date reminders for open cases (safe to run on several machines)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Scan once and exit.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between scans.")
        parser.add_argument("--batch", type=int, default=500, help="Cases per scan at most.")

    def _stop(self, signum: int, frame: Any) -> None:
        self.stopping = True

    def handle(self, *args: Any, **options: Any) -> None:
        self.stopping = False
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self._loop(options)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("run_clock stopped")

    def _loop(self, options: dict[str, Any]) -> None:
        while not self.stopping:
            sent = scan_once(limit=options["batch"])
            if sent:
                self.stdout.write(f"{sent} reminder(s) sent")
            if options["once"]:
                break
            if sent >= options["batch"]:
                continue  # more waiting: scan again at once
            # Sleep in short steps so SIGTERM stops the loop within a second.
            deadline = time.monotonic() + options["interval"]
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
