"""Load provinces, communes and the pre-2025 units from vietnam-provinces (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.territory.loader import territory_load


class Command(BaseCommand):
    help = "Load the 34 provinces, 3,321 communes and the pre-2025 units with their succession."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Compare and upsert even if this data version was already loaded.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = territory_load(force=options["force"])
        elapsed = time.perf_counter() - started
        counts = ", ".join(f"{k}={v}" for k, v in result.counts.items())
        if result.skipped:
            self.stdout.write(
                f"load_territory: data {result.data_version} already loaded ({counts}); "
                f"skipped in {elapsed:.2f}s (use --force to compare again)"
            )
            return
        changes = "; ".join(
            f"{table}: " + ", ".join(f"{k} {v}" for k, v in values.items())
            for table, values in result.changes.items()
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"load_territory: vietnam-provinces {result.package_version} "
                f"(data {result.data_version}) loaded in {elapsed:.2f}s — {counts}"
            )
        )
        self.stdout.write(f"  changes — {changes}")
