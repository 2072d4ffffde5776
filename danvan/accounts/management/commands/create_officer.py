"""Create an officer (or add a role to an existing one): idempotent."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from danvan.accounts.roles import Organisation, Role
from danvan.accounts.services import (
    check_username,
    membership_add,
    normalize_username,
    officer_create,
    parse_organisation,
    parse_role,
    resolve_place,
)


class Command(BaseCommand):
    help = (
        "Create officer USERNAME with ROLE in unit CODE (a commune code, or a province code "
        "for province roles). Adds the role to an existing user; running it twice changes "
        "nothing. --organisation (role front only) says which body a front member speaks for. Prints the generated password when a new user gets none."
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
        parser.add_argument(
            "--organisation",
            default="",
            help="for role front only: " + ", ".join(Organisation.values) + " (default front)",
        )
        parser.add_argument("--full-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        username = normalize_username(options["username"])
        try:
            check_username(username)
            role = parse_role(options["role"])
            organisation = parse_organisation(options["organisation"], role)
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
                membership, added = membership_add(
                    user=user,
                    role=role,
                    unit=unit,
                    province=province,
                    organisation=organisation,
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        place = unit or province
        of = f" ({membership.organisation})" if membership.organisation else ""
        self.stdout.write(
            f"{'Đã tạo' if created else 'Đã có'} cán bộ {username}; vai trò {role.value}{of} tại "
            f"{place} ({'mới thêm' if added else 'đã có'})."
        )
        if generated:
            self.stdout.write(f"Mật khẩu (chỉ hiện một lần): {generated}")
