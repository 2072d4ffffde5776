"""Yearly range partitions of the large append-only tables, on PostgreSQL only.

A partitioned table here is partitioned ``BY RANGE`` on one date or timestamp column, with
one partition a year named ``<table>_y<YYYY>`` (years in Vietnam's time: a timestamp column's
bounds are midnight of 1 January in Asia/Ho_Chi_Minh) and a ``<table>_default`` partition
that catches anything outside the years created, so an insert never fails because nobody ran
``create_partitions`` in time. ``partitions_ensure`` (the ``create_partitions`` command, run
daily by ``run_periodic``) creates the coming years ahead and gives every year the default
partition holds rows of (old history imported late) its own partition, moving the rows in the
same transaction.

Migrations turn an existing plain table into a partitioned one with ``partition_table`` (and
back with ``unpartition_table``); both are no-ops on SQLite, which stays unpartitioned. The
primary key becomes ``(id, <column>)`` — PostgreSQL wants the partition key in every unique
index — which changes nothing for Django: ids still come from the one identity sequence. A
table that another table's foreign key points to, or that needs a unique key without the
date (``Case.code``, the outbox's idempotency key), stays whole (docs/deployment.md).

Partitioned tables are found in the catalogue (``pg_partitioned_table``), so the command
needs no list of apps' tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from danvan.core.locks import hold

TIME_ZONE = "Asia/Ho_Chi_Minh"
# Years before this one given a partition when a table is converted: the evaluation reads 24
# months back, and imported history of the last years lands in its own partition. Older rows
# wait in the default partition until the next ``create_partitions`` gives them theirs.
HISTORY_YEARS = 2


@dataclass(frozen=True)
class PartitionedTable:
    table: str
    column: str
    column_type: str  # "date" or "timestamp with time zone"
    years: tuple[int, ...]  # years that have their own partition
    default_rows: int | None = None  # rows in the default partition (when counted)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _bound(year: int, column_type: str) -> str:
    if column_type == "date":
        return f"'{year}-01-01'"
    return f"'{year}-01-01 00:00:00 {TIME_ZONE}'"


def _column_type(cursor, table: str, column: str) -> str:  # type: ignore[no-untyped-def]
    cursor.execute(
        "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
        "WHERE a.attrelid = %s::regclass AND a.attname = %s",
        [table, column],
    )
    return cursor.fetchone()[0]


def _identity_after_max(cursor, table: str) -> None:  # type: ignore[no-untyped-def]
    sql = "SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT max(id) FROM {}), 0) + 1, false)"  # noqa: E501, S608
    cursor.execute(sql.format(_q(table)), [table])


def partitioned_tables(connection: BaseDatabaseWrapper) -> list[PartitionedTable]:
    """The tables partitioned by yearly range in this database, with their yearly partitions."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_partitioned_table p
            JOIN pg_class c ON c.oid = p.partrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
            WHERE p.partstrat = 'r' AND p.partnatts = 1
            ORDER BY c.relname
            """
        )
        tables = cursor.fetchall()
        out = []
        for table, column, column_type in tables:
            cursor.execute(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = %s::regclass",
                [table],
            )
            prefix = f"{table}_y"
            years = sorted(
                int(name[len(prefix) :])
                for (name,) in cursor.fetchall()
                if name.startswith(prefix) and name[len(prefix) :].isdigit()
            )
            out.append(PartitionedTable(table, column, column_type, tuple(years)))
        return out


def _create_year(cursor, table: str, column: str, column_type: str, year: int) -> bool:  # type: ignore[no-untyped-def]
    """Create ``<table>_y<year>``, moving the year's rows out of the default partition first
    (PostgreSQL refuses a new partition while the default one holds rows of its range)."""
    name = f"{table}_y{year}"
    cursor.execute("SELECT to_regclass(%s)", [name])
    if cursor.fetchone()[0] is not None:
        return False
    low, high = _bound(year, column_type), _bound(year + 1, column_type)
    default = f"{table}_default"
    cursor.execute("SELECT to_regclass(%s)", [default])
    has_default = cursor.fetchone()[0] is not None
    moved = False
    if has_default:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {_q(default)} "  # noqa: S608 — names from the catalogue
            f"WHERE {_q(column)} >= {low} AND {_q(column)} < {high})"
        )
        moved = cursor.fetchone()[0]
    if not moved:
        cursor.execute(
            f"CREATE TABLE {_q(name)} PARTITION OF {_q(table)} FOR VALUES FROM ({low}) TO ({high})"
        )
        return True
    # Detach the default, carry the year's rows over, attach both back. All in the caller's
    # transaction: readers see either the old layout or the new one.
    cursor.execute(f"ALTER TABLE {_q(table)} DETACH PARTITION {_q(default)}")
    cursor.execute(
        f"CREATE TABLE {_q(name)} PARTITION OF {_q(table)} FOR VALUES FROM ({low}) TO ({high})"
    )
    cursor.execute(
        f"WITH moved AS (DELETE FROM {_q(default)} "  # noqa: S608 — names from the catalogue
        f"WHERE {_q(column)} >= {low} AND {_q(column)} < {high} RETURNING *) "
        f"INSERT INTO {_q(table)} SELECT * FROM moved"
    )
    cursor.execute(f"ALTER TABLE {_q(table)} ATTACH PARTITION {_q(default)} DEFAULT")
    return True


def partitions_ensure(
    connection: BaseDatabaseWrapper, *, years_ahead: int = 2, today: date | None = None,
    from_year: int | None = None,
) -> list[str]:  # fmt: skip
    """Create the yearly partitions missing up to ``years_ahead`` years after this one (and
    from ``from_year`` when given) for every yearly-partitioned table; returns the names
    created. Idempotent, and safe to run from several machines at once (advisory lock)."""
    if connection.vendor != "postgresql":
        return []
    this_year = (today or timezone.localdate()).year
    created = []
    for info in partitioned_tables(connection):
        # This year (or ``from_year``) to the years ahead; and any year the default partition
        # holds rows of gets its own partition (the rows move), without filling the years
        # between with empty ones.
        first = min(this_year, from_year or this_year)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            hold("create_partitions", connection)  # concurrent runs wait for each other
            years = set(range(first, this_year + years_ahead + 1))
            years |= _years_in_default(cursor, info.table, info.column, info.column_type)
            for year in sorted(years):
                if _create_year(cursor, info.table, info.column, info.column_type, year):
                    created.append(f"{info.table}_y{year}")
    return created


def _years_in_default(cursor, table: str, column: str, column_type: str) -> set[int]:  # type: ignore[no-untyped-def]
    default = f"{table}_default"
    cursor.execute("SELECT to_regclass(%s)", [default])
    if cursor.fetchone()[0] is None:
        return set()
    local = _q(column) if column_type == "date" else f"({_q(column)} AT TIME ZONE '{TIME_ZONE}')"
    cursor.execute(f"SELECT DISTINCT extract(year FROM {local})::int FROM {_q(default)}")  # noqa: S608
    return {row[0] for row in cursor.fetchall()}


def partition_table(
    schema_editor, table: str, column: str, *, years_ahead: int = 2,  # type: ignore[no-untyped-def]
) -> None:  # fmt: skip
    """Turn the plain ``table`` into one partitioned by year on ``column`` (PostgreSQL only;
    a migration's ``RunPython``). Rows are copied over; indexes, check and foreign-key
    constraints keep their names; the primary key becomes ``(id, column)``; the identity
    sequence carries on after the largest id. Partitions: one per year from the oldest row's
    year (at most ``HISTORY_YEARS`` before this one when the table is empty or young) to
    ``years_ahead`` years after this one, and the default one."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    old = f"{table}__whole"
    with connection.cursor() as cursor:
        column_type = _column_type(cursor, table, column)
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s AND indexname NOT IN (SELECT conname FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('p', 'u'))",
            [table, table],
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        if cursor.fetchall():
            raise ValueError(f"{table} has a unique constraint without {column}: keep it whole")
        cursor.execute(f"SELECT min({_q(column)}) FROM {_q(table)}")  # noqa: S608
        oldest = cursor.fetchone()[0]
        cursor.execute(f"ALTER TABLE {_q(table)} RENAME TO {_q(old)}")
        cursor.execute(
            f"CREATE TABLE {_q(table)} (LIKE {_q(old)} INCLUDING DEFAULTS INCLUDING IDENTITY "
            f"INCLUDING CONSTRAINTS INCLUDING STORAGE) PARTITION BY RANGE ({_q(column)})"
        )
        cursor.execute(f"CREATE TABLE {_q(table + '_default')} PARTITION OF {_q(table)} DEFAULT")
        this_year = timezone.localdate().year
        if isinstance(oldest, datetime):  # the year in Vietnam, as the bounds are
            oldest = oldest.astimezone(ZoneInfo(TIME_ZONE))
        first = min(oldest.year, this_year - HISTORY_YEARS) if oldest else this_year - HISTORY_YEARS
        for year in range(first, this_year + years_ahead + 1):
            _create_year(cursor, table, column, column_type, year)
        # Copy before the indexes exist (one sort per index afterwards instead of row by row).
        cursor.execute(f"INSERT INTO {_q(table)} SELECT * FROM {_q(old)}")  # noqa: S608
        cursor.execute(f"DROP TABLE {_q(old)}")
        cursor.execute(
            f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(table + '_pkey')} "
            f"PRIMARY KEY (id, {_q(column)})"
        )
        for definition in indexes:  # read before the rename: they name the table itself
            cursor.execute(definition)
        for name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
        _identity_after_max(cursor, table)
        cursor.execute(f"ANALYZE {_q(table)}")


def unpartition_table(schema_editor, table: str, column: str) -> None:  # type: ignore[no-untyped-def]
    """The reverse of ``partition_table``: one plain table again, same names, ``id`` alone
    as the primary key."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    old = f"{table}__parts"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s AND indexname <> %s",
            [table, f"{table}_pkey"],
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' AND conparentid = 0",
            [table],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(f"ALTER TABLE {_q(table)} RENAME TO {_q(old)}")
        cursor.execute(
            f"CREATE TABLE {_q(table)} (LIKE {_q(old)} INCLUDING DEFAULTS INCLUDING IDENTITY "
            f"INCLUDING CONSTRAINTS INCLUDING STORAGE)"
        )
        cursor.execute(f"INSERT INTO {_q(table)} SELECT * FROM {_q(old)}")  # noqa: S608
        cursor.execute(f"DROP TABLE {_q(old)} CASCADE")
        cursor.execute(
            f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(table + '_pkey')} PRIMARY KEY (id)"
        )
        for definition in indexes:
            cursor.execute(definition.replace(" ON ONLY ", " ON ", 1))
        for name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
        _identity_after_max(cursor, table)
