"""Dossier codes per Decree 61/2018 Art. 26: ``<unit code>-<YYMMDD>-<NNNN>``.

The number is the unit's daily sequence, taken inside the transaction that creates the
dossier with a single ``UPDATE … SET last = last + 1 … RETURNING last``: the row stays
locked until that transaction ends, so concurrent receptions on any number of servers queue
on it (PostgreSQL row lock; SQLite's IMMEDIATE transactions lock the database), and a
reception that rolls back gives its number back — no duplicates and no gaps. The date part
is the reception date in Asia/Ho_Chi_Minh, always six zero-padded digits, so 1 December and
11 February can never collide (the lesson of DOMAIN §10).
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, connection, transaction

from danvan.dossiers.models import DailySequence, UnitOneStopSettings
from danvan.territory.models import Unit


def agency_code(unit: Unit) -> str:
    """The code printed in dossier codes: the configured agency code, else the unit code.

    Read through the unit's reverse accessor, which a caller keeping the same unit object
    (a benchmark, a batch) pays once; callers load units per request, so a leader's new code
    applies from the next reception."""
    try:
        configured = unit.onestop_settings.agency_code
    except UnitOneStopSettings.DoesNotExist:
        configured = ""
    return configured or unit.code


def format_code(prefix: str, day: date, number: int) -> str:
    return f"{prefix}-{day:%y%m%d}-{number:04d}"


def _bump(unit_id: int, day: date) -> int | None:
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE unit_id = %s AND day = %s RETURNING last",  # noqa: S608 — table name from the model
            [unit_id, day.isoformat()],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else None


def next_number(unit: Unit, day: date) -> int:
    """The next number of ``unit`` on ``day``; call inside the dossier's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the reception's transaction")
    number = _bump(unit.pk, day)
    if number is not None:
        return number
    try:
        with transaction.atomic():  # savepoint: a concurrent first insert of the day
            DailySequence.objects.create(unit_id=unit.pk, day=day, last=1)
        return 1
    except IntegrityError:
        number = _bump(unit.pk, day)
        if number is None:  # pragma: no cover — the row exists, the conflict said so
            raise
        return number


def next_code(unit: Unit, day: date, prefix: str | None = None) -> str:
    return format_code(prefix or agency_code(unit), day, next_number(unit, day))
