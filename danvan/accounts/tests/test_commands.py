"""create_officer, create_api_token."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from danvan.accounts.models import Membership, OfficerProfile
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_create_officer_new_user_prints_password(unit_a):
    out = run(
        "create_officer",
        "Lan.NV",
        "--unit",
        unit_a.code,
        "--role",
        "one_stop",
        "--full-name",
        "Nguyễn Văn Lan",
        "--email",
        "lan@example.vn",
        "--phone",
        "0912345678",
    )
    user = User.objects.get(username="lan.nv")
    assert user.get_full_name() == "Nguyễn Văn Lan"
    assert user.email == "lan@example.vn"
    assert OfficerProfile.objects.get(user=user).phone == "0912345678"
    password = out.strip().split()[-1]
    assert "Mật khẩu" in out
    assert user.check_password(password)
    assert Membership.objects.filter(user=user, unit=unit_a, role="one_stop").count() == 1
    assert AuditEntry.objects.filter(
        action="accounts.membership.add", unit_code=unit_a.code
    ).exists()


def test_create_officer_is_idempotent_and_adds_roles(unit_a, unit_b):
    run(
        "create_officer",
        "lan",
        "--unit",
        unit_a.code,
        "--role",
        "one_stop",
        "--password",
        "Kh0ng-de-doan",
    )
    out = run("create_officer", "lan", "--unit", unit_a.code, "--role", "one_stop")
    assert "Mật khẩu" not in out
    assert User.objects.filter(username="lan").count() == 1
    assert Membership.objects.filter(user__username="lan").count() == 1
    run("create_officer", "lan", "--unit", unit_b.code, "--role", "leader")
    assert set(
        Membership.objects.filter(user__username="lan").values_list("unit__code", "role")
    ) == {
        (unit_a.code, "one_stop"),
        (unit_b.code, "leader"),
    }
    assert User.objects.get(username="lan").check_password("Kh0ng-de-doan")


def test_create_officer_province_role(province, unit_a):
    run("create_officer", "tinh", "--unit", "19", "--role", "province_viewer")
    m = Membership.objects.get(user__username="tinh")
    assert m.province == province and m.unit is None


@pytest.mark.parametrize(
    ("unit", "role", "fragment"),
    [
        ("77777", "one_stop", "77777"),
        ("99001", "mayor", "mayor"),
        ("99001", "province_viewer", "mã tỉnh"),
        ("19", "leader", "19"),
        ("abc", "leader", "abc"),
    ],
)
def test_create_officer_bad_input_writes_nothing(unit_a, unit, role, fragment):
    with pytest.raises(CommandError) as exc:
        run("create_officer", "lan", "--unit", unit, "--role", role)
    assert fragment in str(exc.value)
    assert not User.objects.filter(username="lan").exists()
    assert not Membership.objects.exists()
    assert not AuditEntry.objects.exists()


def test_create_officer_bad_username_and_weak_password(unit_a):
    with pytest.raises(CommandError, match="không hợp lệ"):
        run("create_officer", "Nguyễn Lan", "--unit", unit_a.code, "--role", "leader")
    with pytest.raises(CommandError):
        run("create_officer", "lan", "--unit", unit_a.code, "--role", "leader", "--password", "123")
    assert not User.objects.exists()


def test_create_officer_via_cli_exits_non_zero(unit_a):
    import subprocess
    import sys

    # The real command line: message on stderr, non-zero exit status (CommandError). The role
    # is checked before any query, so this touches no database.
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "create_officer",
            "xyz1",
            "--unit",
            "00000",
            "--role",
            "nope",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "danvan.settings"},
    )
    assert completed.returncode != 0
    assert "nope" in completed.stderr


def test_create_api_token_last_word_is_a_token(officer_a):
    out = run("create_api_token", "alice", "--label", "sync")
    token = out.split()[-1]
    assert token.startswith("dv_")
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_create_api_token_unknown_user(db):
    with pytest.raises(CommandError, match="ghost"):
        run("create_api_token", "ghost")


def test_disable_inactive_officers(unit_a):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    old = User.objects.create_user("old.user", last_login=now - timedelta(days=46))
    never = User.objects.create_user("never.used")
    User.objects.filter(pk=never.pk).update(date_joined=now - timedelta(days=50))
    recent = User.objects.create_user("recent", last_login=now - timedelta(days=3))
    root = User.objects.create_superuser("root", password="x")
    User.objects.filter(pk=root.pk).update(last_login=now - timedelta(days=100))
    out = run("disable_inactive_officers", "--dry-run")
    assert "old.user" in out and "never.used" in out
    assert User.objects.get(pk=old.pk).is_active
    out = run("disable_inactive_officers")
    assert "Đã khóa 2" in out
    assert not User.objects.get(pk=old.pk).is_active
    assert not User.objects.get(pk=never.pk).is_active
    assert User.objects.get(pk=recent.pk).is_active and User.objects.get(pk=root.pk).is_active
    assert AuditEntry.objects.filter(action="accounts.officers.disable_inactive").count() == 1
    with pytest.raises(CommandError):
        run("disable_inactive_officers", "--days", "0")
