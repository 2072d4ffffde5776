"""Small database helpers the ORM has no public API for."""

from __future__ import annotations

from django.db import connections, models, router


def insert_unless_exists(instance: models.Model, *, unique_field: str) -> bool:
    """Insert ``instance`` in one statement, unless a row with the same ``unique_field``
    exists: ``INSERT … ON CONFLICT (field) DO NOTHING RETURNING pk`` (PostgreSQL, and SQLite
    since 3.35).

    Returns True and sets ``instance.pk`` when the row was inserted, False when it existed.
    ``bulk_create(ignore_conflicts=True)`` does the same but cannot return the new key, which
    costs a second round trip on every insert; and it would swallow any constraint, where
    this names the one conflict that is expected.
    """
    model = type(instance)
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    qn = connection.ops.quote_name
    fields = [f for f in meta.concrete_fields if not f.primary_key or f.has_default()]
    columns = ", ".join(qn(str(f.column)) for f in fields)
    values = [f.get_db_prep_save(f.pre_save(instance, add=True), connection) for f in fields]
    placeholders = ", ".join(["%s"] * len(fields))
    conflict = qn(str(meta.get_field(unique_field).column))  # type: ignore[union-attr]
    sql = (
        f"INSERT INTO {qn(str(meta.db_table))} ({columns}) VALUES ({placeholders}) "  # noqa: S608 — names come from the model
        f"ON CONFLICT ({conflict}) DO NOTHING RETURNING {qn(str(meta.pk.column))}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    instance.pk = row[0]
    instance._state.adding = False
    instance._state.db = connection.alias
    return True
