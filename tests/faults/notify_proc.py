"""A web-like worker or a task worker that SIGKILLs itself at one step of sending.

Run by tests/faults/test_notifications_kill.py as a separate process on the test database:

    python -m tests.faults.notify_proc web   <step> <prefix> <count>
    python -m tests.faults.notify_proc worker <step>

Steps: ``after_commit`` (the web worker dies between its commit and queuing the send task),
``after_running`` (the task worker dies after marking its task running, before claiming the
message), ``after_claim`` (after claiming, before sending), ``after_send`` (after the backend
took the message, before it is marked sent), ``none``.
"""

from __future__ import annotations

import os
import signal
import sys


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def arm(step: str) -> None:
    from danvan.core import notifications as n

    if step == "after_commit":
        n._enqueue_send = lambda *a, **k: die()
    elif step == "after_running":
        n._claim = lambda *a, **k: die()
    elif step == "after_claim":
        n.deliver = lambda row: die()
    elif step == "after_send":
        real = n.deliver

        def deliver_then_die(row):  # type: ignore[no-untyped-def]
            real(row)
            die()

        n.deliver = deliver_then_die


def web(prefix: str, count: int) -> None:
    from django.db import transaction

    from danvan.core.notifications import notification_enqueue

    for i in range(count):
        with transaction.atomic():
            notification_enqueue(
                channel="sms",
                recipient="0912345678",
                template="dossier.received",
                body=f"Tin {i}",
                idempotency_key=f"{prefix}-{i}",
            )
        print(f"ack {prefix}-{i}", flush=True)


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    role, step = sys.argv[1], sys.argv[2]
    arm(step)
    if role == "web":
        web(sys.argv[3], int(sys.argv[4]))
    else:
        from django.core.management import call_command

        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")


if __name__ == "__main__":
    main()
