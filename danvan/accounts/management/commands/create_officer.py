"""Create an officer (or add a role to an existing one): idempotent."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from danvan.accounts.roles import Role
from danvan.accounts.services import (
    check_username,
    membership_add,
    normalize_username,
    officer_create,
    parse_role,
    resolve_place,
)


class Command(BaseCommand):
    help = (
        "Create officer USERNAME with ROLE in unit CODE (a commune code, or a province code "
        "for province_viewer). Adds the role to an existing user; running it twice changes "
        "nothing. Prints the generated password when a new user gets none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--unit", required=True, help="commune code (01843) or province code (19)"
        )
        parser.add_argument("--role", required=True, help=", ".join(Role.values))
        parser.add_argument(
            "--password",
            help="set (or, for an existing user, change) the password; generated if omitted",
        )
        parser.add_argument("--full-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        username = normalize_username(options["username"])
        try:
            check_username(username)
            role = parse_role(options["role"])
            unit, province = resolve_place(role, options["unit"])
            if options["password"] is not None:
                validate_password(options["password"])
            # One transaction: a failure after the user is created leaves no user behind.
            with transaction.atomic():
                user, generated, created = officer_create(
                    username=username,
                    full_name=options["full_name"],
                    email=options["email"],
                    phone=options["phone"],
                    password=options["password"],
                    unit_code=unit.code if unit else "",
                )
                _, added = membership_add(user=user, role=role, unit=unit, province=province)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        place = unit or province
        self.stdout.write(
            f"{'Đã tạo' if created else 'Đã có'} cán bộ {username}; vai trò {role.value} tại "
            f"{place} ({'mới thêm' if added else 'đã có'})."
        )
        if generated:
            self.stdout.write(f"Mật khẩu (chỉ hiện một lần): {generated}")
