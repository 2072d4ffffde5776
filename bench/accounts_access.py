"""Accounts figures: access checks, bearer-token requests, the login throttle, officer import.

Run: .venv/bin/python bench/accounts_access.py  (uses a throw-away SQLite database unless
DATABASE_URL is set; then it uses that database's test copy via Django's test runner setup).
"""

from __future__ import annotations

import io
import time

from _common import run, test_database, timed

old_name = test_database()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from openpyxl import Workbook

    from danvan.accounts import access, throttle
    from danvan.accounts.auth import api_token_create, user_for_token
    from danvan.accounts.importing import officers_import_file
    from danvan.accounts.roles import Role
    from danvan.accounts.services import membership_add, officer_create
    from danvan.territory.models import Province, Unit

    province = Province.objects.create(
        code="19", name="Tỉnh Thái Nguyên", division_type="tỉnh", codename="tn"
    )
    units = Unit.objects.bulk_create(
        Unit(code=f"9{i:04d}", name=f"Xã {i}", kind="xa", codename=f"xa_{i}", province=province)
        for i in range(92)
    )
    user, _, _ = officer_create(username="alice", password="x")
    for role in (Role.ONE_STOP, Role.SPECIALIST, Role.LEADER):
        membership_add(user=user, role=role, unit=units[0])
    viewer, _, _ = officer_create(username="tinh", password="x")
    membership_add(user=viewer, role=Role.PROVINCE_VIEWER, province=province)
    model = get_user_model()

    def fresh(name: str):  # a new user object, as each request loads one
        return model.objects.get(username=name)

    with CaptureQueriesContext(connection) as ctx:
        u = fresh("alice")
        access.roles_for(u)
        access.has_role(u, units[0], Role.LEADER)
        access.can_read_unit(u, units[1])
        list(access.units_for_user(u))
    print(
        f"queries for user + roles + has_role + can_read + units list: {len(ctx.captured_queries)}"
    )
    timed(
        "has_role (cold user object: loads memberships)",
        500,
        lambda: access.has_role(fresh("alice"), units[0], Role.LEADER),
    )
    warm = fresh("alice")
    timed(
        "has_role (memberships cached on the user)",
        20000,
        lambda: access.has_role(warm, units[0], Role.LEADER),
    )
    timed(
        "units_for_user(province viewer) evaluated (92 units)",
        500,
        lambda: len(access.units_for_user(fresh("tinh"))),
    )

    _, token = api_token_create(user=user, label="bench")
    timed("user_for_token (digest lookup)", 2000, lambda: user_for_token(token))
    client = Client()
    header = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    timed(
        "GET /api/v1/me with a bearer token (full request)",
        500,
        lambda: client.get("/api/v1/me", **header),
    )

    limits = {
        throttle.key_for("login-user", "alice"): 5,
        throttle.key_for("login-ip", "10.0.0.1"): 20,
    }
    timed("throttle.locked (LocMem cache)", 20000, lambda: throttle.locked(limits))

    for rows, hasher in ((100, "md5"), (1000, "md5"), (20, "pbkdf2")):
        if hasher == "pbkdf2":
            from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

            settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
            get_hashers.cache_clear()
            get_hashers_by_algorithm.cache_clear()
        wb = Workbook()
        ws = wb.active
        ws.append(["ten_dang_nhap", "ho_ten", "email", "dien_thoai", "ma_don_vi", "vai_tro"])
        for i in range(rows):
            ws.append(
                [f"cb{rows}{hasher}.{i}", f"Cán bộ {i}", "", "", units[i % 92].code, "one_stop"]
            )
        buf = io.BytesIO()
        wb.save(buf)
        start = time.perf_counter()
        result = officers_import_file(buf.getvalue(), "can_bo.xlsx")
        elapsed = time.perf_counter() - start
        print(
            f"import_officers {rows:>5} new officers, {hasher} hasher: {elapsed:6.2f} s"
            f"  ({len(result.created_users)} created)"
        )


if __name__ == "__main__":
    run(main, old_name)
