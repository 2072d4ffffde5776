"""Reads that tolerate a little lag go to a streaming replica; everything else to the primary.

With ``DATABASE_REPLICA_URL`` set (a hot standby of the primary, e.g. made with
``pg_basebackup -R``), a GET or HEAD under ``DANVAN_REPLICA_PATHS`` (public tracking,
territory, the evaluation, the officers' dashboard) reads from the replica. Never there:
writes; reads inside a transaction on the primary (they may depend on what the transaction
just wrote); the tables whose freshness is a matter of security or correctness (sessions, the
cache with its throttles and rate limits, accounts and second factors, the task queue); and
the requests of a visitor who wrote something in the last ``DANVAN_REPLICA_PIN_SECONDS``, so a
citizen who has just sent a letter, or an officer who has just acted, reads their own write.
Without a replica configured the router sends everything to the primary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "dv_primary"
# App labels always read from the primary.
FRESH_APPS = frozenset(
    {
        "sessions",
        "django_cache",
        "auth",
        "accounts",
        "otp_totp",
        "otp_static",
        "django_otp",
        "django_tasks_db",
        "contenttypes",
    }
)

_replica_reads: ContextVar[bool] = ContextVar("danvan_replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block, reads that may lag go to the replica (when there is one)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not (_replica_reads.get() and replica_configured()):
            return None
        if model._meta.app_label in FRESH_APPS:
            return None
        if connections["default"].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def _lag_tolerant(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.COOKIES.get(PIN_COOKIE):
        return False
    return any(request.path.startswith(prefix) for prefix in settings.DANVAN_REPLICA_PATHS)


class ReplicaReadsMiddleware:
    """Routes a lag-tolerant request's reads to the replica; pins a writer to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        if _lag_tolerant(request):
            with replica_reads():
                return self.get_response(request)
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DANVAN_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
