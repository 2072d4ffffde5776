"""Create the demo data every app registers (idempotent): ``python manage.py seed_demo``."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from danvan.core.registry import registries


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu cho Thái Nguyên (chạy lại không nhân đôi) / Create demo data."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--only", nargs="*", help="keys of the seeders to run")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help=(
                "load demo data with DEBUG off (a training server); every demo account must "
                "then change its published password at first sign-in"
            ),
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        # The demo accounts' passwords are published in the README: on a real server whoever
        # signed in first would own the admin account and its second factor.
        if not settings.DEBUG and not options.get("allow_production"):
            raise CommandError(
                "DEBUG đang tắt (máy chủ thật): không tạo dữ liệu mẫu. Nếu đây là máy chủ tập "
                "huấn, chạy lại với --allow-production. / DEBUG is off (a production server): "
                "no demo data is created. On a training server, run again with "
                "--allow-production."
            )
        seeders = sorted(registries.demo_seeders, key=lambda s: (s.order, s.key))
        only = set(options.get("only") or [])
        for seeder in seeders:
            if only and seeder.key not in only:
                continue
            self.stdout.write(f"· {seeder.key}")
            seeder.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu đã sẵn sàng / demo data ready."))
