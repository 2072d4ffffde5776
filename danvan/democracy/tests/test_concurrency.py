"""100 concurrent votes from one household count once (PostgreSQL: real concurrent
transactions; SQLite serialises writers, so the test needs a server database)."""

from __future__ import annotations

import threading

from django.db import close_old_connections, connection

from danvan.democracy.models import Decision, Household, Vote
from danvan.democracy.services.decisions import VoteInput, decision_result, vote_cast
from danvan.democracy.services.households import household_codes_issue
from danvan.testing.concurrency import POSTGRES_CONCURRENCY

from .conftest import add_households, open_decision

pytestmark = POSTGRES_CONCURRENCY

VOTES = 100
# The PostgreSQL server is shared (max_connections ~100): 25 connections cast the 100 votes,
# 4 each, all released at once, so the votes still race on the same household.
THREADS = 25


def test_hundred_parallel_votes_count_once(village_a, officer_a):
    add_households(village_a, 3)
    decision = open_decision(village_a, form="online")
    (household, code), *_rest = household_codes_issue(actor=officer_a, village=village_a)
    barrier = threading.Barrier(THREADS)
    outcomes: list[object] = [None] * VOTES

    def cast(worker: int) -> None:
        try:
            barrier.wait()
            for i in range(worker, VOTES, THREADS):
                try:
                    vote = vote_cast(
                        decision=Decision.objects.get(pk=decision.pk),
                        actor=None,
                        data=VoteInput(
                            household=Household.objects.get(pk=household.pk),
                            choice="yes" if i % 2 else "no",
                            code=code,
                        ),
                    )
                    outcomes[i] = vote.receipt
                except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
                    outcomes[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=cast, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert not errors, errors[:3]
    assert len(set(outcomes)) == VOTES  # every vote got its own receipt
    assert Vote.objects.filter(decision=decision).count() == VOTES
    assert Vote.objects.filter(decision=decision, current=True).count() == 1
    result = decision_result(Decision.objects.get(pk=decision.pk))
    assert result["votes"] == 1
    assert result["yes"] + result["no"] == 1


def test_retried_vote_with_one_key_is_stored_once(village_a, officer_a):
    """A client retrying the same request (same Idempotency-Key) in parallel: one vote."""
    add_households(village_a, 2)
    decision = open_decision(village_a)
    household = Household.objects.filter(village=village_a).first()
    workers = 10
    barrier = threading.Barrier(workers)
    receipts: list[object] = [None] * workers

    def cast(i: int) -> None:
        try:
            barrier.wait()
            receipts[i] = vote_cast(
                decision=Decision.objects.get(pk=decision.pk),
                actor=officer_a,
                data=VoteInput(household=household, choice="yes", idempotency_key="retry-1"),
            ).receipt
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            receipts[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=cast, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not [r for r in receipts if isinstance(r, Exception)], receipts
    assert len(set(receipts)) == 1
    assert Vote.objects.filter(decision=decision).count() == 1
