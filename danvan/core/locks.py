"""Serialise writers of the same derived rows across processes.

Recomputations that delete a slice of rows and insert it again (a month's indicator values, a
province-month's index, a month's findings) race when two processes do the same slice at once:
each deletes what it saw, both insert, and the second meets the unique key. Inside the writer's
transaction, ``hold(name)`` takes a PostgreSQL advisory lock on ``name`` until commit, so the
second waits and then replaces the first's rows. SQLite serialises writers by itself.
"""

from __future__ import annotations

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper


def hold(name: str, connection: BaseDatabaseWrapper | None = None) -> None:
    """Take the transaction-level lock called ``name`` (call inside ``transaction.atomic``)
    on ``connection`` (the default database when None)."""
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [name])
