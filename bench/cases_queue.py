"""Case core figures: public tracking and the officers' work queue with N cases loaded.

    createdb -h 127.0.0.1 -U postgres danvan_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench \\
        .venv/bin/python bench/cases_queue.py            # 1,000,000 cases (loaded once)
    .venv/bin/python bench/cases_queue.py --n 20000      # smaller, any database

The script migrates the database, loads N synthetic cases (two timeline events each) across
100 communes with PostgreSQL ``COPY`` (``bulk_create`` elsewhere) unless that many are
already there, then times requests through Django's test client — the whole stack: URL
routing, middleware, sessions, access checks, queries and template rendering. It prints
p50/p95 per scenario. Rows it creates carry codes starting with ``BENCH-`` and units
``8xxxx``; use a dedicated database.
"""

from __future__ import annotations

import argparse
import os
import random
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
from django.db import connection, transaction  # noqa: E402

UNITS = 100
PREFIX = "BENCH-"
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu", "Quang", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoa", "Hương", "Lan", "Long", "Mai", "Nam", "Phúc"]
KINDS = ["dossier"] * 8 + ["reflection", "petition", "complaint"]
EPOCH = datetime(2024, 11, 1, 1, 0, tzinfo=UTC)


def setup_units():  # type: ignore[no-untyped-def]
    from danvan.accounts.models import Membership
    from danvan.accounts.roles import Role
    from danvan.territory.models import Province, Unit

    province, _ = Province.objects.get_or_create(
        code="19", defaults={"name": "Tỉnh Thái Nguyên", "division_type": "tỉnh", "codename": "tn"}
    )
    units = []
    for i in range(UNITS):
        unit, _ = Unit.objects.get_or_create(
            code=f"8{i:04d}",
            defaults={
                "name": f"Xã Đo Tải {i}",
                "kind": "xa",
                "codename": f"xa_do_tai_{i}",
                "province": province,
            },
        )
        units.append(unit)
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="bench_officer")
    for role in (Role.ONE_STOP, Role.SPECIALIST):
        Membership.objects.get_or_create(user=user, role=role, unit=units[0])
    return units, user


def synth(i: int, unit_ids: list[int], officer_id: int, today: date, rng: random.Random) -> tuple:
    from danvan.cases.text import fold

    received = EPOCH + timedelta(minutes=rng.randrange(0, 60 * 24 * 750))
    due = (received + timedelta(days=rng.randrange(5, 40))).date()
    is_open = received.date() > today - timedelta(days=60) or rng.random() < 0.02
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    if is_open:
        status = rng.choice(["received", "in_progress", "in_progress", "waiting_citizen"])
        closed, on_time = None, None
    else:
        closed = received + timedelta(days=rng.randrange(1, 45))
        status, on_time = rng.choice(["resolved", "returned"]), closed.date() <= due
    return (
        i,
        unit_ids[i % len(unit_ids)],
        rng.choice(KINDS),
        f"{PREFIX}{i:08d}",
        "ABCD2345",
        name,
        f"09{i:08d}",
        status,
        received,
        due,
        closed,
        on_time,
        fold(name),
        officer_id if (i % len(unit_ids) == 0 and i % 7 == 0) else None,
        status == "waiting_citizen",
    )


CASE_COLS = [
    "id",
    "created_at",
    "updated_at",
    "province_code",
    "kind",
    "code",
    "secret",
    "title",
    "channel",
    "applicant_name",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "status",
    "confidential",
    "department",
    "rule_id",
    "is_complex",
    "extensions",
    "received_at",
    "accepted_at",
    "clock_start",
    "due_date",
    "paused_at",
    "closed_at",
    "on_time",
    "search_name",
    "alert_stage",
    "unit_id",
    "assignee_id",
]
EVENT_COLS = ["case_id", "at", "kind", "public", "note", "data", "actor_id"]


def rows(n: int, start_id: int, unit_ids: list[int], officer_id: int):  # type: ignore[no-untyped-def]
    rng = random.Random(42)
    today = date.today()
    now = datetime.now(UTC)
    for i in range(start_id, start_id + n):
        (
            pk,
            unit,
            kind,
            code,
            secret,
            name,
            phone,
            status,
            received,
            due,
            closed,
            on_time,
            folded,
            assignee,
            waiting,
        ) = synth(i, unit_ids, officer_id, today, rng)
        case = (
            pk,
            now,
            now,
            "19",
            kind,
            code,
            secret,
            "Hồ sơ thử tải",
            "counter",
            name,
            phone,
            "",
            "Thôn 1",
            status,
            False,
            "",
            "letter.process",
            False,
            0,
            received,
            None,
            received,
            due,
            received + timedelta(days=2) if waiting else None,
            closed,
            on_time,
            folded,
            0,
            unit,
            assignee,
        )
        events = [(pk, received, "received", True, "", '{"clock": "start"}', None)]
        if closed:
            events.append((pk, closed, status, True, "", "{}", None))
        else:
            events.append((pk, received + timedelta(hours=2), "assigned", True, "", "{}", None))
        yield case, events


def load(n: int, unit_ids: list[int], officer_id: int) -> None:
    from danvan.cases.models import Case, CaseEvent

    start_id = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    t0 = time.perf_counter()
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw = connection.connection
        with raw.cursor() as cur:
            case_copy = f"COPY cases_case ({', '.join(CASE_COLS)}) FROM STDIN"
            event_rows = []
            with cur.copy(case_copy) as copy:
                for case, events in rows(n, start_id, unit_ids, officer_id):
                    copy.write_row(case)
                    event_rows.extend(events)
            with cur.copy(f"COPY cases_caseevent ({', '.join(EVENT_COLS)}) FROM STDIN") as copy:
                for row in event_rows:
                    copy.write_row(row)
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('cases_case', 'id'), max(id)) FROM cases_case"
            )
            cur.execute("ANALYZE cases_case")
            cur.execute("ANALYZE cases_caseevent")
        raw.commit()
    else:
        batch_c, batch_e = [], []
        for case, events in rows(n, start_id, unit_ids, officer_id):
            batch_c.append(Case(**dict(zip(CASE_COLS, case, strict=True))))
            batch_e.extend(CaseEvent(**dict(zip(EVENT_COLS, e, strict=True))) for e in events)
            if len(batch_c) >= 5000:
                with transaction.atomic():
                    Case.objects.bulk_create(batch_c)
                    for e in batch_e:
                        e.data = {}
                    CaseEvent.objects.bulk_create(batch_e)
                batch_c, batch_e = [], []
        with transaction.atomic():
            Case.objects.bulk_create(batch_c)
            for e in batch_e:
                e.data = {}
            CaseEvent.objects.bulk_create(batch_e)
    print(f"loaded {n:,} cases in {time.perf_counter() - t0:.1f} s")


def measure(label: str, fn, n: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall-clock p50/p95, and the Django process's CPU time per request (p50): on a shared
    machine the wall clock includes waiting for a core; the CPU figure does not."""
    for _ in range(5):
        fn()
    samples, cpu = [], []
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(
        f"{label:<40} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
        f"cpu p50 {statistics.median(cpu):6.1f} ms  (n={n})"
    )
    return p50, p95


def measure_recompute(count: int) -> None:
    """Recompute open cases: a scan where nothing moves, then ``count`` cases whose stored
    due date was made wrong (each gets a locked write, an event and an audit entry)."""
    from danvan.cases.models import OPEN_STATUSES, Case
    from danvan.cases.services import cases_recompute_due

    ids = list(
        Case.objects.filter(code__startswith=PREFIX, status__in=OPEN_STATUSES, paused_at=None)
        .order_by("id")
        .values_list("id", flat=True)[:count]
    )
    cases_recompute_due(case_ids=ids, reason="bench")  # synthetic due dates → the clock's
    t = time.perf_counter()
    moved = cases_recompute_due(case_ids=ids, reason="bench")
    scan = time.perf_counter() - t
    print(f"recompute, nothing moves: {len(ids):,} open cases in {scan:.2f} s ({moved} moved)")
    Case.objects.filter(pk__in=ids).update(due_date=date(2000, 1, 3))
    t = time.perf_counter()
    moved = cases_recompute_due(case_ids=ids, reason="bench")
    write = time.perf_counter() - t
    print(f"recompute, all move: {moved:,} cases in {write:.2f} s ({moved / write:,.0f}/s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--recompute", type=int, default=2000, help="cases to recompute (0: skip)")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    settings.DANVAN_REQUIRE_2FA = False
    settings.DANVAN_TRACK_RATE_LIMIT = 10**9
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False  # no query log in memory

    from django.test import Client

    from danvan.cases.models import Case

    units, officer = setup_units()
    have = Case.objects.filter(code__startswith=PREFIX).count()
    if have < args.n:
        load(args.n - have, [u.pk for u in units], officer.pk)
    total = Case.objects.count()
    print(
        f"{connection.vendor}: {total:,} cases, {UNITS} communes, ~{total // UNITS:,} per commune"
    )

    rng = random.Random(7)
    max_id = Case.objects.order_by("-id").values_list("id", flat=True).first()
    codes = [f"{PREFIX}{rng.randrange(1, max_id):08d}" for _ in range(args.samples + 10)]
    citizen = Client()
    it = iter(codes * 3)
    measure(
        "tracking page /tra-cuu/<code>/?secret=",
        lambda: citizen.get(f"/ho-so-viec/tra-cuu/{next(it)}/", {"secret": "ABCD2345"}),
        args.samples,
    )
    measure(
        "tracking API /api/v1/track/<code>",
        lambda: citizen.get(f"/api/v1/track/{next(it)}", {"secret": "ABCD2345"}),
        args.samples,
    )

    officer_client = Client()
    officer_client.force_login(officer)
    some = (
        Case.objects.filter(unit=units[0]).order_by("?").first()
        if args.n <= 50_000
        else (Case.objects.filter(unit=units[0], id__gte=max_id // 2).first())
    )
    scenarios = [
        ("queue: first page (open, my unit)", {}),
        ("queue: overdue", {"quick": "overdue"}),
        ("queue: due this week", {"quick": "week"}),
        ("queue: closed (most recent first)", {"quick": "closed"}),
        ("queue: page 20 of closed", {"quick": "closed", "page": 20}),
        ("queue: mine", {"tab": "mine"}),
        ("queue: search by phone", {"q": some.applicant_phone}),
        ("queue: search by name (no accents)", {"q": "nguyen van an"}),
        ("queue: search by code", {"q": some.code}),
    ]
    for label, params in scenarios:
        measure(
            label,
            lambda p=params: officer_client.get("/ho-so-viec/", p),
            max(50, args.samples // 2),
        )
    if args.recompute:
        measure_recompute(args.recompute)


if __name__ == "__main__":
    main()
