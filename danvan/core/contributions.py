"""What core contributes to the shared registries: the notification sweep, the yearly
partitions created ahead."""

from __future__ import annotations

from danvan.core.registry import PeriodicJob, registries


def register() -> None:
    # The outbox row is the truth: the sweep sends whatever is due, whatever happened to
    # the task that was queued for it (a worker killed between commit and send).
    registries.periodic_jobs.register(
        "core.notifications", PeriodicJob("core.notifications", "send_notifications", 60)
    )
    # Next years' partitions of the append-only tables (PostgreSQL; a no-op on SQLite).
    # Daily although a year's partition is needed once a year: idempotent and one catalogue
    # query when there is nothing to do, and a missed run never matters.
    registries.periodic_jobs.register(
        "core.partitions", PeriodicJob("core.partitions", "create_partitions", 86400)
    )
