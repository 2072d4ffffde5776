"""``python manage.py backup [--to DIR]``: a consistent copy of the database and the uploads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from danvan.core.backup import backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu CSDL và tệp đính kèm (không kèm khóa mã hóa danh tính) / Back up the "
        "database and the uploaded files (never the identity keys)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--to", default=str(Path(settings.VAR_DIR) / "backups"))

    def handle(self, *args: Any, **options: Any) -> None:
        result = backup_create(destination=Path(options["to"]))
        size = sum(p["bytes"] for p in result.manifest["parts"].values())
        state = "encrypted" if result.manifest["encrypted"] else "NOT encrypted"
        self.stdout.write(f"{result.folder} ({size} bytes, {state})")
