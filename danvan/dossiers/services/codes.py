"""Dossier codes per Decree 61/2018 Art. 26: ``<unit code>-<YYMMDD>-<NNNN>``.

The number is the unit's daily sequence, taken inside the transaction that creates the
dossier with a single ``UPDATE … SET last = last + 1 … RETURNING last``: the row stays
locked until that transaction ends, so concurrent receptions on any number of servers queue
on it (PostgreSQL row lock; SQLite's IMMEDIATE transactions lock the database), and a
reception that rolls back gives its number back — no duplicates and no gaps. The date part
is the reception date in Asia/Ho_Chi_Minh, always six zero-padded digits, so 1 December and
11 February can never collide (the lesson of docs/domain.md §10).

The province numbers the dossiers it receives the same way, often with the same prefix: an
import reserves the numbers its codes take in the desk's series (``reserve_number``), and a
number found taken anyway is skipped (``next_free_code``), never a failed reception.

Every prefix a unit's dossier codes carried is recorded in ``CodePrefix`` (by the first
reception of each day here, and by each import), so that no other commune is given it as
its agency code — checked without reading the cases table.

These writes run inside the caller's transaction (a reception, an import) and are audited
by that caller's entry, not here: a number is part of the act that takes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, connection, models, transaction
from django.db.models.functions import Greatest

from danvan.cases.models import Case
from danvan.dossiers.models import CodePrefix, DailySequence, DossierSource, UnitOneStopSettings
from danvan.territory.models import Unit

# How far ahead a taken number is looked for in one query (see ``next_free_code``).
FREE_LOOKAHEAD = 100


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


def _require_transaction(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{name} must run inside the caller's transaction")


def next_number(unit: Unit, day: date, prefix: str | None = None) -> int:
    """The next number of ``unit`` on ``day``; call inside the dossier's transaction.
    ``prefix`` (the agency code by default) is recorded by the day's first reception."""
    _require_transaction("next_number")
    number = _bump(unit.pk, day)
    if number is not None:
        return number
    try:
        with transaction.atomic():  # savepoint: a concurrent first insert of the day
            DailySequence.objects.create(unit_id=unit.pk, day=day, last=1)
    except IntegrityError:
        number = _bump(unit.pk, day)
        if number is None:  # pragma: no cover — the row exists, the conflict said so
            raise
        return number
    # Once a day per unit, off the busy path: the prefix the desk issues codes with.
    record_prefixes(unit, [prefix or agency_code(unit)], source=DossierSource.DESK)
    return 1


def next_code(unit: Unit, day: date, prefix: str | None = None) -> str:
    prefix = prefix or agency_code(unit)
    return format_code(prefix, day, next_number(unit, day, prefix))


def next_free_code(unit: Unit, day: date) -> str:
    """``next_code`` for when the next number's code is already taken — by a dossier that
    did not take its number from the sequence, e.g. imported before imports reserved their
    numbers. Skips to the first free number and moves the sequence there (the numbers
    skipped belong to those dossiers, so the series stays without holes)."""
    prefix = agency_code(unit)
    first = number = next_number(unit, day, prefix)
    while True:
        candidates = {
            format_code(prefix, day, n): n for n in range(number, number + FREE_LOOKAHEAD)
        }
        taken = set(Case.objects.filter(code__in=list(candidates)).values_list("code", flat=True))
        free = next((n for code, n in candidates.items() if code not in taken), None)
        if free is not None:
            break
        number += FREE_LOOKAHEAD
    if free != first:
        DailySequence.objects.filter(unit_id=unit.pk, day=day).update(last=free)
    return format_code(prefix, day, free)


def number_in_series(code: str, prefix: str) -> tuple[date, int] | None:
    """The day and number of ``code`` if it is exactly the code the desk of a unit with
    ``prefix`` gives that number on that day, else None."""
    match = re.fullmatch(re.escape(prefix) + r"-(\d{2})(\d{2})(\d{2})-(\d{4,7})", code)
    if match is None:
        return None
    yy, mm, dd, digits = match.groups()
    try:
        day = date(2000 + int(yy), int(mm), int(dd))
    except ValueError:
        return None
    number = int(digits)
    # "-00012" is not how the desk writes 12: that code can never collide with it.
    if number < 1 or format_code(prefix, day, number) != code:
        return None
    return day, number


def reserve_number(unit: Unit, day: date, number: int) -> None:
    """Make the desk of ``unit`` continue after ``number`` on ``day`` (never lowering it):
    the codes up to it are taken by dossiers from elsewhere. Inside the caller's
    transaction; the day's row stays locked until it ends, as a reception's does."""
    _require_transaction("reserve_number")
    rows = DailySequence.objects.filter(unit_id=unit.pk, day=day)
    at_least = Greatest(models.F("last"), models.Value(number), output_field=models.IntegerField())
    if rows.update(last=at_least):
        return
    try:
        with transaction.atomic():  # savepoint: a reception may create the row meanwhile
            DailySequence.objects.create(unit_id=unit.pk, day=day, last=number)
    except IntegrityError:
        rows.update(last=at_least)


def code_prefix(code: str) -> str:
    """The part of a dossier code before its first "-" (upper case), "" when it has none:
    an agency code has no "-", so its codes are exactly those with it as prefix."""
    head, dash, _rest = code.partition("-")
    return head.upper() if dash else ""


def record_prefixes(unit: Unit, prefixes: Iterable[str], *, source: str) -> None:
    """Remember that dossier codes of ``unit`` carry these prefixes (one statement)."""
    rows = [
        CodePrefix(unit_id=unit.pk, prefix=p.upper(), source=source)
        for p in sorted({p for p in prefixes if p})
    ]
    if rows:
        CodePrefix.objects.bulk_create(rows, ignore_conflicts=True)
