"""Time the territory loader on the current DATABASE (DATABASE_URL or the SQLite default).

    .venv/bin/python bench/territory_load.py            # first load only if the tables are empty
    .venv/bin/python bench/territory_load.py --fresh    # delete territory rows first (not on
                                                        # a database with real data!)

Prints: the first (or forced) load, an idempotent re-run (skipped by data version), and a
forced compare-and-upsert that finds nothing to change.
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from danvan.territory.loader import territory_load  # noqa: E402
from danvan.territory.models import (  # noqa: E402
    DataLoad,
    LegacyDistrict,
    LegacyProvince,
    LegacyUnit,
    Province,
    Unit,
    Village,
)


def timed(label: str, **kwargs: bool) -> None:
    started = time.perf_counter()
    result = territory_load(**kwargs)
    elapsed = time.perf_counter() - started
    state = "skipped" if result.skipped else f"{result.changed} rows changed"
    print(f"{label:<34} {elapsed * 1000:9.0f} ms   ({state})")


def main() -> None:
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if "--fresh" in sys.argv:
        if Village.objects.exists():
            sys.exit("refusing --fresh: villages exist in this database")
        for model in (
            LegacyUnit.successors.through,
            LegacyUnit,
            LegacyDistrict,
            LegacyProvince,
            Unit,
            Province,
            DataLoad,
        ):
            model.objects.all()._raw_delete(using="default")
    first = "first load" if not Unit.objects.exists() else "load (tables not empty)"
    timed(first)
    timed("re-run (same data version)")
    timed("forced re-run (compare, no change)", force=True)
    print(
        f"rows: {Province.objects.count()} provinces, {Unit.objects.count()} units, "
        f"{LegacyUnit.objects.count()} legacy units, "
        f"{LegacyUnit.successors.through.objects.count()} succession links"
    )


if __name__ == "__main__":
    main()
