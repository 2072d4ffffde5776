"""Kill the web worker and the task worker at each step of sending a notification (SIGKILL,
no clean-up), then run the sweep: every acknowledged message (its row committed) is
delivered, and no idempotency key is delivered twice (the file backend is the receiver:
``var/outbox/``, one file per delivered key).

Real processes on a real PostgreSQL database: the web-like worker commits through
``notification_enqueue``, the task worker is django-tasks-db's ``db_worker``, the sweep is
``manage.py send_notifications``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from danvan.core.models import Notification

ROOT = Path(__file__).resolve().parents[2]
WEB_STEPS = {"after_commit"}
WORKER_STEPS = {"after_running", "after_claim", "after_send"}
COUNT = 4
LEASE_SECONDS = 1

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _env(var_dir: Path) -> dict[str, str]:
    parts = urlsplit(os.environ["DATABASE_URL"])
    test_db = connection.settings_dict["NAME"]
    return {
        **os.environ,
        "DATABASE_URL": urlunsplit(parts._replace(path="/" + test_db)),
        "DANVAN_SMS_BACKEND": "file",
        "DANVAN_VAR_DIR": str(var_dir),
        "DANVAN_NOTIFICATION_LEASE_SECONDS": str(LEASE_SECONDS),
        "DANVAN_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DEBUG": "1",
        "PYTHONPATH": str(ROOT),
    }


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 — our own interpreter and scripts
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _delivered(outbox: Path) -> Counter[str]:
    if not outbox.exists():
        return Counter()
    files = [f for f in outbox.iterdir() if f.suffix == ".json" and not f.name.startswith(".")]
    return Counter(json.loads(f.read_text("utf-8"))["reference"] for f in files)


@pytest.mark.parametrize("step", ["after_commit", "after_running", "after_claim", "after_send"])
def test_every_acknowledged_message_is_delivered_once_after_a_kill(step, tmp_path):
    env = _env(tmp_path)
    web = _run(
        env,
        "-m",
        "tests.faults.notify_proc",
        "web",
        step if step in WEB_STEPS else "none",
        step,
        str(COUNT),
    )
    if step in WEB_STEPS:
        assert web.returncode == -signal.SIGKILL, web.stderr
    else:
        assert web.returncode == 0, web.stderr
    acknowledged = set(Notification.objects.values_list("idempotency_key", flat=True))
    assert acknowledged, "the web worker committed nothing"
    assert len(acknowledged) == (1 if step in WEB_STEPS else COUNT)

    worker = _run(
        env, "-m", "tests.faults.notify_proc", "worker", step if step in WORKER_STEPS else "none"
    )
    if step in WORKER_STEPS:
        assert worker.returncode == -signal.SIGKILL, worker.stderr
        # The kill left a message unsent (queued, its task "running" forever).
        assert Notification.objects.filter(status="queued").exists()
    else:
        assert worker.returncode == 0, worker.stderr
    # A fresh worker drains the tasks still queued; the dead one's task is never retried.
    drain = _run(env, "-m", "tests.faults.notify_proc", "worker", "none")
    assert drain.returncode == 0, drain.stderr
    if step != "after_send":
        assert Notification.objects.filter(status="queued").exists()

    time.sleep(LEASE_SECONDS + 0.5)  # a dead sender's lease runs out
    sweep = _run(env, "manage.py", "send_notifications")
    assert sweep.returncode == 0, sweep.stderr

    statuses = Counter(Notification.objects.values_list("status", flat=True))
    assert statuses == {"sent": len(acknowledged)}
    delivered = _delivered(tmp_path / "outbox")
    assert set(delivered) == acknowledged  # at least once
    assert max(delivered.values()) == 1  # never twice for one key
    # A second sweep finds nothing left to do and delivers nothing again.
    assert _run(env, "manage.py", "send_notifications").stdout.strip() == "0"
    assert _delivered(tmp_path / "outbox") == delivered
