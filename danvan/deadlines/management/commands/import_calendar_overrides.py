"""Import calendar overrides (days off, working days) from a CSV or XLSX file, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.deadlines.overrides_io import parse_overrides
from danvan.deadlines.services import overrides_import


class Command(BaseCommand):
    help = "Import calendar overrides: columns ngay (dd/mm/yyyy), loai, ten, so_van_ban."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        parsed = parse_overrides(path.read_bytes(), path.name)
        if parsed.errors:
            raise CommandError("\n".join(parsed.errors))
        done = overrides_import(actor=None, rows=parsed.rows)
        self.stdout.write(f"Imported {len(done)} calendar overrides.")
