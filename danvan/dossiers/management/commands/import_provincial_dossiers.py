"""Import an export of the provincial one-stop system for one commune (docs/domain.md §10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.dossiers.services import provincial_import
from danvan.territory.models import Unit


class Command(BaseCommand):
    help = (
        "Nhập hồ sơ xuất từ hệ thống một cửa của tỉnh (.csv, .xlsx, .json) cho một xã; có dòng "
        "lỗi thì không nhập gì. / Import dossiers exported by the provincial one-stop system "
        "for one commune; nothing is written if any row is bad."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="Mã xã, phường (đơn vị sau 1/7/2025).")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["unit"].strip().zfill(5)
        # Unit holds the communes in force since 1/7/2025 only (old units live elsewhere),
        # so a code reused across the reform cannot pick an old commune here.
        unit = Unit.objects.select_related("province").filter(code=code).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy xã, phường mã {code}.")
        path = Path(options["file"])
        try:
            with path.open("rb") as handle:
                result = provincial_import(unit=unit, file=handle, filename=path.name)
        except OSError as exc:
            raise CommandError(f"Không mở được tệp {path}: {exc.strerror}") from exc
        label = "bản ghi" if result.is_json else "dòng"
        for issue in result.errors:
            column = f", {issue.column}" if issue.column else ""
            self.stderr.write(f"{label} {issue.row}{column}: {issue.message}")
        if not result.ok:
            raise CommandError(f"Không nhập gì: {len(result.errors)} lỗi trong tệp {path.name}.")
        for issue in result.notes:
            column = f", {issue.column}" if issue.column else ""
            self.stdout.write(f"{label} {issue.row}{column}: {issue.message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{unit.name}: {result.created} hồ sơ mới, {result.updated} cập nhật, "
                f"{result.unchanged} không đổi (created {result.created}, updated "
                f"{result.updated}, unchanged {result.unchanged})."
            )
        )
