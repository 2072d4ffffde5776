"""Evaluation figures: materialising every indicator for C communes × M months from N cases,
the province overview's p95, and the cost of the incremental update after one closed case.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE danvan_eval_bench'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_eval_bench \\
        .venv/bin/python bench/evaluation_materialise.py --n 1000000
    ... --n 10000000 --communes 3321 --months 24        # the issue's full figure

The script migrates the database, creates C communes over 34 provinces, loads N synthetic
one-stop cases (kind ``dossier``) spread over M months with PostgreSQL ``COPY`` unless that
many are already there (``bulk_create`` elsewhere), then:
1. materialises all M months (values, index with Monte Carlo rank intervals, findings) and
   prints the time and the peak memory of the process;
2. times the province overview (``/danh-gia/``) for a province viewer through Django's test
   client — the whole stack — and prints p50/p95 over ``--requests`` requests;
3. closes ``--closes`` open cases one by one and times the recompute of their commune-months
   (what the post-save hook runs after commit).
Use a dedicated database: rows carry codes starting with ``EVB-`` and units ``7xxxx``.
Run it twice with different ``--n`` on two databases to compare the overview's p95.

``--generated`` works instead on a database filled by ``generate_load_data`` (the real 3,321
communes of ``load_territory``, cases coded ``LD-…``; the issue #17/#10 figures at 10 million):
nothing is loaded, the overview is read for ``--province`` (default 19, Thái Nguyên)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench10m \\
        .venv/bin/python manage.py generate_load_data --communes 3321 --cases 10000000
    DATABASE_URL=... nice .venv/bin/python bench/evaluation_materialise.py --generated
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

PREFIX = "EVB-"
PROVINCES = 34
CASE_COLS = [
    "id", "created_at", "updated_at", "province_code", "kind", "code", "secret", "title",
    "channel", "applicant_name", "applicant_phone", "applicant_email", "applicant_address",
    "status", "confidential", "department", "rule_id", "is_complex", "extensions",
    "received_at", "accepted_at", "clock_start", "due_date", "paused_at", "closed_at",
    "on_time", "search_name", "alert_stage", "unit_id", "assignee_id",
]  # fmt: skip


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup(communes: int):  # type: ignore[no-untyped-def]
    from danvan.accounts.models import Membership
    from danvan.accounts.roles import Role
    from danvan.territory.models import Province, Unit

    provinces = []
    for p in range(PROVINCES):
        prov, _ = Province.objects.get_or_create(
            code=f"{50 + p}",
            defaults={"name": f"Tỉnh Đo Tải {p}", "division_type": "tỉnh", "codename": f"dt{p}"},
        )
        provinces.append(prov)
    existing = set(Unit.objects.filter(code__startswith="7").values_list("code", flat=True))
    Unit.objects.bulk_create(
        [
            Unit(code=f"7{i:04d}", name=f"Xã Đo Tải {i}", kind="xa", codename=f"xa_dt_{i}",
                 province=provinces[i % PROVINCES])
            for i in range(communes)
            if f"7{i:04d}" not in existing
        ],
        batch_size=2000,
    )  # fmt: skip
    units = list(
        Unit.objects.filter(code__startswith="7")
        .order_by("code")
        .values_list("pk", "province__code")
    )[:communes]
    from django.contrib.auth import get_user_model

    viewer, _ = get_user_model().objects.get_or_create(username="evb_viewer")
    Membership.objects.get_or_create(user=viewer, role=Role.PROVINCE_VIEWER, province=provinces[0])
    return units, viewer, provinces[0]


def setup_generated(province_code: str):  # type: ignore[no-untyped-def]
    """The viewer of one real province, on a database filled by ``generate_load_data``."""
    from django.contrib.auth import get_user_model

    from danvan.accounts.models import Membership
    from danvan.accounts.roles import Role
    from danvan.territory.models import Province, Unit

    province = Province.objects.get(code=province_code)
    units = list(Unit.objects.order_by("code").values_list("pk", "province__code"))
    viewer, _ = get_user_model().objects.get_or_create(username="evb_viewer")
    Membership.objects.get_or_create(user=viewer, role=Role.PROVINCE_VIEWER, province=province)
    return units, viewer, province


def count_cases(prefix: str) -> int:
    from danvan.cases.models import Case

    # The planner's estimate would do for 10 million, but the figure printed should be exact.
    return Case.objects.filter(code__startswith=prefix).count()


def rows(n: int, start_id: int, units: list[tuple[int, str]], first: date, months: int):  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    now = datetime.now(UTC)
    start = datetime(first.year, first.month, first.day, 1, tzinfo=UTC)
    span = months * 30 * 24 * 60
    today = date.today()
    for i in range(start_id, start_id + n):
        uid, pcode = units[i % len(units)]
        received = start + timedelta(minutes=rng.randrange(0, span))
        due = (received + timedelta(days=rng.randrange(3, 20))).date()
        if received.date() > today - timedelta(days=20) and rng.random() < 0.6:
            status, closed, on_time = "in_progress", None, None
        else:
            closed = received + timedelta(days=rng.randrange(1, 25))
            status, on_time = "resolved", closed.date() <= due
        yield (
            i, now, now, pcode, "dossier", f"{PREFIX}{i:09d}", "ABCD2345", "Hồ sơ thử tải",
            rng.choice(["desk", "online"]), "Nguyễn Văn A", "", "", "", status, False, "",
            "letter.process", False, 0, received, None, received, due, None, closed, on_time,
            "nguyen van a", 0, uid, None,
        )  # fmt: skip


def load(n: int, units: list[tuple[int, str]], first: date, months: int) -> None:
    from danvan.cases.models import Case

    have = Case.objects.filter(code__startswith=PREFIX).count()
    if have >= n:
        print(f"{have:,} cases already loaded")
        return
    start_id = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    todo = n - have
    t0 = time.perf_counter()
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor() as cur:
            with cur.copy(f"COPY cases_case ({', '.join(CASE_COLS)}) FROM STDIN") as copy:
                for row in rows(todo, start_id, units, first, months):
                    copy.write_row(row)
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('cases_case', 'id'), "
                "(SELECT MAX(id) FROM cases_case))"
            )
        connection.connection.commit()
        with connection.cursor() as cur:
            cur.execute("ANALYZE cases_case")
    else:
        batch = []
        for row in rows(todo, start_id, units, first, months):
            batch.append(Case(**dict(zip(CASE_COLS, row, strict=True))))
            if len(batch) == 5000:
                Case.objects.bulk_create(batch)
                batch = []
        Case.objects.bulk_create(batch)
    print(f"loaded {todo:,} cases in {time.perf_counter() - t0:.1f}s")


def p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--communes", type=int, default=3321)
    ap.add_argument("--months", type=int, default=24)
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--closes", type=int, default=20)
    ap.add_argument("--skip-materialise", action="store_true")
    ap.add_argument("--generated", action="store_true", help="use generate_load_data's cases")
    ap.add_argument("--province", default="19", help="with --generated: the province to read")
    args = ap.parse_args()
    prefix = "LD-" if args.generated else PREFIX
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from django.utils import timezone

    from danvan.evaluation.periods import month_of, months_between
    from danvan.evaluation.services import refresh

    today = timezone.localdate()
    last = month_of(today)
    first = months_between(date(last.year - 3, last.month, 1), last)[-args.months]
    if args.generated:
        units, viewer, province = setup_generated(args.province)
        args.n = count_cases(prefix)
    else:
        units, viewer, province = setup(args.communes)
        load(args.n, units, first, args.months)
    months = months_between(first, last)
    print(
        f"database: {connection.vendor}; {args.n:,} cases, {len(units):,} communes, "
        f"{len(months)} months"
    )

    if not args.skip_materialise:
        rss0 = maxrss_mb()
        t0 = time.perf_counter()
        counts = refresh(periods=months)
        took = time.perf_counter() - t0
        print(
            f"materialise: {took:.1f}s ({took / len(months):.2f}s a month); "
            f"{counts['values']:,} values, {counts['index']:,} index rows, "
            f"{counts['findings']:,} findings; peak RSS {maxrss_mb():.0f} MB "
            f"(+{maxrss_mb() - rss0:.0f} MB)"
        )

    from django.test import Client

    client = Client()
    client.force_login(viewer)
    url = f"/danh-gia/?tinh={province.code}&thang={months[-2]:%Y-%m}"
    client.get(url)  # warm: imports, chart cache
    times = []
    for _ in range(args.requests):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.status_code
    print(
        f"overview ({province.code}, {province.units.count()} communes): "
        f"p50 {statistics.median(times):.0f} ms, p95 {p(times, 0.95):.0f} ms"
    )

    from danvan.cases.models import Case
    from danvan.evaluation.stale import stale_mark, stale_refresh

    open_cases = list(
        Case.objects.filter(code__startswith=prefix, status="in_progress").order_by("-id")[
            : args.closes
        ]
    )
    costs = []
    for case in open_cases:
        now = timezone.now()
        Case.objects.filter(pk=case.pk).update(
            status="resolved", closed_at=now, on_time=now.date() <= case.due_date
        )
        items = sorted(
            {(case.unit_id, f"{month_of(timezone.localtime(d).date()):%Y-%m-%d}")
             for d in (case.received_at, now)}
        )  # fmt: skip
        t = time.perf_counter()
        stale_mark(set(items))  # what a closing does on commit; then the deferred run
        stale_refresh()
        costs.append((time.perf_counter() - t) * 1000)
    if costs:
        print(
            f"incremental update per closed case: p50 {statistics.median(costs):.0f} ms, "
            f"p95 {p(costs, 0.95):.0f} ms over {len(costs)} cases"
        )


if __name__ == "__main__":
    main()
