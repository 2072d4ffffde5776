"""``python manage.py generate_load_data --communes N --cases M [--months 24] [--seed 1]``.

Synthetic cases at national scale for benchmarks and load tests (never for a real database:
it refuses unless the database is empty of real cases or ``--force`` is given). The mix is
shaped like the real one (DOMAIN.md §8): almost all dossiers, a few letters of each kind;
wards several times busier than rural communes; fewer cases in the Tết month and more in the
harvest months; each commune with its own late rate (remote communes later). Due dates come
from the working-day calendar of ``danvan.deadlines`` so they never fall on a rest day.

On PostgreSQL rows stream in with ``COPY`` (a million cases in well under a minute); on
SQLite they go in batches of ``bulk_create``. Each case gets its receipt event, and a closed
one its closing event, so timelines and indicators have what they read.
"""

from __future__ import annotations

import io
import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from danvan.cases.kinds import kind_keys
from danvan.cases.models import Case, CaseEvent
from danvan.deadlines.clock import add_working_days, is_working_day
from danvan.territory.models import Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODE_PREFIX = "LD"  # every generated code starts so: easy to find and to delete
# Share of each kind among a commune's cases (kinds not listed share what is left).
KIND_MIX = {"dossier": 0.975, "reflection": 0.008, "petition": 0.006, "complaint": 0.004}
# Working days allowed, by kind (a typical one-stop procedure; letters' 10 working days).
KIND_DAYS = {"dossier": 7}
DEFAULT_DAYS = 10
# Relative volume by month: Tết (Jan/Feb) is quiet, harvest and year-end are busy.
MONTH_WEIGHT = {1: 0.9, 2: 0.6, 3: 1.05, 4: 1.0, 5: 1.0, 6: 1.1, 7: 1.0, 8: 1.0, 9: 1.05, 10: 1.15, 11: 1.1, 12: 1.2}  # fmt: skip
VOLUME_BY_UNIT_KIND = {"phuong": 3.0, "dac_khu": 1.5, "xa": 1.0}


@dataclass(frozen=True)
class Commune:
    id: int
    code: str
    province_code: str
    weight: float
    late_rate: float


def communes(limit: int, rng: random.Random) -> list[Commune]:
    rows = Unit.objects.order_by("code").values_list(
        "id", "code", "province__code", "kind", "is_remote"
    )[:limit]
    out = []
    for pk, code, province_code, kind, remote in rows:
        base = 0.12 if remote else (0.03 if kind == "phuong" else 0.06)
        out.append(
            Commune(
                pk,
                code,
                province_code,
                VOLUME_BY_UNIT_KIND.get(kind, 1.0) * rng.uniform(0.5, 1.5),
                min(0.9, rng.betavariate(2, 2 / base - 2)) if base < 1 else base,
            )
        )
    return out


def working_days_in(months: int, today: date) -> list[date]:
    start = today - timedelta(days=round(months * 30.44))
    days = [start + timedelta(days=i) for i in range((today - start).days)]
    return [d for d in days if is_working_day(d)]


def kind_weights(available: list[str]) -> tuple[list[str], list[float]]:
    known = {k: w for k, w in KIND_MIX.items() if k in available}
    rest = [k for k in available if k not in known]
    left = max(0.0, 1.0 - sum(known.values()))
    weights = {**known, **{k: left / len(rest) for k in rest}} if rest else known
    return list(weights), list(weights.values())


def generate(
    n_cases: int, units: list[Commune], months: int, seed: int
) -> Iterator[dict[str, Any]]:
    """The cases to write, as column values, in a deterministic order for ``seed``."""
    rng = random.Random(seed)  # noqa: S311 — synthetic data, reproducible by its seed
    today = timezone.localdate()
    days = working_days_in(months, today)
    day_weights = [MONTH_WEIGHT[d.month] for d in days]
    kinds, weights = kind_weights(kind_keys())
    if not kinds:
        raise CommandError("no kind of case is registered")
    unit_weights = [u.weight for u in units]
    picked_units = rng.choices(units, unit_weights, k=n_cases)
    picked_days = rng.choices(days, day_weights, k=n_cases)
    picked_kinds = rng.choices(kinds, weights, k=n_cases)
    now = timezone.now()
    for i in range(n_cases):
        unit, day, kind = picked_units[i], picked_days[i], picked_kinds[i]
        minutes = rng.randrange(7 * 60 + 30, 17 * 60)
        received = datetime.combine(day, time(minutes // 60, minutes % 60), VN).astimezone(UTC)
        due = add_working_days(day, KIND_DAYS.get(kind, DEFAULT_DAYS))
        late = rng.random() < unit.late_rate
        if late:
            closed_day = add_working_days(due, rng.randint(1, 10))
        else:
            closed_day = add_working_days(day, rng.randint(1, KIND_DAYS.get(kind, DEFAULT_DAYS)))
        closed = datetime.combine(closed_day, time(15, 0), VN).astimezone(UTC)
        is_closed = closed <= now
        yield {
            "unit_id": unit.id,
            "province_code": unit.province_code,
            "kind": kind,
            "code": f"{CODE_PREFIX}-{unit.code}-{seed}-{i:09d}",
            "secret": secrets.token_hex(4),
            "title": f"Việc mẫu {kind} số {i}",
            "channel": "desk",
            # Finished cases are "resolved", as the services close them (a dossier whose
            # result is ready, a letter answered): the indicators count those.
            "status": "resolved" if is_closed else "in_progress",
            "rule_id": "load.synthetic",
            "received_at": received,
            "accepted_at": received,
            "clock_start": received,
            "due_date": due,
            "closed_at": closed if is_closed else None,
            "on_time": (not late) if is_closed else None,
        }  # fmt: skip


CASE_COLUMNS = [
    "unit_id", "province_code", "kind", "code", "secret", "title", "channel", "applicant_name",
    "applicant_phone", "applicant_email", "applicant_address", "status", "confidential",
    "department", "rule_id", "is_complex", "extensions", "received_at", "accepted_at",
    "clock_start", "due_date", "closed_at", "on_time", "search_name", "alert_stage",
    "created_at", "updated_at",
]  # fmt: skip


def _case_row(c: dict[str, Any], now: datetime) -> tuple[Any, ...]:
    return (
        c["unit_id"], c["province_code"], c["kind"], c["code"], c["secret"], c["title"],
        c["channel"], "", "", "", "", c["status"], False, "", c["rule_id"], False, 0,
        c["received_at"], c["accepted_at"], c["clock_start"], c["due_date"], c["closed_at"],
        c["on_time"], "", 3 if c["closed_at"] is None and c["due_date"] < now.date() else 0,
        now, now,
    )  # fmt: skip


def _copy_text(value: Any) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _write_postgres(batch: list[dict[str, Any]], now: datetime) -> None:
    buf = io.StringIO()
    for c in batch:
        buf.write("\t".join(_copy_text(v) for v in _case_row(c, now)) + "\n")
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY cases_case ({', '.join(CASE_COLUMNS)}) FROM STDIN") as copy:
            copy.write(buf.getvalue())
        codes = [c["code"] for c in batch]
        cursor.execute("SELECT id, code FROM cases_case WHERE code = ANY(%s)", [codes])
        ids = {code: pk for pk, code in cursor.fetchall()}
        events = io.StringIO()
        for c in batch:
            case_id = ids[c["code"]]
            events.write(f"{case_id}\t{c['received_at'].isoformat()}\treceived\tt\t\t{{}}\n")
            if c["closed_at"] is not None:
                events.write(f"{case_id}\t{c['closed_at'].isoformat()}\t{c['status']}\tt\t\t{{}}\n")
        with cursor.copy(
            "COPY cases_caseevent (case_id, at, kind, public, note, data) FROM STDIN"
        ) as copy:
            copy.write(events.getvalue())


def _write_orm(batch: list[dict[str, Any]], now: datetime) -> None:
    cases = Case.objects.bulk_create(
        [Case(**dict(zip(CASE_COLUMNS, _case_row(c, now), strict=True))) for c in batch]
    )
    events = []
    for case, c in zip(cases, batch, strict=True):
        events.append(CaseEvent(case_id=case.pk, at=c["received_at"], kind="received"))
        if c["closed_at"] is not None:
            events.append(CaseEvent(case_id=case.pk, at=c["closed_at"], kind=c["status"]))
    CaseEvent.objects.bulk_create(events)


class Command(BaseCommand):
    help = "Sinh dữ liệu giả lập quy mô lớn để đo hiệu năng / Generate synthetic load data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--communes", type=int, required=True)
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--months", type=int, default=24)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=20000)
        parser.add_argument("--force", action="store_true", help="even if real cases exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["communes"] < 1 or options["cases"] < 1 or options["months"] < 1:
            raise CommandError("--communes, --cases and --months must be positive")
        real = Case.objects.exclude(code__startswith=f"{CODE_PREFIX}-").exists()
        if real and not options["force"]:
            raise CommandError("this database has real cases: refusing without --force")
        rng = random.Random(options["seed"])  # noqa: S311 — reproducible synthetic data
        units = communes(options["communes"], rng)
        if not units:
            raise CommandError("no commune in the database: run load_territory first")
        write = _write_postgres if connection.vendor == "postgresql" else _write_orm
        now = timezone.now()
        batch: list[dict[str, Any]] = []
        written = 0
        rows = generate(options["cases"], units, options["months"], options["seed"])
        for case in rows:
            batch.append(case)
            if len(batch) >= options["batch"]:
                with transaction.atomic():
                    write(batch, now)
                written += len(batch)
                batch = []
                self.stderr.write(f"{written} cases", ending="\r")
        if batch:
            with transaction.atomic():
                write(batch, now)
            written += len(batch)
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner: without them (autovacuum off, or not yet
            # round) a case's events were read with a parallel plan and a hash join over
            # every user, 7 ms instead of 0.1 (docs/benchmarks.md). A bulk load ends so.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE cases_case, cases_caseevent")
        self.stdout.write(f"{written} cases in {len(units)} communes")
