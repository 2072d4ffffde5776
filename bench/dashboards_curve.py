"""The dashboards' cost against the number of cases: run on databases filled by
``generate_load_data`` with 10 thousand, 1 million and 10 million cases, compare the lines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench10m \\
        nice .venv/bin/python bench/evaluation_materialise.py --generated   # materialise first
    DATABASE_URL=... nice .venv/bin/python bench/dashboards_curve.py --explain var/plans-10m.txt

Times, through Django's test client (routing, middleware, session, access checks, queries,
templates), for the busiest commune of ``--province`` (default 19, Thái Nguyên):
- the officers' home ``/can-bo/`` (the dashboard cards) and the work queue ``/ho-so-viec/``
  (first page of open cases, overdue, most recently closed) for a one-stop officer;
- the province overview ``/danh-gia/`` for a province viewer.
Prints the wall-clock p50/p95, the Django process's CPU time (p50), the time PostgreSQL itself
spends on one request's queries (the sum of their ``EXPLAIN ANALYZE`` execution times) and
the queries per request — the last two do not depend on how busy the machine is. With
``--explain`` writes the plans (``EXPLAIN (ANALYZE, BUFFERS)``) of each page's slowest
queries to the file named.
Creates two accounts (``curve_officer``, ``curve_viewer``); never run on a real database.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def accounts(province_code: str):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from danvan.accounts.models import Membership
    from danvan.accounts.roles import Role
    from danvan.cases.models import OPEN_STATUSES, Case
    from danvan.territory.models import Province, Unit

    province = Province.objects.get(code=province_code)
    busiest = (
        Case.objects.filter(unit__province=province, status__in=OPEN_STATUSES)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    unit = Unit.objects.get(pk=busiest["unit_id"]) if busiest else province.units.first()
    users = get_user_model().objects
    officer, _ = users.get_or_create(username="curve_officer")
    Membership.objects.get_or_create(user=officer, role=Role.ONE_STOP, unit=unit)
    viewer, _ = users.get_or_create(username="curve_viewer")
    Membership.objects.get_or_create(user=viewer, role=Role.PROVINCE_VIEWER, province=province)
    return officer, viewer, unit, province


def measure(
    client: Client, url: str, n: int
) -> tuple[list[float], list[float], list[tuple[float, str]]]:
    """Wall and CPU milliseconds of ``n`` requests, and one request's queries."""
    r = client.get(url)  # warm: imports, template and chart caches
    assert r.status_code == 200, (url, r.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = [(float(q["time"]) * 1000, q["sql"]) for q in ctx.captured_queries]
    walls, cpus = [], []
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        r = client.get(url)
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return walls, cpus, queries


def explain(sql: str) -> tuple[float, str]:
    """PostgreSQL's own execution time of ``sql`` (ms) and its plan."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    found = re.search(r"Execution Time: ([0-9.]+) ms", plan)
    return (float(found.group(1)) if found else 0.0), plan


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--province", default="19")
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--explain", default="", help="write EXPLAIN plans of the slowest queries")
    ap.add_argument("--top", type=int, default=2, help="slowest queries explained per page")
    args = ap.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.DANVAN_REQUIRE_2FA = False  # force_login has no second factor; the login is not timed

    from django.utils import timezone

    from danvan.cases.models import Case
    from danvan.evaluation.periods import month_of

    officer, viewer, unit, province = accounts(args.province)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'cases_case'")
        estimate = cursor.fetchone()[0] if connection.vendor == "postgresql" else None
    total = estimate if estimate and estimate > 0 else Case.objects.count()
    mine = Case.objects.filter(unit=unit).count()
    print(
        f"{connection.vendor}; about {total:,} cases; commune {unit.code} ({mine:,} cases); "
        f"province {province.code} ({province.units.count()} communes); load {os.getloadavg()}"
    )
    month = month_of(timezone.localdate())
    last_month = (month.replace(day=1) - timedelta(days=1)).replace(day=1)
    officer_client, viewer_client = Client(), Client()
    officer_client.force_login(officer)
    viewer_client.force_login(viewer)
    pages = [
        ("officers' home /can-bo/", officer_client, "/can-bo/"),
        ("work queue, first page", officer_client, "/ho-so-viec/"),
        ("work queue, overdue", officer_client, "/ho-so-viec/?quick=overdue"),
        ("work queue, closed", officer_client, "/ho-so-viec/?quick=closed"),
        (
            "province overview /danh-gia/",
            viewer_client,
            f"/danh-gia/?tinh={province.code}&thang={last_month:%Y-%m}",
        ),
    ]
    plans = []
    for label, client, url in pages:
        walls, cpus, queries = measure(client, url, args.requests)
        db_ms = 0.0
        if connection.vendor == "postgresql":
            explained = [
                (*explain(sql), sql)
                for _ms, sql in queries
                if sql.lstrip().upper().startswith("SELECT")
            ]
            db_ms = sum(ms for ms, _plan, _sql in explained)
            for ms, plan, sql in sorted(explained, reverse=True)[: args.top]:
                plans.append(f"-- {label}: {ms:.2f} ms in PostgreSQL\n{sql}\n\n{plan}\n")
        print(
            f"{label:30} wall p50 {statistics.median(walls):6.1f} p95 {pct(walls, 0.95):6.1f}"
            f" ms; Django CPU p50 {statistics.median(cpus):5.1f} ms; PostgreSQL "
            f"{db_ms:5.1f} ms; {len(queries)} queries"
        )
    if plans and args.explain:
        Path(args.explain).write_text("\n".join(plans), encoding="utf-8")
        print(f"plans written to {args.explain}")


if __name__ == "__main__":
    main()
