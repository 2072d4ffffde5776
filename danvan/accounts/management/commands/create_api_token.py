"""Issue an API token for an officer; the token is the last word of the output."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from danvan.accounts.auth import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from danvan.accounts.services import api_token_create, normalize_username


class Command(BaseCommand):
    help = "Create a Bearer token for USERNAME. The token is printed once, as the last word."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--label", default="", help="what the token is for")
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_TOKEN_DAYS,
            help=f"days the token works (default {DEFAULT_TOKEN_DAYS}, at most {MAX_TOKEN_DAYS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        model = get_user_model()
        raw = options["username"].strip()
        user = (
            model.objects.filter(username=raw).first()
            or model.objects.filter(username=normalize_username(raw)).first()
        )
        if user is None:
            raise CommandError(f"Không có người dùng “{raw}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{raw}” đã bị khóa.")
        days = options["days"]
        if not 1 <= days <= MAX_TOKEN_DAYS:
            raise CommandError(
                f"--days phải từ 1 đến {MAX_TOKEN_DAYS} / must be 1..{MAX_TOKEN_DAYS}."
            )
        label = options["label"] or "command line"
        token, plaintext = api_token_create(user=user, label=label, days=days)
        expires = timezone.localtime(token.expires_at).strftime("%d/%m/%Y")
        self.stdout.write(
            f"Khóa API cho {user.get_username()}, dùng được đến {expires} "
            f"(lưu lại ngay, sẽ không hiện lại): {plaintext}"
        )
