"""What core contributes to the shared registries: the notification sweep."""

from __future__ import annotations

from danvan.core.registry import PeriodicJob, registries


def register() -> None:
    # The outbox row is the truth: the sweep sends whatever is due, whatever happened to
    # the task that was queued for it (a worker killed between commit and send).
    registries.periodic_jobs.register(
        "core.notifications", PeriodicJob("core.notifications", "send_notifications", 60)
    )
