"""The replica router without a replica: what it decides (the real standby: tests/replica)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import RequestFactory

from danvan.core.dbrouter import PIN_COOKIE, ReplicaReadsMiddleware, ReplicaRouter, replica_reads
from danvan.core.models import Notification


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": {"ENGINE": "unused"}}


def test_no_replica_means_every_read_on_the_primary(settings):
    assert "replica" not in settings.DATABASES
    with replica_reads():
        assert ReplicaRouter().db_for_read(Notification) is None


def test_lag_tolerant_reads_go_to_the_replica_only_inside_replica_reads(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(Notification) is None
    with replica_reads():
        assert router.db_for_read(Notification) == "replica"
        assert router.db_for_write(Notification) == "default"
        # Accounts and sessions are read fresh: a disabled officer is disabled at once.
        assert router.db_for_read(get_user_model()) is None
    assert router.db_for_read(Notification) is None


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(with_replica):
    with replica_reads(), transaction.atomic():
        assert ReplicaRouter().db_for_read(Notification) is None


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "territory") is True
    assert router.allow_migrate("replica", "territory") is False


def _seen_by_view(request):  # type: ignore[no-untyped-def]
    from django.http import HttpResponse

    decided = ReplicaRouter().db_for_read(Notification)
    return HttpResponse(decided or "default")


@pytest.mark.parametrize(
    ("method", "path", "cookie", "expected"),
    [
        ("get", "/tra-cuu/ABC/", False, "replica"),
        ("get", "/dia-ban/", False, "replica"),
        ("get", "/ho-so-viec/", False, "default"),  # an officer's queue: fresh
        ("get", "/tra-cuu/ABC/", True, "default"),  # the visitor just wrote something
        ("post", "/tra-cuu/ABC/", False, "default"),
    ],
)
def test_the_middleware_routes_by_method_path_and_recent_writes(
    with_replica, method, path, cookie, expected
):
    request = getattr(RequestFactory(), method)(path)
    if cookie:
        request.COOKIES[PIN_COOKIE] = "1"
    response = ReplicaReadsMiddleware(_seen_by_view)(request)
    assert response.content.decode() == expected


def test_a_write_pins_the_visitor_to_the_primary_for_a_few_seconds(with_replica, settings):
    settings.DANVAN_REPLICA_PIN_SECONDS = 7
    response = ReplicaReadsMiddleware(_seen_by_view)(RequestFactory().post("/don-thu/gui/"))
    assert response.cookies[PIN_COOKIE]["max-age"] == 7
    response = ReplicaReadsMiddleware(_seen_by_view)(RequestFactory().get("/dia-ban/"))
    assert PIN_COOKIE not in response.cookies
