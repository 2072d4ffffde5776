"""Import rate of provincial one-stop exports: records/s through ``provincial_import`` (file
read and checks, then per dossier: case, clock, provincial due date, dossier row, closing
when finished, events and audit entries) on the current DATABASE_URL.

    createdb -h 127.0.0.1 -U postgres danvan_h1_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_h1_bench \
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_h1_bench \
        .venv/bin/python bench/provincial_import.py [--n 5000] [--format csv|json]

Three imports of one commune's export: the first (every dossier created), the same file
again (nothing changes: the daily re-sync), and a newer export where a tenth of the
dossiers moved on (status change or finish). The export mixes statuses as a commune's
month does: 60% finished (returned), 10% result ready, 20% processing, 5% waiting for the
citizen, 5% refused. The rows created are deleted at the end.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ.setdefault("DANVAN_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from danvan.dossiers.models import Procedure  # noqa: E402
from danvan.dossiers.services import provincial_import  # noqa: E402
from danvan.testing.factories import ProvinceFactory, UnitFactory  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UNIT_CODE = "97900"  # outside the real code range
COLUMNS = [
    "MaHoSo", "MaTTHC", "MaLinhVuc", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy",
    "NgayTra", "TrangThaiHoSo", "DonViXuLy", "ChuHoSo", "SoDienThoai", "KenhNop",
]  # fmt: skip
MIX = [(10, 60), (9, 10), (4, 20), (5, 5), (8, 5)]


def stamp(at: datetime) -> str:
    return at.astimezone(VN).strftime("%Y%m%d%H%M%S")


def records(n: int, rng: random.Random) -> list[dict[str, str]]:
    start = (datetime.now(VN) - timedelta(days=150)).replace(hour=8, minute=0, second=0)
    statuses = [s for s, weight in MIX for _ in range(weight)]
    out = []
    for i in range(n):
        received = start + timedelta(days=i * 120 // n, minutes=rng.randint(0, 480))
        due = received + timedelta(days=rng.choice([1, 3, 5, 7]))
        status = rng.choice(statuses)
        finished = received + timedelta(days=rng.randint(0, 8), hours=2)
        done = status in (9, 10)
        out.append(
            {
                "MaHoSo": f"B97.{i // 9999:02d}-{received:%y%m%d}-{i:05d}",
                "MaTTHC": "BENCH.PROV",
                "MaLinhVuc": "HT",
                "NgayTiepNhan": stamp(received),
                "NgayHenTra": stamp(due.replace(hour=17, minute=0)),
                "NgayKetThucXuLy": stamp(finished) if done or status == 8 else "",
                "NgayTra": stamp(finished + timedelta(hours=3)) if status == 10 else "",
                "TrangThaiHoSo": str(status),
                "DonViXuLy": "Bộ phận Tư pháp - Hộ tịch",
                "ChuHoSo": f"Người đo {i}",
                "SoDienThoai": "0912345678",
                "KenhNop": rng.choice(["1", "2"]),
            }
        )
    return out


def newer(rows: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    """A tenth of the open dossiers and the ready ones moved on in the newer export."""
    out = [dict(r) for r in rows]
    for row in out:
        if rng.random() >= 0.1:
            continue
        status = row["TrangThaiHoSo"]
        if status == "4":
            row["TrangThaiHoSo"] = "5"
        elif status in ("5", "9"):
            received = datetime.strptime(row["NgayTiepNhan"], "%Y%m%d%H%M%S")
            row["TrangThaiHoSo"] = "10"
            row["NgayKetThucXuLy"] = row["NgayKetThucXuLy"] or stamp(
                (received + timedelta(days=2)).replace(tzinfo=VN)
            )
            row["NgayTra"] = row["NgayKetThucXuLy"]
    return out


def encode(rows: list[dict[str, str]], fmt: str) -> tuple[bytes, str]:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False).encode(), "export.json"
    buffer = io.StringIO()
    buffer.write(",".join(COLUMNS) + "\n")
    for row in rows:
        buffer.write(",".join(row[c] for c in COLUMNS) + "\n")
    return buffer.getvalue().encode(), "export.csv"


def setup():  # type: ignore[no-untyped-def]
    province = ProvinceFactory()
    unit = UnitFactory(code=UNIT_CODE, name="Xã Đo Nhập", codename="xa_do_nhap", province=province)
    Procedure.objects.get_or_create(
        code="BENCH.PROV",
        defaults={"name": "Thủ tục đo nhập", "field": "Đo tốc độ", "processing_days": 3},
    )
    return unit


def cleanup() -> None:
    from danvan.cases.models import Case
    from danvan.core.models import AuditEntry
    from danvan.dossiers.models import Dossier

    cases = Case.objects.filter(unit__code=UNIT_CODE)
    Dossier.objects.filter(case__in=cases).delete()
    cases.delete()
    with connection.cursor() as cursor:  # the audit log refuses deletes through the ORM
        cursor.execute(
            f"DELETE FROM {AuditEntry._meta.db_table} WHERE unit_code = %s",  # noqa: S608
            [UNIT_CODE],
        )


def timed(unit, content: bytes, name: str, n: int, label: str) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = provincial_import(unit=unit, file=content, filename=name)
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"import refused: {result.errors[:5]}")
    counts = f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
    print(f"{label:<34} {elapsed:7.2f} s  {n / elapsed:8.0f} records/s  ({counts})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    args = parser.parse_args()
    rng = random.Random(20260701)  # noqa: S311 — invented test data
    unit = setup()
    cleanup()
    rows = records(args.n, rng)
    content, name = encode(rows, args.format)
    later, _ = encode(newer(rows, rng), args.format)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; {args.format}")
    try:
        timed(unit, content, name, args.n, "first import")
        timed(unit, content, name, args.n, "same export again")
        timed(unit, later, name, args.n, "newer export (10% moved on)")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
