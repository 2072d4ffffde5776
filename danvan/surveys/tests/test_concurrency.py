"""Concurrent resends of one submission (PostgreSQL): Collect retrying while the first POST
is still being stored must not store it twice."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import close_old_connections, connection

from danvan.surveys.instance import parse_instance
from danvan.surveys.models import Submission
from danvan.surveys.services.collection import submission_receive
from danvan.surveys.tests.conftest import instance_xml

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="true concurrency needs PostgreSQL (SQLite serialises writers)",
    ),
]


def _run_together(*targets):
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def wrap(i, fn):
        try:
            barrier.wait()
            results[i] = fn()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=wrap, args=(i, fn)) for i, fn in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_four_concurrent_resends_store_one(survey_a, enumerator):
    xml = instance_xml(instance_id="uuid:0c0c0c0c-1111-2222-3333-444444444444")

    def send():
        return submission_receive(survey=survey_a, instance=parse_instance(xml), actor=enumerator)

    results = _run_together(send, send, send, send)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(1 for r in results if r.created) == 1
    assert len({r.submission.pk for r in results}) == 1
    assert Submission.objects.filter(survey=survey_a).count() == 1
