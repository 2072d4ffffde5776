"""``insert_unless_exists``: one statement, the new key back, a duplicate key ignored."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from danvan.core.db import insert_unless_exists
from danvan.core.models import Notification


def row(key: str, **kwargs) -> Notification:
    values = {"channel": "sms", "recipient": "0912345678", "template": "t", "body": "b"}
    return Notification(idempotency_key=key, **(values | kwargs))


def test_inserts_in_one_statement_and_sets_the_key(db):
    new = row("a", subject="Tiêu đề có dấu")
    with CaptureQueriesContext(connection) as ctx:
        assert insert_unless_exists(new, unique_field="idempotency_key") is True
    assert len(ctx.captured_queries) == 1
    stored = Notification.objects.get(pk=new.pk)
    assert stored.subject == "Tiêu đề có dấu" and stored.status == "queued"
    assert stored.created_at is not None and stored.next_attempt_at is None
    assert not new._state.adding


def test_an_existing_key_is_left_alone_and_the_transaction_goes_on(db):
    first = row("same", body="first")
    insert_unless_exists(first, unique_field="idempotency_key")
    with transaction.atomic():
        second = row("same", body="second")
        assert insert_unless_exists(second, unique_field="idempotency_key") is False
        assert second.pk is None
        # On PostgreSQL a failed statement would abort the transaction: this query proves not.
        assert Notification.objects.get(idempotency_key="same").body == "first"
    assert Notification.objects.count() == 1


def test_a_bad_row_still_raises(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_unless_exists(row("x", channel=None), unique_field="idempotency_key")


def test_an_old_sqlite_is_refused_by_the_system_check():
    from danvan.core.checks import sqlite_errors, sqlite_version_check

    assert sqlite_version_check() == []  # this machine's database is fine
    sqlite = ["django.db.backends.sqlite3"]
    errors = sqlite_errors(sqlite, (3, 31, 1), "3.31.1")
    assert [e.id for e in errors] == ["danvan.E001"] and "3.31.1" in errors[0].msg
    assert sqlite_errors(sqlite, (3, 35, 0), "3.35.0") == []
    assert sqlite_errors(["django.db.backends.postgresql"], (3, 31, 1), "3.31.1") == []
