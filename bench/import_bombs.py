"""Decompression bombs against the spreadsheet reader every import uses: how small the file,
how fast the refusal, how much memory it costs.

Run: .venv/bin/python bench/import_bombs.py  (no database needed).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")


def main() -> None:
    import django

    django.setup()
    from django.utils import translation

    from danvan.territory.tabular import TabularError, read_table
    from tests.robustness.test_bombs import dimension_bomb, size_bomb

    translation.activate("en")
    for name, make in (("80 MB sheet", size_bomb), ("A1:XFD1048576 sheet", dimension_bomb)):
        data = make()
        start = time.perf_counter()
        try:
            read_table(data, "x.xlsx")
            outcome = "READ (not refused)"
        except TabularError as exc:
            outcome = exc.message
        elapsed = (time.perf_counter() - start) * 1000
        print(f"{name}: {len(data) / 1024:.0f} KB on disk, {elapsed:.1f} ms -> {outcome}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
