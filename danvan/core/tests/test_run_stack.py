"""The processes ``make run`` and ``make serve-prod`` start: periodic jobs and the supervisor."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from danvan.core.management.commands import run_periodic
from danvan.core.management.commands.run_stack import Child, Command, children
from danvan.core.models import Notification, NotificationStatus
from danvan.core.registry import PeriodicJob, Registry, registries


def test_every_product_job_is_registered():
    commands = {job.command for job in registries.periodic_jobs}
    # The clock scan and the notification sweep are what make a queued message or a due
    # reminder go out when nobody runs cron.
    assert {"run_clock", "send_notifications", "disable_inactive_officers"} <= commands


# Transactional: run_periodic closes stale connections between jobs as in production, which
# would close the connection of a test wrapped in a transaction.
@pytest.mark.django_db(transaction=True)
def test_the_sweep_sends_a_message_nobody_queued_a_task_for(settings, monkeypatch, tmp_path):
    """A worker killed between commit and send leaves the row queued: the sweep sends it."""
    settings.DANVAN_SMS_BACKEND = "file"
    settings.DANVAN_OUTBOX_DIR = tmp_path
    Notification.objects.create(
        channel="sms", recipient="0912345678", template="t", body="Xin chào", idempotency_key="k1"
    )
    jobs: Registry[PeriodicJob] = Registry("periodic_jobs")
    jobs.register("sweep", PeriodicJob("sweep", "send_notifications", 60))
    monkeypatch.setattr(registries, "periodic_jobs", jobs)
    assert run_periodic.run_due_jobs({}, time.monotonic()) == ["sweep"]
    assert Notification.objects.get(idempotency_key="k1").status == NotificationStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_neither_stops_the_others_nor_runs_before_its_turn(monkeypatch):
    calls: list[str] = []
    jobs: Registry[PeriodicJob] = Registry("periodic_jobs")
    jobs.register("a.broken", PeriodicJob("a.broken", "no_such_command", 60))
    jobs.register("b.check", PeriodicJob("b.check", "check", 30))
    monkeypatch.setattr(registries, "periodic_jobs", jobs)
    real = run_periodic.call_command

    def spy(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(run_periodic, "call_command", spy)
    next_run: dict[str, float] = {}
    assert run_periodic.run_due_jobs(next_run, 1000.0) == ["a.broken", "b.check"]
    assert calls == ["no_such_command", "check"]
    assert run_periodic.run_due_jobs(next_run, 1010.0) == []
    assert run_periodic.run_due_jobs(next_run, 1030.0) == ["b.check"]


@pytest.mark.django_db(transaction=True)
def test_a_restart_does_not_run_a_job_again_before_its_turn(monkeypatch):
    from django.core.cache import cache

    calls: list[str] = []
    jobs: Registry[PeriodicJob] = Registry("periodic_jobs")
    jobs.register("n.nightly", PeriodicJob("n.nightly", "check", 24 * 3600))
    monkeypatch.setattr(registries, "periodic_jobs", jobs)
    monkeypatch.setattr(run_periodic, "call_command", lambda name, *a, **k: calls.append(name))
    cache.delete("periodic:n.nightly")
    assert run_periodic.run_due_jobs({}, 5.0, shared=True) == ["n.nightly"]
    # The process restarts (a fresh schedule), or a second machine starts: not again today.
    assert run_periodic.run_due_jobs({}, 7.0, shared=True) == []
    assert calls == ["check"]
    # ``--once`` (an operator asking for it) still runs it.
    assert run_periodic.run_due_jobs({}, 9.0) == ["n.nightly"]
    cache.delete("periodic:n.nightly")


def test_the_stack_is_a_web_server_a_task_worker_and_the_periodic_jobs():
    dev = {c.name: c.argv for c in children("runserver", 8123, 2)}
    assert set(dev) == {"web", "worker", "periodic"}
    assert dev["web"][-2:] == ["runserver", "127.0.0.1:8123"]
    assert "db_worker" in dev["worker"] and "run_periodic" in dev["periodic"]
    niceness = {c.name: c.niceness for c in children("runserver", 8123, 2)}
    assert niceness == {"web": 0, "worker": 10, "periodic": 10}
    prod = {c.name: c.argv for c in children("gunicorn", 8124, 3)}
    assert "gunicorn" in prod["web"] and "127.0.0.1:8124" in prod["web"]
    # Only a reverse proxy on this machine may claim the request came over HTTPS.
    assert prod["web"][prod["web"].index("--forwarded-allow-ips") + 1] == "127.0.0.1,::1"
    # Threaded workers: a connection waiting for its request does not hold a worker.
    assert prod["web"][prod["web"].index("--worker-class") + 1] == "gthread"
    assert prod["web"][prod["web"].index("--workers") + 1] == "3"
    assert prod["web"][prod["web"].index("--threads") + 1] == "4"


def _sleeper(name: str, essential: bool, code: str = "import time; time.sleep(60)") -> Child:
    return Child(name, [sys.executable, "-c", code], essential=essential)


def test_a_background_process_that_dies_is_restarted_and_the_web_server_ending_stops_all():
    command = Command()
    command.stopping = False
    web = _sleeper("web", True, "import time; time.sleep(1.5); raise SystemExit(4)")
    worker = _sleeper("worker", False, "raise SystemExit(3)")
    procs = [web, worker]
    for child in procs:
        child.start()
    try:
        assert command._watch(procs) == 4
    finally:
        command._stop_all(procs)
    assert len(worker.starts) > 1, "the worker should have been started again"


def test_a_background_process_runs_at_a_lower_cpu_priority(tmp_path):
    out = tmp_path / "nice.txt"
    code = f"import os, pathlib; pathlib.Path({str(out)!r}).write_text(str(os.nice(0)))"
    base = os.nice(0)
    for niceness, expected in [(0, base), (10, min(19, base + 10))]:
        child = Child("worker", [sys.executable, "-c", code], False, niceness=niceness)
        child.start()
        assert child.process is not None and child.process.wait(timeout=30) == 0
        assert int(out.read_text()) == expected


def test_stopping_ends_every_process_group_within_the_grace_period():
    command = Command()
    procs = [_sleeper("web", True), _sleeper("worker", False)]
    for child in procs:
        child.start()
    started = time.monotonic()
    command._stop_all(procs)
    assert time.monotonic() - started < 5
    assert [c.process.returncode for c in procs] == [-signal.SIGTERM, -signal.SIGTERM]


def test_every_process_links_to_the_port_it_serves_unless_site_url_is_set(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("SITE_ROOT", raising=False)
    procs = children("runserver", 8125, 2)
    assert {c.env["PORT"] for c in procs} == {"8125"}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    for extra, expected in [
        ({}, "http://127.0.0.1:8125"),
        ({"SITE_URL": "https://dv.vn/"}, "https://dv.vn"),
    ]:
        env = {**procs[1].env, **extra, "DJANGO_SETTINGS_MODULE": "danvan.settings"}
        out = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == expected
