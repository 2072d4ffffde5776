"""``python manage.py run_stack [--web runserver|gunicorn] [--port 8000]``: the whole product.

Starts, side by side, the web server, the background task worker (``db_worker``: sends the
notifications the web queued) and the periodic jobs (``run_periodic``: clock scan and
notification sweep), and stops them all on Ctrl-C or SIGTERM. ``make run`` uses it with
Django's development server, ``make serve-prod`` with gunicorn. Each child runs in its own
process group, so stopping one stops whatever it started too (the autoreloader's child).
A background process that dies is started again (at most a few times a minute); when the web
server dies, everything stops, since nothing would be reachable.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

RESTARTS_PER_MINUTE = 5
STOP_GRACE_SECONDS = 10.0
BACKGROUND_NICENESS = 10


@dataclass
class Child:
    name: str
    argv: list[str]
    essential: bool
    process: subprocess.Popen[bytes] | None = None
    starts: list[float] = field(default_factory=list)

    env: dict[str, str] | None = None
    # Added to the child's CPU niceness: the background jobs yield the CPU to the web.
    niceness: int = 0

    def start(self) -> None:
        self.starts = [t for t in self.starts if t > time.monotonic() - 60] + [time.monotonic()]
        self.process = subprocess.Popen(  # noqa: S603
            self.argv,
            start_new_session=True,
            env=self.env,
            preexec_fn=(lambda: os.nice(self.niceness)) if self.niceness else None,  # noqa: PLW1509
        )

    def may_restart(self) -> bool:
        recent = [t for t in self.starts if t > time.monotonic() - 60]
        return len(recent) < RESTARTS_PER_MINUTE

    def signal(self, sig: int) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)


def children(
    web: str, port: int, workers: int, threads: int = 4, worker_class: str = "gthread"
) -> list[Child]:
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    if web == "gunicorn":
        web_argv = [
            sys.executable, "-m", "gunicorn", "danvan.wsgi",
            "--workers", str(workers),
            # Threads, not gunicorn's default sync workers: a sync worker that accepts a
            # connection waits on it until the request arrives, so a few idle keep-alive or
            # slow clients (mobile networks, or a proxy that does not buffer) hold every worker
            # while requests queue (measured: 70 % of a sync worker's time in that wait).
            # gthread parks waiting connections in a poller and keeps connections alive.
            "--worker-class", worker_class,
            "--threads", str(threads),
            "--keep-alive", "30",
            "--bind", f"127.0.0.1:{port}",
            # The reverse proxy in front sets X-Forwarded-Proto; only a local one is trusted.
            "--forwarded-allow-ips", "127.0.0.1,::1",
            "--graceful-timeout", "10",
        ]  # fmt: skip
    else:
        web_argv = [*manage, "runserver", f"127.0.0.1:{port}"]
    # Every process builds links from the same site address: the port served here unless
    # SITE_URL says otherwise (the worker sends the SMS with links in them).
    env = {**os.environ, "PORT": str(port)}
    # The task worker's recomputations (a province's month every 30 s under load) and the
    # nightly jobs run at a lower CPU priority than the pages people are waiting for: on the
    # 2-core load test their bursts otherwise lengthened the web's tail (docs/benchmarks.md).
    worker = [*manage, "db_worker", "--no-startup-delay"]
    return [
        Child("web", web_argv, essential=True, env=env),
        Child("worker", worker, essential=False, env=env, niceness=BACKGROUND_NICENESS),
        Child("periodic", [*manage, "run_periodic"], essential=False, env=env,
              niceness=BACKGROUND_NICENESS),
    ]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Chạy máy chủ web, tiến trình nền và việc định kỳ / Run the web server, the task "
        "worker and the periodic jobs together."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--web", choices=["runserver", "gunicorn"], default="runserver")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=2 * (os.cpu_count() or 1),
            help="gunicorn worker processes (default: two per core)",
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
        parser.add_argument(
            "--worker-class",
            choices=["gthread", "sync"],
            default="gthread",
            help="gunicorn worker class (sync only behind a proxy that buffers whole requests)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["port"] <= 65535:
            raise CommandError("--port must be between 1 and 65535")
        self.stopping = False
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be at least 1")
        procs = children(
            options["web"],
            options["port"],
            options["workers"],
            options["threads"],
            options["worker_class"],
        )
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        code = 0
        try:
            for child in procs:
                child.start()
                self.stdout.write(f"started {child.name} (pid {child.process.pid})")  # type: ignore[union-attr]
            code = self._watch(procs)
        finally:
            self._stop_all(procs)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if code:
            raise CommandError(f"stopped: a process exited with status {code}")

    def _stop(self, signum: int, frame: Any) -> None:
        self.stopping = True

    def _watch(self, procs: list[Child]) -> int:
        while not self.stopping:
            for child in procs:
                status = child.process.poll() if child.process else None
                if status is None:
                    continue
                if child.essential or not child.may_restart():
                    self.stderr.write(f"{child.name} exited with status {status}; stopping")
                    return status or 1
                self.stderr.write(f"{child.name} exited with status {status}; restarting")
                child.start()
            time.sleep(0.5)
        return 0

    def _stop_all(self, procs: list[Child]) -> None:
        for child in procs:
            child.signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in procs:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.signal(signal.SIGKILL)
                child.process.wait()
        self.stdout.write("stopped")
