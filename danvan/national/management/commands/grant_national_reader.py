"""``python manage.py grant_national_reader USERNAME [--revoke]``: make the account a national
reader (created if missing, token-only), who may read every province's monthly indicator rows
through ``GET /api/v1/evaluation/monthly`` and the national page; then issue its token with
``create_api_token USERNAME``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.national.services import national_reader_set


class Command(BaseCommand):
    help = (
        "Cấp (hoặc thu hồi) quyền đọc số liệu toàn quốc / Grant (or revoke) the national "
        "reader permission."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = national_reader_set(username=options["username"], allowed=not options["revoke"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        if options["revoke"]:
            self.stdout.write(f"Đã thu hồi quyền của {user.get_username()} / Revoked.")
        else:
            self.stdout.write(
                f"{user.get_username()} đọc được số liệu hằng tháng của mọi tỉnh / is a "
                "national reader."
            )
