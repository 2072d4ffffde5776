"""Import villages from an XLSX or CSV file: every bad row is reported, nothing is half-written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.territory.selectors import units_by_codes
from danvan.territory.services import VillageImportError, villages_import


class Command(BaseCommand):
    help = (
        "Import villages (thôn, bản, tổ dân phố) from FILE (.xlsx or .csv). Columns: ma_xa, "
        "ten, loai, so_ho, dan_so (or unit_code, name, kind, households, population)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--unit", help="Import into this commune code only (ma_xa optional).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        unit = None
        if options["unit"]:
            code = options["unit"].strip().zfill(5)
            unit = units_by_codes({code}).get(code)
            if unit is None:
                raise CommandError(f"Không tìm thấy đơn vị hành chính mã {code}.")
        try:
            with path.open("rb") as handle:
                result = villages_import(actor=None, unit=unit, file=handle, filename=path.name)
        except OSError as exc:
            raise CommandError(f"Không mở được tệp {path}: {exc.strerror}") from exc
        except VillageImportError as exc:
            for issue in exc.issues:
                where = f"dòng {issue.line}: " if issue.line else ""
                self.stderr.write(f"{where}{issue.message}")
            raise CommandError(
                f"Không nhập gì: {len(exc.issues)} lỗi trong tệp {path.name}."
            ) from exc
        per_unit = ", ".join(f"{code}: {n}" for code, n in sorted(result.by_unit.items()))
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {result.created} thôn ({per_unit})."))
