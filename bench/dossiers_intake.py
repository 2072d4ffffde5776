"""One-stop intake rate: dossiers/s through ``dossier_receive`` (code, case, clock, events,
audit, outbox row) on the current DATABASE_URL.

    createdb -h 127.0.0.1 -U postgres danvan_bench_dossiers
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_dossiers \
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_dossiers \
        .venv/bin/python bench/dossiers_intake.py [--n 3000] [--threads 1,4,8]

Each thread receives dossiers for its own commune (desks of different communes work in
parallel) plus, in the "same unit" run, all threads for one commune (they queue on that
commune's daily sequence row: the worst case). Notifications are queued in the outbox; the
task backend is the dummy one so sending is not measured. Rows created are deleted at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ.setdefault("DANVAN_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402

from danvan.accounts.models import Membership  # noqa: E402
from danvan.accounts.roles import Role  # noqa: E402
from danvan.dossiers.models import Procedure  # noqa: E402
from danvan.dossiers.services import dossier_receive  # noqa: E402
from danvan.testing.factories import ProvinceFactory, UnitFactory, UserFactory  # noqa: E402

PREFIX = "97"  # bench units: 97000..97099, outside the real code range


def setup(units: int) -> tuple[list, list, Procedure]:
    province = ProvinceFactory()
    procedure, _ = Procedure.objects.get_or_create(
        code="BENCH.1",
        defaults={
            "name": "Thủ tục đo tốc độ",
            "field": "Đo tốc độ",
            "processing_days": 3,
            "required_documents": ["Tờ khai"],
        },
    )
    made_units, officers = [], []
    for i in range(units):
        unit = UnitFactory(
            code=f"{PREFIX}{i:03d}", name=f"Xã Đo {i}", codename=f"xa_do_{i}", province=province
        )
        user = UserFactory(username=f"bench{i}")
        Membership.objects.get_or_create(user=user, unit=unit, role=Role.ONE_STOP)
        made_units.append(unit)
        officers.append(user)
    return made_units, officers, procedure


def run(
    n: int, threads: int, units: list, officers: list, procedure: Procedure, same_unit: bool
) -> float:
    per_thread = n // threads
    barrier = threading.Barrier(threads + 1)
    errors: list[Exception] = []

    def work(i: int) -> None:
        k = 0 if same_unit else i
        unit, officer = units[k], officers[k]
        barrier.wait()
        try:
            for j in range(per_thread):
                dossier_receive(
                    unit=unit,
                    procedure=procedure,
                    actor=officer,
                    applicant_name=f"Người đo {i}-{j}",
                    applicant_phone="0912345678",
                    channel="desk",
                )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return per_thread * threads / elapsed


def _proc_work(args: tuple[int, int, int, int, int]) -> int:
    k, count, unit_pk, officer_pk, procedure_pk = args
    from django.contrib.auth import get_user_model

    from danvan.territory.models import Unit

    unit = Unit.objects.select_related("province").get(pk=unit_pk)
    officer = get_user_model().objects.get(pk=officer_pk)
    procedure = Procedure.objects.get(pk=procedure_pk)
    for j in range(count):
        dossier_receive(
            unit=unit, procedure=procedure, actor=officer, applicant_name=f"Người đo {k}-{j}"
        )
    connections.close_all()
    return count


def run_processes(
    n: int, processes: int, units: list, officers: list, procedure: Procedure
) -> float:
    """Web workers are processes: one per commune desk, no shared GIL."""
    import multiprocessing

    per = n // processes
    connections.close_all()  # never share a connection across fork
    ctx = multiprocessing.get_context("fork")
    jobs = [(k, per, units[k].pk, officers[k].pk, procedure.pk) for k in range(processes)]
    with ctx.Pool(processes) as pool:
        pool.map(_proc_work, [(k, 2, u, o, p) for k, _c, u, o, p in jobs])  # warm each worker
        started = time.perf_counter()
        done = sum(pool.map(_proc_work, jobs))
        elapsed = time.perf_counter() - started
    return done / elapsed


def cleanup() -> None:
    from danvan.cases.models import Case
    from danvan.core.models import AuditEntry, Notification
    from danvan.dossiers.models import DailySequence, Dossier

    codes = Case.objects.filter(unit__code__startswith=PREFIX)
    Dossier.objects.filter(case__in=codes).delete()
    Notification.objects.filter(unit_code__startswith=PREFIX).delete()
    codes.delete()
    DailySequence.objects.filter(unit__code__startswith=PREFIX).delete()
    with connection.cursor() as cursor:  # the audit log refuses deletes through the ORM
        cursor.execute(
            f"DELETE FROM {AuditEntry._meta.db_table} WHERE unit_code LIKE %s", [PREFIX + "%"]
        )  # noqa: S608


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--threads", default="1,4,8")
    parser.add_argument("--processes", default="", help="e.g. 2,4: also measure worker processes")
    args = parser.parse_args()
    counts = [int(x) for x in args.threads.split(",")]
    procs = [int(x) for x in args.processes.split(",") if x]
    units, officers, procedure = setup(max(counts + procs))
    cleanup()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    dossier_receive(
        unit=units[0], procedure=procedure, actor=officers[0], applicant_name="Khởi động"
    )  # warm-up
    try:
        for threads in counts:
            rate = run(args.n, threads, units, officers, procedure, same_unit=False)
            print(f"{threads:>2} thread(s), one commune each: {rate:8.0f} dossiers/s")
            if threads > 1:
                rate = run(args.n, threads, units, officers, procedure, same_unit=True)
                print(f"{threads:>2} thread(s), all in one commune: {rate:8.0f} dossiers/s")
        for processes in procs:
            rate = run_processes(args.n, processes, units, officers, procedure)
            print(f"{processes:>2} process(es), one commune each: {rate:8.0f} dossiers/s")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
