"""Reach per village against figures computed by hand, and the villages lacking their
language."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.outreach import selectors
from danvan.outreach.services import (
    OutreachError,
    SessionInput,
    session_record,
    version_save,
    village_languages_set,
)

pytestmark = pytest.mark.django_db


def _session(campaign, officer, village, attendees, day=date(2026, 3, 10), **kw):
    return session_record(
        campaign=campaign,
        data=SessionInput(
            village_id=village.pk,
            date=day,
            channel=kw.get("channel", "meeting"),
            language=kw.get("language", "vi"),
            attendees=attendees,
            attendees_female=kw.get("female", 0),
            attendees_minority=kw.get("minority", 0),
            check_questions=kw.get("q", 0),
            check_correct=kw.get("ok", 0),
        ),
        actor=officer,
    )


def test_reach_hand_computed(campaign, officer_a, villages):
    na_pan, khuoi_tang, to_5 = villages
    # Nà Pán (120 households): 30 + 20 = 50 attendees → 50/120 = 0.41666… → 0.4167.
    _session(campaign, officer_a, na_pan, 30)
    _session(campaign, officer_a, na_pan, 20, day=date(2026, 4, 2))
    # Khuổi Tẳng (45 households): 60 attendees → 60/45 = 1.33 → capped at 1.
    _session(campaign, officer_a, khuoi_tang, 60)
    # Tổ 5 (households unknown): 10 attendees → no share.
    _session(campaign, officer_a, to_5, 10)

    rows = {r.village.name: r for r in selectors.reach(campaign)}
    assert (rows["Bản Nà Pán"].sessions, rows["Bản Nà Pán"].attendees) == (2, 50)
    assert rows["Bản Nà Pán"].reached_share == 0.4167
    assert rows["Thôn Khuổi Tẳng"].reached_share == 1.0
    assert rows["Thôn Khuổi Tẳng"].attendees == 60
    assert rows["Tổ 5"].reached_share is None
    assert rows["Tổ 5"].households is None


def test_unreached_village_listed_with_zero(campaign, officer_a, villages):
    _session(campaign, officer_a, villages[0], 12)
    rows = {r.village.name: r for r in selectors.reach(campaign)}
    assert rows["Thôn Khuổi Tẳng"].sessions == 0
    assert rows["Thôn Khuổi Tẳng"].reached_share == 0.0
    assert rows["Bản Nà Pán"].reached_share == 0.1  # 12/120


def test_reached_share_function():
    assert selectors.reached_share(0, 100) == 0.0
    assert selectors.reached_share(1, 3) == 0.3333
    assert selectors.reached_share(300, 100) == 1.0
    assert selectors.reached_share(5, 0) is None
    assert selectors.reached_share(5, None) is None


def test_comprehension_score(campaign, officer_a, villages):
    s = _session(campaign, officer_a, villages[0], 40, q=5, ok=4)
    assert s.comprehension_score == 80.0
    assert _session(campaign, officer_a, villages[1], 10).comprehension_score is None


def test_villages_lacking_their_language(campaign, officer_a, villages):
    na_pan, khuoi_tang, to_5 = villages
    village_languages_set(
        unit=campaign.unit, languages={na_pan.pk: "tay", khuoi_tang.pk: "dao"}, actor=officer_a
    )
    lacking = {
        (row.village.name, row.language) for row in selectors.villages_lacking_language(campaign)
    }
    # Tổ 5's language is unknown: not counted.
    assert lacking == {("Bản Nà Pán", "tay"), ("Thôn Khuổi Tẳng", "dao")}
    version_save(
        campaign=campaign,
        language="tay",
        title="Thu hồi đất",
        body="Bản tiếng Tày do người dịch nhập vào.",
        author="Hoàng Văn Dịch",
        actor=officer_a,
    )
    lacking = {row.village.name for row in selectors.villages_lacking_language(campaign)}
    assert lacking == {"Thôn Khuổi Tẳng"}
    # The versions are kept apart: a second save in Tày rewrites Tày only.
    version_save(
        campaign=campaign,
        language="vi",
        title="Thu hồi đất",
        body="Bản tiếng Việt của nội dung.",
        author="Cán bộ văn hóa",
        actor=officer_a,
    )
    versions = {v.language: v.author for v in selectors.versions_of(campaign)}
    assert versions == {"tay": "Hoàng Văn Dịch", "vi": "Cán bộ văn hóa"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"day": date(2026, 2, 28)}, "date"),
        ({"day": date(2026, 7, 1)}, "date"),
        ({"channel": "sms"}, "channel"),
        ({"language": "hmong"}, "language"),
        ({"female": 31}, "attendees_female"),
        ({"minority": 31}, "attendees_minority"),
        ({"q": 3, "ok": 4}, "check_correct"),
    ],
)
def test_session_refused(campaign, officer_a, villages, changes, code):
    with pytest.raises(OutreachError) as err:
        _session(campaign, officer_a, villages[0], 30, **changes)
    assert err.value.code == code
    assert not campaign.sessions.exists()


def test_session_in_another_communes_village_refused(campaign, officer_a, village_b):
    with pytest.raises(OutreachError) as err:
        _session(campaign, officer_a, village_b, 10)
    assert err.value.code == "village"


def test_officer_of_another_commune_cannot_record(campaign, officer_b, villages):
    with pytest.raises(OutreachError) as err:
        _session(campaign, officer_b, villages[0], 10)
    assert err.value.code == "forbidden"
