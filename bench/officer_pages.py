"""Officers' pages of issue #12: the hand-on list (eligible officers with their workload),
the commune's outbox, the audit register and its XLSX export, on a commune with many rows.

Run: nice .venv/bin/python bench/officer_pages.py  (a throw-away SQLite database unless
DATABASE_URL is set; then that database's test copy). Prints queries and times.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from _common import run, test_database

old_name = test_database(keep_query_log=True)

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

OFFICERS, CASES, MESSAGES, ENTRIES = 60, 20_000, 20_000, 50_000


def measure(label: str, n: int, fn) -> None:  # type: ignore[no-untyped-def]
    reset_queries()  # the log holds 9,000 queries at most: start it empty
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    status = getattr(result, "status_code", 200)
    assert status == 200, (label, status)
    start = time.perf_counter()
    for _ in range(n):
        fn()
    elapsed = (time.perf_counter() - start) / n
    print(f"{label:<62} {len(ctx.captured_queries):>3} queries  {elapsed * 1000:8.1f} ms")


def main() -> None:
    from django.test import Client
    from django.utils import timezone

    from danvan.accounts.roles import Role
    from danvan.cases.models import Case
    from danvan.cases.selectors import eligible_officers
    from danvan.core.models import AuditEntry, Notification
    from danvan.territory.models import Province, Unit
    from danvan.testing.factories import make_officer

    rng = random.Random(12)
    province = Province.objects.create(code="19", name="Tỉnh Thái Nguyên", codename="tn")
    unit = Unit.objects.create(
        code="01843", name="Phường Bắc Kạn", codename="bk", province=province
    )
    roles = [Role.ONE_STOP, Role.SPECIALIST, Role.LEADER, Role.FRONT, Role.VILLAGE_HEAD]
    officers = [
        make_officer(f"cb{i}", unit=unit, roles=[roles[i % len(roles)]]) for i in range(OFFICERS)
    ]
    leader = make_officer("lanhdao", unit=unit, roles=[Role.LEADER, Role.ONE_STOP])
    now = timezone.now()
    Case.objects.bulk_create(
        Case(
            unit=unit,
            province_code="19",
            kind="reflection",
            code=f"PA-01843-26-{i:08d}",
            secret="ABCD2345",
            title="Đèn đường hỏng",
            status=rng.choice(["received", "in_progress", "resolved"]),
            assignee=rng.choice(officers),
            rule_id="letter.process",
            received_at=now - timedelta(days=rng.randint(0, 400)),
            clock_start=now,
        )
        for i in range(CASES)
    )
    Notification.objects.bulk_create(
        Notification(
            unit_code=unit.code,
            channel="sms",
            recipient=f"09{i:08d}",
            template=rng.choice(["letters.received", "dossier.result_ready"]),
            body="UBND Phường Bắc Kạn đã nhận đơn.",
            idempotency_key=f"bench:{i}",
            object_ref=f"PA-01843-26-{i % CASES:08d}",
            status=rng.choice(["queued", "sent", "sent", "failed"]),
            attempts=rng.randint(0, 5),
        )
        for i in range(MESSAGES)
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=rng.choice(officers),
            actor_name="cb",
            unit_code=unit.code,
            action=rng.choice(["cases.open", "letters.identity_read", "dossiers.return"]),
            object_repr=f"PA-01843-26-{i % CASES:08d}",
            detail={"purpose": "Xác minh"},
        )
        for i in range(ENTRIES)
    )
    print(f"{OFFICERS} officers, {CASES:,} cases, {MESSAGES:,} messages, {ENTRIES:,} log entries")
    measure(
        "eligible_officers (hand-on list with roles and workload)",
        20,
        lambda: eligible_officers(unit),
    )
    client = Client()
    client.force_login(leader)
    measure(
        "GET /ho-so-viec/tin-nhan/ (outbox, 50 rows)",
        10,
        lambda: client.get("/ho-so-viec/tin-nhan/"),
    )
    measure(
        "GET /ho-so-viec/tin-nhan/?status=failed",
        10,
        lambda: client.get("/ho-so-viec/tin-nhan/?status=failed"),
    )
    code = "PA-01843-26-00000007"
    measure(
        f"GET /ho-so-viec/{code}/ (hand-on list, sent messages)",
        10,
        lambda: client.get(f"/ho-so-viec/{code}/"),
    )
    measure(
        "GET /tai-khoan/nhat-ky/ (register, 50 rows)", 10, lambda: client.get("/tai-khoan/nhat-ky/")
    )
    measure(
        "GET /tai-khoan/nhat-ky/?case=PA-01843-26-0000001",
        10,
        lambda: client.get("/tai-khoan/nhat-ky/?case=PA-01843-26-0000001"),
    )
    start = time.perf_counter()
    response = client.get("/tai-khoan/nhat-ky/?format=xlsx")
    print(
        f"{'GET /tai-khoan/nhat-ky/?format=xlsx (20,000 rows cap)':<62}"
        f"       {time.perf_counter() - start:8.2f} s  {len(response.content) / 1e6:.1f} MB"
    )
    measure(
        f"GET /ho-so-viec/?q={code} (exact code)", 10, lambda: client.get(f"/ho-so-viec/?q={code}")
    )


if __name__ == "__main__":
    run(main, old_name)
