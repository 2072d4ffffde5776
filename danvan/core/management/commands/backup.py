"""``python manage.py backup [--to DIR] [--plaintext]``: a consistent copy of the database and
the uploads.

A backup carries citizens' personal data, so in production (``DEBUG=0``) it is encrypted
with ``DANVAN_BACKUP_KEY`` or not written at all: without the key the command refuses unless
``--plaintext`` says the clear copy is meant (e.g. onto an encrypted disk that never leaves
the building), and then it still says so loudly. In development it writes the clear copy with
the same warning.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from danvan.core.backup import backup_create

NO_KEY = (
    "Chưa đặt DANVAN_BACKUP_KEY: bản sao lưu ở môi trường vận hành phải được mã hóa. Đặt khóa "
    "(khóa Fernet, cất riêng khỏi nơi lưu bản sao) hoặc thêm --plaintext nếu thật sự muốn ghi "
    "dữ liệu không mã hóa. / DANVAN_BACKUP_KEY is not set: a production backup must be "
    "encrypted. Set the key (a Fernet key kept apart from the backups) or pass --plaintext to "
    "write the data in clear on purpose."
)
PLAINTEXT_WARNING = (
    "CẢNH BÁO: bản sao lưu KHÔNG được mã hóa (chưa đặt DANVAN_BACKUP_KEY); nó chứa dữ liệu cá "
    "nhân của người dân. / WARNING: this backup is NOT encrypted (DANVAN_BACKUP_KEY is not "
    "set) and holds citizens' personal data."
)


class Command(BaseCommand):
    help = (
        "Sao lưu CSDL và tệp đính kèm (không kèm khóa mã hóa danh tính) / Back up the "
        "database and the uploaded files (never the identity keys)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--to", default=str(Path(settings.VAR_DIR) / "backups"))
        parser.add_argument(
            "--plaintext",
            action="store_true",
            help="ghi bản không mã hóa khi chưa có DANVAN_BACKUP_KEY / write it unencrypted",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        key = os.environ.get("DANVAN_BACKUP_KEY", "")
        if key:
            try:
                Fernet(key.encode())
            except ValueError as exc:
                raise CommandError(
                    "DANVAN_BACKUP_KEY không phải khóa Fernet hợp lệ / is not a valid Fernet key "
                    "(32 url-safe base64-encoded bytes)"
                ) from exc
        elif not settings.DEBUG and not options["plaintext"]:
            raise CommandError(NO_KEY)
        if not key:
            self.stderr.write(self.style.WARNING(PLAINTEXT_WARNING))
        result = backup_create(destination=Path(options["to"]))
        size = sum(p["bytes"] for p in result.manifest["parts"].values())
        state = "encrypted" if result.manifest["encrypted"] else "NOT encrypted"
        self.stdout.write(f"{result.folder} ({size} bytes, {state})")
