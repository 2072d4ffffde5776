"""The standard cast, shared by every app's tests (see danvan/testing/factories.py)."""

from __future__ import annotations

import os

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from danvan.accounts.roles import Role
from danvan.testing.factories import PASSWORD, ProvinceFactory, UnitFactory, make_officer


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Tasks run inline in tests so notifications and recomputations are observable.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DANVAN_REQUIRE_2FA = False
    # The cast signs in with real passwords; a slow hasher would cost ~0.7 s per test. This is
    # the one place for it (app conftests do not repeat it); times in tests are built with the
    # product's own zone, ``from danvan.core.localtime import LOCAL_TZ as VN``.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Tests read a commune's page right after writing; the cache has its own tests
    # (danvan/territory/tests/test_sections_cache.py).
    settings.DANVAN_PUBLIC_SECTIONS_CACHE_SECONDS = 0
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """A test that activates English (a page or a helper calling ``translation.activate``)
    must not leave it active for the next one: every test starts in Vietnamese."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def province(db):
    return ProvinceFactory()


@pytest.fixture
def unit_a(province):
    return UnitFactory(code="99001", name="Xã Thử A", codename="xa_thu_a", province=province)


@pytest.fixture
def unit_b(province):
    return UnitFactory(code="99002", name="Xã Thử B", codename="xa_thu_b", province=province)


@pytest.fixture
def officer_a(unit_a):
    """Officer of commune A, holding the working roles there."""
    return make_officer("alice", unit=unit_a, roles=[Role.ONE_STOP, Role.SPECIALIST, Role.LEADER])


@pytest.fixture
def officer_b(unit_b):
    """Officer of commune B: must be refused everything belonging to A."""
    return make_officer("bob", unit=unit_b, roles=[Role.ONE_STOP, Role.SPECIALIST, Role.LEADER])


@pytest.fixture
def province_viewer(province):
    return make_officer("charlie", roles=[Role.PROVINCE_VIEWER], province=province)


@pytest.fixture
def citizen_client(client):
    """A citizen: not signed in."""
    return client


@pytest.fixture
def client_a(officer_a):
    c = Client()
    c.force_login(officer_a)
    return c


@pytest.fixture
def client_b(officer_b):
    c = Client()
    c.force_login(officer_b)
    return c


@pytest.fixture
def client_viewer(province_viewer):
    c = Client()
    c.force_login(province_viewer)
    return c


@pytest.fixture
def password():
    return PASSWORD


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def pytest_runtest_setup(item):
    # True concurrency needs a server database; SQLite serialises writers by design.
    if item.get_closest_marker("postgres") and not on_postgres():
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://…)")
