"""Issue an API token for an officer; the token is the last word of the output."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts.services import api_token_create, normalize_username


class Command(BaseCommand):
    help = "Create a Bearer token for USERNAME. The token is printed once, as the last word."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--label", default="", help="what the token is for")

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
        label = options["label"] or "command line"
        _, plaintext = api_token_create(user=user, label=label)
        self.stdout.write(
            f"Khóa API cho {user.get_username()} (lưu lại ngay, sẽ không hiện lại): {plaintext}"
        )
