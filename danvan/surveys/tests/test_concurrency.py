"""Concurrent resends of one submission (PostgreSQL): Collect retrying while the first POST
is still being stored must not store it twice."""

from __future__ import annotations

from danvan.surveys.instance import parse_instance
from danvan.surveys.models import Submission
from danvan.surveys.services.collection import submission_receive
from danvan.surveys.tests.conftest import instance_xml
from danvan.testing.concurrency import POSTGRES_CONCURRENCY, run_together

pytestmark = POSTGRES_CONCURRENCY


def test_four_concurrent_resends_store_one(survey_a, enumerator):
    xml = instance_xml(instance_id="uuid:0c0c0c0c-1111-2222-3333-444444444444")

    def send():
        return submission_receive(survey=survey_a, instance=parse_instance(xml), actor=enumerator)

    results = run_together(send, send, send, send)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(1 for r in results if r.created) == 1
    assert len({r.submission.pk for r in results}) == 1
    assert Submission.objects.filter(survey=survey_a).count() == 1
