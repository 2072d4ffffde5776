"""Import officers and their roles from an XLSX/CSV sheet: all rows or none."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts.importing import COLUMNS, OfficersImportError, officers_import_file


class Command(BaseCommand):
    help = (
        "Import officers from FILE.xlsx (columns "
        + ", ".join("/".join(aliases[:1] + aliases[-1:]) for aliases in COLUMNS.values())
        + "); one row per role. Nothing is written if any row is wrong; every bad row is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--passwords-out",
            help="write generated passwords to this CSV file instead of printing them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{path}”.")
        try:
            with path.open("rb") as fh:
                result = officers_import_file(fh, path.name)
        except OfficersImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Không nhập gì: {len(exc.errors)} lỗi trong tệp “{path.name}”."
            ) from exc
        self.stdout.write(
            f"Đã nhập: {len(result.created_users)} cán bộ mới, "
            f"{result.memberships_added} vai trò mới, {result.memberships_existing} vai trò đã có."
        )
        if not result.passwords:
            return
        if options["passwords_out"]:
            out = Path(options["passwords_out"])
            with out.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(["ten_dang_nhap", "mat_khau"])
                writer.writerows(sorted(result.passwords.items()))
            out.chmod(0o600)
            self.stdout.write(f"Mật khẩu của cán bộ mới đã ghi vào {out}.")
        else:
            self.stdout.write("Mật khẩu của cán bộ mới (chỉ hiện một lần):")
            for username, password in sorted(result.passwords.items()):
                self.stdout.write(f"  {username}\t{password}")
