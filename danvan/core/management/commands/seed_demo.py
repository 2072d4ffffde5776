"""Create the demo data every app registers (idempotent): ``python manage.py seed_demo``."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.core.registry import registries


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu cho Thái Nguyên (chạy lại không nhân đôi) / Create demo data."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--only", nargs="*", help="keys of the seeders to run")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        seeders = sorted(registries.demo_seeders, key=lambda s: (s.order, s.key))
        only = set(options.get("only") or [])
        for seeder in seeders:
            if only and seeder.key not in only:
                continue
            self.stdout.write(f"· {seeder.key}")
            seeder.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu đã sẵn sàng / demo data ready."))
