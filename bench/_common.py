"""What the benchmarks that measure on a throw-away database share: Django set up with the
project's settings, a test database created straight from the models (the figures must not
depend on other apps' migrations), fast password hashing, no second factor, a local cache,
and a timer that prints one line per measured operation.

Import it first in a bench script (``python bench/x.py`` puts ``bench/`` on the path)::

    from _common import run, test_database, timed

    old_name = test_database()
    ...
    if __name__ == "__main__":
        run(main, old_name)

Without DATABASE_URL the database is SQLite in a temporary directory; with it, that
database's test copy, as Django's test runner makes it."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def test_database(*, keep_query_log: bool = False) -> str:
    """Set Django up and create the test database; the name to give back to ``run``.
    ``keep_query_log``: do not empty the query log at each request's start (for counting
    the queries of a page served by the test client)."""
    sys.path.insert(0, str(ROOT))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DANVAN_VAR_DIR"] = tempfile.mkdtemp(prefix="danvan-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

    import django

    django.setup()

    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if keep_query_log:
        from django.core.signals import request_started
        from django.db import reset_queries

        request_started.disconnect(reset_queries)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.DANVAN_REQUIRE_2FA = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.DATABASES["default"].setdefault("TEST", {})["MIGRATE"] = False
    return connection.creation.create_test_db(verbosity=0, autoclobber=True)


def run(main: Callable[[], Any], old_name: str) -> None:
    """``main()``, then drop the test database whatever happened."""
    from django.db import connection

    try:
        main()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def timed(label: str, n: int, fn: Callable[[], Any], *, unit: str = "µs") -> float:
    """Call ``fn`` ``n`` times and print the time per call (in ``unit``: "µs" or "ms") and
    the calls per second; the seconds per call."""
    start = time.perf_counter()
    for _ in range(n):
        fn()
    elapsed = time.perf_counter() - start
    if unit == "ms":
        print(f"{label:<58} {n:>6} × {elapsed / n * 1e3:8.1f} ms  ({n / elapsed:,.1f}/s)")
    else:
        print(f"{label:<58} {n:>6} × {elapsed / n * 1e6:9.1f} µs  ({n / elapsed:,.0f}/s)")
    return elapsed / n
