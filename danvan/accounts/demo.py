"""Demo accounts for Thái Nguyên (fixed, documented passwords: this is demo data only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from danvan.accounts.models import OfficerProfile
from danvan.accounts.roles import PROVINCE_ROLES, Organisation, Role
from danvan.accounts.services import membership_add, officer_create
from danvan.territory.models import Province, Unit

DEMO_PASSWORD = "danvan-demo"
ADMIN_PASSWORD = "danvan-admin"
PROVINCE = "19"  # Thái Nguyên (with the former Bắc Kạn since 1/7/2025)
BAC_KAN = "01843"  # Phường Bắc Kạn
CHO_DON = "02020"  # Xã Chợ Đồn (took in the former Bằng Lũng town and nearby communes)

# (username, full name, role, unit or province code[, organisation of a front member])
ACCOUNTS: list[tuple[str, str, Role, str] | tuple[str, str, Role, str, str]] = [
    ("motcua.backan", "Hoàng Thị Mai", Role.ONE_STOP, BAC_KAN),
    ("chuyenvien.backan", "Nông Văn Hùng", Role.SPECIALIST, BAC_KAN),
    ("lanhdao.backan", "Lý Văn Thắng", Role.LEADER, BAC_KAN),
    ("mttq.backan", "Triệu Thị Hoa", Role.FRONT, BAC_KAN),
    ("phunu.backan", "Hoàng Thị Thảo", Role.FRONT, BAC_KAN, Organisation.WOMEN),
    ("bithu.backan", "Nông Quốc Hưng", Role.PARTY_SECRETARY, BAC_KAN),
    ("thanhtra.backan", "Ma Văn Sơn", Role.INSPECTION_BOARD, BAC_KAN),
    ("truongthon.backan", "Hà Văn Bình", Role.VILLAGE_HEAD, BAC_KAN),
    ("motcua.chodon", "Lục Thị Thu", Role.ONE_STOP, CHO_DON),
    ("lanhdao.chodon", "Dương Văn Quân", Role.LEADER, CHO_DON),
    ("tinh.thainguyen", "Đặng Thị Lan", Role.PROVINCE_VIEWER, PROVINCE),
]


def _place(role: Role, code: str) -> tuple[Unit | None, Province | None]:
    if role in PROVINCE_ROLES:
        return None, Province.objects.get(code=code)
    return Unit.objects.get(code=code), None


def seed(stdout: Any) -> None:
    """Create the demo accounts if missing (idempotent) and print their table."""
    if not Unit.objects.filter(code=BAC_KAN).exists():
        call_command("load_territory", stdout=stdout)
    model = get_user_model()
    with transaction.atomic():
        admin = model.objects.filter(username="admin").first()
        if admin is None:
            admin, _pw, _c = officer_create(
                username="admin",
                full_name="Quản trị hệ thống",
                password=ADMIN_PASSWORD,
                must_change_password=False,
            )
        if not (admin.is_superuser and admin.is_staff):
            admin.is_superuser = admin.is_staff = True
            admin.save(update_fields=["is_superuser", "is_staff"])
        for username, full_name, role, code, *organisation in ACCOUNTS:
            exists = model.objects.filter(username=username).first()
            user = (
                exists
                or officer_create(
                    username=username,
                    full_name=full_name,
                    password=DEMO_PASSWORD,
                    must_change_password=False,  # documented demo passwords
                )[0]
            )
            unit, province = _place(role, code)
            membership_add(
                user=user,
                role=role,
                unit=unit,
                province=province,
                organisation="".join(organisation),
            )
        if not settings.DEBUG:
            _force_password_change(model)
    stdout.write(table())


def _force_password_change(model: Any) -> None:
    """Outside development (``seed_demo --allow-production``) a published password must not
    outlive the first sign-in: every demo account still using one is flagged."""
    usernames = ["admin", *(username for username, *_rest in ACCOUNTS)]
    for user in model.objects.filter(username__in=usernames):
        if user.check_password(ADMIN_PASSWORD) or user.check_password(DEMO_PASSWORD):
            OfficerProfile.objects.update_or_create(
                user=user, defaults={"must_change_password": True}
            )


def table() -> str:
    """The demo accounts as a Markdown table (the README lists the same)."""
    names = dict(Unit.objects.filter(code__in=[BAC_KAN, CHO_DON]).values_list("code", "name"))
    lines = [
        "| tên đăng nhập | mật khẩu | vai trò | đơn vị |",
        "|---|---|---|---|",
        f"| admin | {ADMIN_PASSWORD} | superuser | — |",
    ]
    for username, _name, role, code, *organisation in ACCOUNTS:
        where = (
            f"{names.get(code, code)} ({code})"
            if role not in PROVINCE_ROLES
            else f"Tỉnh Thái Nguyên ({code})"
        )
        of = f" ({organisation[0]})" if organisation else ""
        lines.append(f"| {username} | {DEMO_PASSWORD} | {role.value}{of} | {where} |")
    return "\n".join(lines) + "\n"
