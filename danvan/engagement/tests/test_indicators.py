"""Indicators of area 6 against figures computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.registry import registries
from danvan.engagement import indicators, services
from danvan.engagement.models import DialogueKind

from .conftest import at, commit, d, petition, schedule

pytestmark = pytest.mark.django_db


def test_registered_on_a_0_100_scale():
    keys = {
        "engagement.dialogues_held",
        "engagement.commitments_on_time",
        "engagement.petitions_on_time",
        "engagement.petitions_reraised",
    }
    for key in keys:
        indicator = registries.indicators.get(key)
        assert indicator.area == 6 and 0 <= indicator.target <= 100


def test_dialogues_held_against_the_yearly_requirement(unit_a, unit_b, officer_a, officer_b):
    annual = schedule(unit_a, officer_a, at("10/03/2026", 8))
    services.dialogue_hold(
        dialogue=annual, actor=officer_a, held_at=at("10/03/2026", 8), attendance=1, summary="x"
    )
    # B held only a thematic one: the yearly requirement is not met.
    thematic = schedule(unit_b, officer_b, at("10/03/2026", 8), kind=DialogueKind.THEMATIC)
    services.dialogue_hold(
        dialogue=thematic, actor=officer_b, held_at=at("10/03/2026", 8), attendance=1, summary="x"
    )
    ids = [unit_a.pk, unit_b.pk]
    assert indicators.dialogues_held(ids, date(2026, 2, 1), date(2026, 2, 28)) == {
        unit_a.pk: (0.0, 1.0),
        unit_b.pk: (0.0, 1.0),
    }
    # From March on, A's year has its dialogue; the next year starts again at zero.
    assert indicators.dialogues_held(ids, date(2026, 3, 1), date(2026, 4, 1)) == {
        unit_a.pk: (1.0, 1.0),
        unit_b.pk: (0.0, 1.0),
    }
    assert indicators.dialogues_held(ids, date(2026, 12, 1), date(2026, 12, 31))[unit_a.pk] == (
        1.0,
        1.0,
    )
    assert indicators.dialogues_held(ids, date(2027, 1, 1), date(2027, 1, 31))[unit_a.pk] == (
        0.0,
        1.0,
    )


def test_commitments_on_time(unit_a, officer_a, held_dialogue):
    # In April 2026: one done on time, one done late, one open past its date (overdue, due in
    # April), one open due in May (not counted in April). Hand figure: 1 of 3.
    on_time = commit(held_dialogue, officer_a, d("10/04/2026"), content="A")
    services.commitment_complete(
        commitment=on_time, actor=officer_a, result="x", at=at("09/04/2026")
    )
    late = commit(held_dialogue, officer_a, d("05/04/2026"), content="B")
    services.commitment_complete(commitment=late, actor=officer_a, result="x", at=at("12/04/2026"))
    commit(held_dialogue, officer_a, d("20/04/2026"), content="C")
    commit(held_dialogue, officer_a, d("20/05/2026"), content="D")
    got = indicators.commitments_on_time([unit_a.pk], date(2026, 4, 1), date(2026, 4, 30))
    assert got == {unit_a.pk: (1.0, 3.0)}


def test_petitions_on_time_and_reraised(unit_a, unit_b, council_a, officer_a):
    # Received 02/03 → due 01/04. Answered 01/04 (on time), 03/04 (late); one open (overdue
    # 01/04); one re-raised in April, open and due in May.
    p1 = petition(unit_a, council_a)
    services.petition_answer(petition=p1, actor=officer_a, answer="x", at=at("01/04/2026"))
    p2 = petition(unit_a, council_a)
    services.petition_answer(petition=p2, actor=officer_a, answer="x", at=at("03/04/2026"))
    petition(unit_a, council_a)
    petition(unit_a, council_a, previous=p2, received="10/04/2026", day="09/04/2026")
    ids = [unit_a.pk, unit_b.pk]
    assert indicators.petitions_on_time(ids, date(2026, 4, 1), date(2026, 4, 30)) == {
        unit_a.pk: (1.0, 3.0)
    }
    # March: 3 received, none re-raised; April: 1 received, re-raised.
    assert indicators.petitions_reraised(ids, date(2026, 3, 1), date(2026, 3, 31)) == {
        unit_a.pk: (0.0, 3.0)
    }
    assert indicators.petitions_reraised(ids, date(2026, 4, 1), date(2026, 5, 1)) == {
        unit_a.pk: (1.0, 1.0)
    }
