"""Legal clock figures: due-date computations per second, and recomputing open due dates
after a calendar change.

    .venv/bin/python bench/deadlines_throughput.py            # 1,000,000 open due dates
    .venv/bin/python bench/deadlines_throughput.py --open 200000 --calls 100000

Prints:
1. ``compute_due`` calls per second on one core (single thread), for working-day rules,
   calendar-day rules, and with the explanation read (built lazily, so it costs only when
   asked for) — best of ``--repeat`` runs, since a shared machine is noisy;
2. the time to rebuild the calendar after an override and to recompute N open due dates
   over the in-memory calendar (all of them, and only those whose period contains the
   changed date);
3. the time to write 10,000 changed due dates back to SQLite (a scratch file, one
   transaction, ``UPDATE ... WHERE id = ?`` on an indexed table of N rows).

The rules come from the shipped data file and the calendar from the ``holidays`` package:
no database is needed for parts 1–2.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from danvan.deadlines import ruleset, workcal  # noqa: E402
from danvan.deadlines.clock import compute_due  # noqa: E402

WORKING_RULES = [
    "complaint.accept",
    "denunciation.check",
    "reception.answer",
    "letter.process",
    "onestop.deficiency_return",
    "democracy.disclosure.deadline",
]
CALENDAR_RULES = ["complaint.resolve.first", "denunciation.resolve", "inspection.answer"]


def _use_shipped_data() -> None:
    # No database access in the measured loop: rules from the data file, holidays only.
    ruleset.install_loader(ruleset.shipped_rules)
    workcal.install_loader(lambda: [], None)


def _inputs(n: int, rules: list[str], seed: int = 1) -> list[tuple[str, date]]:
    rnd = random.Random(seed)
    first = date(2024, 1, 1).toordinal()
    return [(rnd.choice(rules), date.fromordinal(first + rnd.randrange(1500))) for _ in range(n)]


def _rate(
    inputs: list[tuple[str, date]], repeat: int, explain: bool = False
) -> tuple[float, float]:
    """(calls per wall-clock second, calls per CPU second), best of ``repeat``: CPU time is
    the fairer figure on a shared machine, where other processes take turns on the core."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        if explain:
            for rule_id, start in inputs:
                compute_due(rule_id, start).explanation_vi  # noqa: B018
        else:
            for rule_id, start in inputs:
                compute_due(rule_id, start)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return len(inputs) / best_wall, len(inputs) / best_cpu


def _show(label: str, rates: tuple[float, float]) -> None:
    print(f"{label}: {rates[0]:,.0f} /s wall clock, {rates[1]:,.0f} /s per CPU second")


def _rate_variants(inputs: list[tuple[str, date]], repeat: int) -> tuple[float, float]:
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        for rule_id, start in inputs:
            compute_due(rule_id, start, complex=True, remote=True)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return len(inputs) / best_wall, len(inputs) / best_cpu


def throughput(calls: int, repeat: int) -> None:
    compute_due("complaint.accept", date(2026, 2, 10))  # warm the caches
    work = _inputs(calls, WORKING_RULES)
    cal = _inputs(calls, CALENDAR_RULES)
    print(f"(best of {repeat} runs of {calls:,} calls, one thread)")
    _show("compute_due, working-day rules", _rate(work, repeat))
    _show("compute_due, working-day rules, complex/remote variants", _rate_variants(work, repeat))
    _show("compute_due, calendar-day rules", _rate(cal, repeat))
    few = work[: max(1, calls // 20)]
    _show("compute_due + Vietnamese explanation", _rate(few, repeat, explain=True))


def recompute(n_open: int) -> tuple[list[int], list[int]]:
    rnd = random.Random(2)
    first = date(2026, 1, 1).toordinal()
    starts = [first + rnd.randrange(300) for _ in range(n_open)]
    amounts = [rnd.choice((3, 5, 7, 10, 15)) for _ in range(n_open)]
    cal = workcal.get_calendar()
    dues = cal.due_many_working(starts, amounts)

    day = date(2026, 5, 20)
    t0 = time.perf_counter()
    new_cal = workcal.WorkCalendar.build(
        [*cal.overrides, workcal.OverrideDay(day, "day_off", "Nghỉ", "", "QĐ thử")]
    )
    t_build = time.perf_counter() - t0

    t0 = time.perf_counter()
    new_dues = new_cal.due_many_working(starts, amounts)
    t_all = time.perf_counter() - t0
    changed = sum(1 for a, b in zip(dues, new_dues, strict=True) if a != b)

    t0 = time.perf_counter()
    hit = workcal.affected([day.toordinal()], starts, dues)
    sub = new_cal.due_many_working([starts[k] for k in hit], [amounts[k] for k in hit])
    t_filtered = time.perf_counter() - t0
    assert len(sub) == len(hit) >= changed

    print(f"calendar rebuild after an override: {t_build * 1000:,.0f} ms")
    print(
        f"recompute {n_open:,} open working-day due dates: {t_all:.2f} s "
        f"({n_open / t_all:,.0f} /s); {changed:,} changed"
    )
    print(
        f"find the affected ones and recompute only those: {t_filtered:.2f} s "
        f"({len(hit):,} affected)"
    )
    cal_dues = new_cal.due_many_calendar(starts, [a * 6 for a in amounts])
    assert len(cal_dues) == n_open
    return starts, new_dues


def sqlite_writes(n_rows: int, batch: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        con = sqlite3.connect(Path(tmp) / "bench.sqlite3")
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, due TEXT, status TEXT)")
        con.execute("CREATE INDEX c_due ON c (due)")
        with con:
            con.executemany(
                "INSERT INTO c (id, due, status) VALUES (?, ?, 'open')",
                ((i, "2026-06-01") for i in range(1, n_rows + 1)),
            )
        rnd = random.Random(3)
        ids = rnd.sample(range(1, n_rows + 1), batch)
        day = date(2026, 6, 2)
        t0 = time.perf_counter()
        with con:
            con.executemany(
                "UPDATE c SET due = ? WHERE id = ?",
                ((str(day + timedelta(days=k % 7)), i) for k, i in enumerate(ids)),
            )
        dt = time.perf_counter() - t0
        con.close()
    print(
        f"SQLite: write {batch:,} changed due dates (table of {n_rows:,}, indexed): {dt * 1000:,.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--open", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _use_shipped_data()
    throughput(args.calls, args.repeat)
    recompute(args.open)
    sqlite_writes(args.open)


if __name__ == "__main__":
    main()
