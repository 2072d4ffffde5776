"""Running test code truly at once, for the races that only PostgreSQL shows (double
submits, two officers on one row, votes).

``POSTGRES_CONCURRENCY`` is the ``pytestmark`` of such a module: transactional tests that
skip on SQLite, whose single writer would serialise the race away. ``run_together`` starts
the callables on their own threads, lets them go at one barrier and gives back what each
returned or raised."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import close_old_connections, connection

POSTGRES_CONCURRENCY = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="true concurrency needs PostgreSQL (SQLite serialises writers)",
    ),
]


def run_together(*targets: Callable[[], Any], timeout: float = 30) -> list[Any]:
    """Each target's result, or the exception it raised (the outcome is what the test
    checks), in the targets' order. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(targets))
    results: list[Any] = [None] * len(targets)

    def wrap(i: int, fn: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = fn()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=wrap, args=(i, fn)) for i, fn in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return results
