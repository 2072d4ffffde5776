"""``python manage.py restore FOLDER --yes``: replace the database and uploads with a backup."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Khôi phục CSDL và tệp đính kèm từ bản sao lưu (ghi đè dữ liệu hiện có) / Restore "
        "the database and the uploads from a backup (overwrites the current data)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder")
        parser.add_argument("--yes", action="store_true", help="I know the data is replaced.")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        if not (folder / "manifest.json").is_file():
            raise CommandError(f"{folder} is not a danvan backup (no manifest.json)")
        if not options["yes"]:
            raise CommandError("restoring replaces the current data: add --yes")
        with tempfile.TemporaryDirectory() as work:
            try:
                manifest = backup_restore(folder=folder, work=Path(work))
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {folder} (made {manifest['created_at']})")
        if not manifest["keys_match"]:
            self.stderr.write(
                "WARNING: DANVAN_ENCRYPTION_KEYS lacks a key this backup was made with; "
                "denouncers' identities cannot be read until it is added back."
            )
