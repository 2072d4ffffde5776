"""Core: the audit log is append-only, the registry refuses double registration, the
production settings pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from danvan.core.models import AuditEntry
from danvan.core.registry import NavItem, Registry, registries
from danvan.core.services import audit_record

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_audit_record_keeps_actor_unit_object_and_ip(officer_a, unit_a):
    entry = audit_record(
        actor=officer_a, action="unit.update", obj=unit_a, unit_code=unit_a.code, ip="10.0.0.7"
    )
    entry.refresh_from_db()
    assert entry.actor_name == "alice"
    assert entry.unit_code == "99001"
    assert entry.object_type == "territory.unit"
    assert entry.object_id == str(unit_a.pk)
    assert entry.ip == "10.0.0.7"


@pytest.mark.django_db
def test_audit_log_cannot_be_changed_or_deleted(officer_a):
    entry = audit_record(actor=officer_a, action="x.y")
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "x.y"


@pytest.mark.django_db
def test_audit_takes_the_request_ip_from_the_middleware(client, officer_a):
    # Logging in through the admin's login page goes through ClientIPMiddleware; a service
    # called during a request therefore records REMOTE_ADDR without being passed it.
    from danvan.core.middleware import _current_ip

    token = _current_ip.set("192.0.2.10")
    try:
        entry = audit_record(actor=None, action="anonymous.thing", object_repr="x")
    finally:
        _current_ip.reset(token)
    assert entry.ip == "192.0.2.10"
    assert entry.actor is None and entry.actor_name == ""


def test_registry_refuses_a_key_registered_twice():
    reg: Registry[str] = Registry("demo")
    reg.register("a", "one")
    with pytest.raises(ValueError, match="already registered"):
        reg.register("a", "two")
    assert reg.get("a") == "one"
    with pytest.raises(KeyError):
        reg.get("missing")


def test_apps_register_their_contributions_at_startup():
    # territory registers its public pages in AppConfig.ready(); portal reads the registry.
    assert "territory.provinces" in registries.public_pages
    assert isinstance(registries.nav.get("territory.provinces"), NavItem)


def test_production_settings_pass_check_deploy():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DEBUG="0",
        SECRET_KEY="test-" + "k3y-" * 16,
        ALLOWED_HOSTS="danvan.example.vn",
        DANVAN_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DJANGO_SETTINGS_MODULE="danvan.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY",)}
    env.update(DEBUG="0", DJANGO_SETTINGS_MODULE="danvan.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
