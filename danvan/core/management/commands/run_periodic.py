"""``python manage.py run_periodic [--once]``: run the apps' periodic jobs on their intervals.

The jobs are whatever apps register in ``registries.periodic_jobs`` (the clock scan, the
notification sweep, the nightly indicator computation...), so a cron table never has to know
the apps. Every job is safe to run on several machines; a failing job is logged and retried
at its next turn, never stopping the others.
"""

from __future__ import annotations

import logging
import signal
import time
from typing import Any

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from danvan.core.registry import PeriodicJob, registries

log = logging.getLogger(__name__)


def run_due_jobs(next_run: dict[str, float], now: float, shared: bool = False) -> list[str]:
    """Run every job whose turn has come; return the keys run. ``next_run`` is updated.

    ``shared``: a job's turn is also claimed in the shared cache, so a restart (a deploy)
    or a second machine does not run the nightly recomputation again within its interval."""
    ran = []
    for job in sorted(registries.periodic_jobs, key=lambda j: j.key):
        if next_run.get(job.key, 0.0) > now:
            continue
        next_run[job.key] = now + job.every_seconds
        if shared and not _claim_turn(job):
            continue
        _run(job)
        ran.append(job.key)
    return ran


def _claim_turn(job: PeriodicJob) -> bool:
    # A little under the interval, so that this process's own next turn is never refused.
    seconds = max(1, int(job.every_seconds * 0.9))
    try:
        return bool(cache.add(f"periodic:{job.key}", 1, timeout=seconds))
    except Exception:  # noqa: BLE001 — without the cache, run it: every job is safe to repeat
        log.warning("periodic job %s: shared cache unavailable, running it anyway", job.key)
        return True


def _run(job: PeriodicJob) -> None:
    close_old_connections()
    try:
        call_command(job.command, *job.args, verbosity=0)
    except Exception:  # noqa: BLE001 — one failing job must not stop the others
        log.exception("periodic job %s failed", job.key)
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = "Chạy các việc định kỳ / Run the periodic jobs (clock scan, notification sweep…)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")

    def _stop(self, signum: int, frame: Any) -> None:
        self.stopping = True

    def handle(self, *args: Any, **options: Any) -> None:
        self.stopping = False
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        next_run: dict[str, float] = {}
        try:
            while not self.stopping:
                ran = run_due_jobs(next_run, time.monotonic(), shared=not options["once"])
                if options["once"]:
                    self.stdout.write(", ".join(ran))
                    break
                # Short sleeps so SIGTERM stops the loop within a second.
                time.sleep(1.0)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
