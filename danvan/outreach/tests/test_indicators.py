"""Area 1 indicators, registered for the evaluation, against hand-computed figures."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.registry import registries
from danvan.outreach import indicators
from danvan.outreach.services import (
    SessionInput,
    session_record,
    version_save,
    village_languages_set,
)
from danvan.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db


def _session(campaign, officer, village, day, q=0, ok=0):
    session_record(
        campaign=campaign,
        data=SessionInput(
            village_id=village.pk,
            date=day,
            channel="meeting",
            language="vi",
            attendees=20,
            attendees_female=5,
            attendees_minority=5,
            check_questions=q,
            check_correct=ok,
        ),
        actor=officer,
    )


def test_registered():
    keys = {i.key for i in registries.indicators if i.key.startswith("outreach.")}
    assert keys == {
        "outreach.villages_reached",
        "outreach.villages_lacking_language",
        "outreach.comprehension",
    }
    assert all(i.area == 1 for i in registries.indicators if i.key in keys)


def test_villages_reached_in_the_quarter(campaign, officer_a, unit_a, unit_b, villages):
    VillageFactory(unit=unit_a, name="Thôn Bốn")  # 4 villages in A
    _session(campaign, officer_a, villages[0], date(2026, 4, 3))
    _session(campaign, officer_a, villages[0], date(2026, 5, 3))  # same village again
    _session(campaign, officer_a, villages[1], date(2026, 5, 20))
    _session(campaign, officer_a, villages[2], date(2026, 3, 30))  # previous quarter
    # May: the quarter so far (1 April – 31 May) reached Nà Pán and Khuổi Tẳng: 2 of 4.
    result = indicators.villages_reached(
        [unit_a.pk, unit_b.pk], date(2026, 5, 1), date(2026, 5, 31)
    )
    assert result[unit_a.pk] == (2.0, 4.0)
    assert unit_b.pk not in result  # B has no village: no figure rather than 0 of 0
    # March: first quarter, Tổ 5 only.
    assert indicators.villages_reached([unit_a.pk], date(2026, 3, 1), date(2026, 4, 1))[
        unit_a.pk
    ] == (1.0, 4.0)


def test_villages_lacking_language(campaign, officer_a, unit_a, villages):
    village_languages_set(
        unit=unit_a, languages={villages[0].pk: "tay", villages[1].pk: "vi"}, actor=officer_a
    )
    result = indicators.villages_lacking_language([unit_a.pk], date(2026, 4, 1), date(2026, 4, 30))
    assert result[unit_a.pk] == (2.0, 2.0)
    version_save(
        campaign=campaign,
        language="vi",
        title="T",
        body="Nội dung tiếng Việt.",
        author="A",
        actor=officer_a,
    )
    result = indicators.villages_lacking_language([unit_a.pk], date(2026, 4, 1), date(2026, 4, 30))
    assert result[unit_a.pk] == (1.0, 2.0)
    # Outside the campaign's period: nothing to lack.
    assert (
        indicators.villages_lacking_language([unit_a.pk], date(2026, 9, 1), date(2026, 9, 30)) == {}
    )


def test_comprehension(campaign, officer_a, unit_a, villages):
    _session(campaign, officer_a, villages[0], date(2026, 4, 3), q=5, ok=4)
    _session(campaign, officer_a, villages[1], date(2026, 4, 9), q=3, ok=1)
    _session(campaign, officer_a, villages[2], date(2026, 4, 9))  # no check: left out
    # (4 + 1) / (5 + 3) = 62.5 %
    assert indicators.comprehension([unit_a.pk], date(2026, 4, 1), date(2026, 4, 30)) == {
        unit_a.pk: (5.0, 8.0)
    }
