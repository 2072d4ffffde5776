"""The synthetic load generator: counts, mix, calendar and seasonality as documented."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from danvan.cases.models import Case, CaseEvent
from danvan.deadlines.clock import is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def _generate(*extra: str) -> None:
    call_command(
        "generate_load_data", "--communes", "2", "--cases", "3000", "--months", "24",
        "--seed", "7", "--batch", "700", *extra,
    )  # fmt: skip


def test_counts_timelines_and_the_calendar(unit_a, unit_b):
    _generate()
    cases = Case.objects.filter(code__startswith="LD-")
    assert cases.count() == 3000
    assert set(cases.values_list("unit_id", flat=True)) == {unit_a.pk, unit_b.pk}
    closed = cases.filter(closed_at__isnull=False).count()
    assert 0 < closed < 3000
    assert CaseEvent.objects.filter(case__in=cases, kind="received").count() == 3000
    assert CaseEvent.objects.filter(case__in=cases).count() == 3000 + closed
    # Due dates come from the working-day calendar: never a weekend or a holiday.
    assert all(is_working_day(d) for d in cases.values_list("due_date", flat=True).distinct())
    assert not cases.filter(closed_at__isnull=False, on_time__isnull=True).exists()
    assert not cases.filter(closed_at__isnull=True, on_time__isnull=False).exists()
    # Finished cases are "resolved", as the services close them, so the indicators count them.
    assert set(cases.filter(closed_at__isnull=False).values_list("status", flat=True)) == {
        "resolved"
    }


def test_the_mix_is_mostly_dossiers_with_some_late_cases(unit_a, unit_b):
    _generate()
    kinds = Counter(Case.objects.values_list("kind", flat=True))
    assert 0.95 <= kinds["dossier"] / 3000 <= 0.99
    assert len(kinds) >= 4  # the letters' kinds are there too
    late = Case.objects.filter(on_time=False).count()
    on_time = Case.objects.filter(on_time=True).count()
    assert 0 < late < on_time


def test_the_tet_month_is_quieter_than_the_harvest_month(unit_a, unit_b):
    _generate()
    per_month = Counter(
        (d.year, d.month) for d in Case.objects.values_list("received_at", flat=True)
    )

    def per_working_day(month: int) -> float:
        rates = []
        for (year, m), n in per_month.items():
            if m == month:
                first = date(year, m, 1)
                last = date(year + (m == 12), m % 12 + 1, 1)
                rates.append(n / max(1, working_days_between(first, last)))
        return sum(rates) / len(rates)

    assert per_working_day(2) < 0.8 * per_working_day(10)


def test_same_seed_same_data_and_real_data_is_protected(unit_a, unit_b):
    call_command("generate_load_data", "--communes", "1", "--cases", "50", "--seed", "3")
    first = list(Case.objects.order_by("code").values_list("code", "kind", "due_date"))
    Case.objects.all().delete()
    call_command("generate_load_data", "--communes", "1", "--cases", "50", "--seed", "3")
    assert list(Case.objects.order_by("code").values_list("code", "kind", "due_date")) == first

    from danvan.cases.tests.conftest import open_case

    open_case(unit_a)
    with pytest.raises(CommandError, match="real cases"):
        call_command("generate_load_data", "--communes", "1", "--cases", "5")
    with pytest.raises(CommandError, match="positive"):
        call_command("generate_load_data", "--communes", "0", "--cases", "5", "--force")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's")
def test_the_bulk_load_leaves_statistics_for_the_planner(unit_a, unit_b):
    # With autovacuum off or not yet round, a case's timeline was read with a parallel plan.
    _generate()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_stats WHERE attname = 'case_id' "
            "AND tablename LIKE 'cases_caseevent%%'"
        )
        analysed = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'cases_case'")
        case_columns = cursor.fetchone()[0]
    assert analysed and case_columns > 10
