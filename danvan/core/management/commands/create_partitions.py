"""``python manage.py create_partitions [--years-ahead 2] [--from-year YYYY]``.

Creates the yearly partitions still missing for every table partitioned by year (PostgreSQL;
nothing to do on SQLite), from the oldest year present (or ``--from-year``) to
``--years-ahead`` years after this one. Idempotent and safe from several machines at once;
``run_periodic`` runs it daily, so a new year's partition exists long before its first row.
Rows already sitting in a table's default partition for a year being created are moved into
it (``--from-year`` after importing old history).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from danvan.core.partitions import partitioned_tables, partitions_ensure


class Command(BaseCommand):
    help = "Tạo trước các phân vùng theo năm / Create the yearly partitions ahead (PostgreSQL)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--years-ahead", type=int, default=2)
        parser.add_argument("--from-year", type=int, default=None)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 <= options["years_ahead"] <= 20:
            raise CommandError("--years-ahead must be between 0 and 20")
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            self.stdout.write(f"{connection.vendor}: tables are not partitioned, nothing to do")
            return
        created = partitions_ensure(
            connection, years_ahead=options["years_ahead"], from_year=options["from_year"]
        )
        for name in created:
            self.stdout.write(f"created {name}")
        tables = partitioned_tables(connection)
        for info in tables:
            years = f"{info.years[0]}–{info.years[-1]}" if info.years else "none"
            self.stdout.write(f"{info.table}: yearly partitions {years}, plus the default")
        if not created:
            self.stdout.write("nothing to create")
