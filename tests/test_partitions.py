"""Yearly partitions of the append-only tables on PostgreSQL (docs/deployment.md).

The migrations partition case events, audit entries and indicator values by year; the
``create_partitions`` command (run daily by ``run_periodic``) creates the coming years ahead,
idempotently, and moves rows a default partition holds for a year it creates. SQLite stays
unpartitioned."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from danvan.cases.models import Case, CaseEvent
from danvan.core.models import AuditEntry
from danvan.core.partitions import partitioned_tables
from danvan.core.registry import registries
from danvan.core.services import audit_record
from danvan.evaluation.models import IndicatorValue

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TABLES = {
    "cases_caseevent": "at",
    "core_auditentry": "at",
    "evaluation_indicatorvalue": "period",
}


def _partition_of(model, pk: int) -> str:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tableoid::regclass::text FROM {model._meta.db_table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


def _run(*args: str) -> str:
    out = StringIO()
    call_command("create_partitions", *args, stdout=out)
    return out.getvalue()


@pytest.mark.postgres
def test_migrations_partition_the_append_only_tables_by_year():
    this_year = timezone.localdate().year
    found = {t.table: t for t in partitioned_tables(connection)}
    assert set(TABLES) <= set(found)
    for table, column in TABLES.items():
        info = found[table]
        assert info.column == column
        # This year and the next two exist from the start.
        assert {this_year, this_year + 1, this_year + 2} <= set(info.years)
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [f"{table}_default"])
            assert cursor.fetchone()[0] is not None
    # The tables that others point to, or that need a unique key without a date, stay whole.
    assert not {"cases_case", "core_notification"} & set(found)


@pytest.mark.postgres
def test_create_partitions_creates_years_ahead_idempotently():
    this_year = timezone.localdate().year
    out = _run("--years-ahead", "4")
    for table in TABLES:
        assert f"created {table}_y{this_year + 4}" in out
        assert f"created {table}_y{this_year + 3}" in out
    again = _run("--years-ahead", "4")
    assert "created" not in again and "nothing to create" in again
    years = {t.table: t.years for t in partitioned_tables(connection)}
    for table in TABLES:
        assert years[table][-1] == this_year + 4
        assert list(years[table]) == list(range(years[table][0], this_year + 5))  # no gap


@pytest.mark.postgres
def test_rows_land_in_their_years_partition_and_reads_work(unit_a, officer_a):
    call_command(
        "generate_load_data", "--communes", "1", "--cases", "60", "--months", "20",
        "--seed", "3", stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip
    events = list(CaseEvent.objects.filter(case__unit=unit_a))
    assert len(events) >= 60
    years = set()
    for event in events:
        year = event.at.astimezone(VN).year
        years.add(year)
        assert _partition_of(CaseEvent, event.pk) == f"cases_caseevent_y{year}"
    assert len(years) >= 2  # 20 months span two calendar years
    # A case's timeline reads across the partitions, in order.
    case = Case.objects.filter(unit=unit_a, closed_at__isnull=False).first()
    timeline = list(case.events.order_by("at", "id").values_list("kind", flat=True))
    assert timeline[0] == "received" and len(timeline) == 2

    entry = audit_record(actor=officer_a, action="test.partition", unit_code=unit_a.code)
    assert _partition_of(AuditEntry, entry.pk) == f"core_auditentry_y{timezone.localdate().year}"
    assert AuditEntry.objects.filter(unit_code=unit_a.code, action="test.partition").count() == 1

    value = IndicatorValue.objects.create(
        unit=unit_a, province_code=unit_a.province.code, period=date(2025, 12, 1),
        key="x.rate", area=3, numerator=1, denominator=2, value=0.5,
        computed_at=timezone.now(), data_version="1",
    )  # fmt: skip
    assert _partition_of(IndicatorValue, value.pk) == "evaluation_indicatorvalue_y2025"
    # The partial unique key still holds across the partitioned table.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(
            unit=unit_a, province_code=unit_a.province.code, period=date(2025, 12, 1),
            key="x.rate", area=3, numerator=2, denominator=2, value=1.0,
            computed_at=timezone.now(), data_version="1",
        )  # fmt: skip

    # Deleting a case still takes its events along, whatever their year.
    ids = [e.pk for e in case.events.all()]
    case.delete()
    assert not CaseEvent.objects.filter(pk__in=ids).exists()


@pytest.mark.postgres
def test_old_history_waits_in_the_default_partition_until_its_year_is_created(unit_a):
    call_command(
        "generate_load_data", "--communes", "1", "--cases", "1", "--months", "1",
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip
    case = Case.objects.get(unit=unit_a)
    old = CaseEvent.objects.create(case=case, at=datetime(2001, 6, 1, 3, tzinfo=UTC), kind="note")
    assert _partition_of(CaseEvent, old.pk) == "cases_caseevent_default"
    out = _run()  # the daily run gives the year its partition and moves the row in
    assert "created cases_caseevent_y2001" in out and "cases_caseevent_y2000" not in out
    assert _partition_of(CaseEvent, old.pk) == "cases_caseevent_y2001"
    assert "created" not in _run()
    out = _run("--from-year", "2001")  # fills the gap up to the years there were already
    assert "created cases_caseevent_y2002" in out
    assert CaseEvent.objects.get(pk=old.pk).kind == "note"
    # The local year decides: 31 December 17:30 UTC is already 1 January in Vietnam.
    new_year = CaseEvent.objects.create(
        case=case, at=datetime(2001, 12, 31, 17, 30, tzinfo=UTC), kind="note"
    )
    assert _partition_of(CaseEvent, new_year.pk) == "cases_caseevent_y2002"


def test_the_command_runs_daily_and_is_harmless_without_partitions():
    job = registries.periodic_jobs.get("core.partitions")
    assert job.command == "create_partitions" and job.every_seconds == 86400
    out = _run()
    if connection.vendor == "sqlite":
        assert "nothing to do" in out
    else:
        assert "nothing to create" in out


def test_bad_years_ahead_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--years-ahead"):
        _run("--years-ahead", "-1")
