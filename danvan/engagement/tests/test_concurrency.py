"""Double submits with real concurrent transactions (PostgreSQL): the same Idempotency-Key
sent by several requests at once creates one petition and one commitment; two officers
answering one petition at once record one answer."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.engagement import services
from danvan.engagement.models import Commitment, VoterPetition

from .conftest import at, petition
from .test_api import PETITION

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _together(n: int, fn):  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def wrap(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fn()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=wrap, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_parallel_petition_submits_with_one_key(unit_a, council_a):
    token = api_token_create(user=council_a)[1]

    def send():  # type: ignore[no-untyped-def]
        r = Client().post(
            "/api/v1/democracy/petitions",
            json.dumps(PETITION),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
            HTTP_IDEMPOTENCY_KEY="same",
        )
        return r.status_code, r.json().get("code")

    results = _together(6, send)
    assert all(status == 201 for status, _code in results), results
    assert len({code for _s, code in results}) == 1
    assert VoterPetition.objects.count() == 1


def test_parallel_commitments_with_one_key(unit_a, officer_a, held_dialogue):
    from datetime import date

    def record():  # type: ignore[no-untyped-def]
        return services.commitment_record(
            dialogue=held_dialogue,
            actor=officer_a,
            data=services.CommitmentInput(
                content="Sửa đường", responsible="Địa chính", committed_date=date(2026, 6, 30)
            ),
            idempotency_key="one",
        ).pk

    results = _together(5, record)
    assert len(set(results)) == 1, results
    assert Commitment.objects.count() == 1


def test_two_answers_at_once_record_one(unit_a, council_a, officer_a):
    p = petition(unit_a, council_a)

    def answer(text):  # type: ignore[no-untyped-def]
        return lambda: services.petition_answer(
            petition=VoterPetition.objects.select_related("case", "unit").get(pk=p.pk),
            actor=officer_a,
            answer=text,
            at=at("10/03/2026"),
        )

    fns = [answer("Một"), answer("Hai")]
    results = _together(2, lambda: fns.pop()())
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1, results
    p.refresh_from_db()
    assert p.answer in ("Một", "Hai")
