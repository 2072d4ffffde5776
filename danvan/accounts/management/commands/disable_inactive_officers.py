"""Disable officers' accounts unused for 45 days (run daily from cron or the task clock)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts.services import officers_disable_inactive


class Command(BaseCommand):
    help = "Disable accounts not used for DAYS days (default 45); superusers are left alone."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=45)
        parser.add_argument("--dry-run", action="store_true", help="only list the accounts")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 1:
            raise CommandError("--days phải là số nguyên dương.")
        names = officers_disable_inactive(days=options["days"], dry_run=options["dry_run"])
        verb = "Sẽ khóa" if options["dry_run"] else "Đã khóa"
        self.stdout.write(f"{verb} {len(names)} tài khoản không dùng quá {options['days']} ngày.")
        for name in names:
            self.stdout.write(f"  {name}")
