"""Finding communes by old names, and reading addresses written with pre-2025 units.

    .venv/bin/python bench/territory_old_names.py

Uses a throw-away SQLite database (migrated and loaded with the territory) unless
DATABASE_URL is set, in which case that database must already hold the territory. Prints the
search time and query count of ``units_find`` for a few queries, then the converter's build
time for the home province (once per process) and its time per address.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if not os.environ.get("DATABASE_URL"):
    os.environ["DANVAN_VAR_DIR"] = tempfile.mkdtemp(prefix="danvan-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from danvan.territory import addresses  # noqa: E402
from danvan.territory.loader import territory_load  # noqa: E402
from danvan.territory.models import Unit  # noqa: E402
from danvan.territory.selectors import units_find  # noqa: E402

QUERIES = ["phung chi kien", "song cau", "huyen cho don", "bac kan", "01843"]
ADDRESSES = [
    "Tổ 5, phường Phùng Chí Kiên, thành phố Bắc Kạn, tỉnh Bắc Kạn",
    "thôn Nà Pài, thị trấn Bằng Lũng, huyện Chợ Đồn, tỉnh Bắc Kạn",
    "xóm 3, xã Phong Quang, tỉnh Thái Nguyên",
]


def main() -> None:
    if not os.environ.get("DATABASE_URL"):
        call_command("migrate", verbosity=0)
    if not Unit.objects.exists():
        territory_load()
    print(f"database: {connection.vendor}, {Unit.objects.count()} units")
    for query in QUERIES:
        runs = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                found = units_find(query, province_code="19")
                runs.append(time.perf_counter() - started)
        print(
            f"units_find {query!r:<18} {min(runs) * 1000:7.1f} ms  {len(ctx)} queries  "
            f"{len(found)} units, first {found[0].unit.name if found else '-'}"
        )
    started = time.perf_counter()
    addresses._converter("Tỉnh Thái Nguyên")
    print(f"converter build (Thái Nguyên)   {(time.perf_counter() - started) * 1000:7.0f} ms")
    for text in ADDRESSES:
        started = time.perf_counter()
        found = addresses.recognise_old_address(text, province_name="Tỉnh Thái Nguyên")
        elapsed = (time.perf_counter() - started) * 1000
        print(f"recognise {elapsed:7.0f} ms  {text[:45]!r:<48} -> {found.unit if found else None}")


if __name__ == "__main__":
    main()
