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
    areas = {i.key: i.area for i in registries.indicators if i.key in keys}
    assert areas == {
        "outreach.villages_reached": 1,
        "outreach.households_reached": 1,
        "outreach.villages_lacking_language": 1,
        "outreach.comprehension": 1,
        "outreach.officers_trained": 5,
        "outreach.training_hours": 5,
        "outreach.models_registered": 6,
        "outreach.models_recognised": 6,
        "outreach.joint_tasks_on_time": 6,
        "outreach.review_meetings_held": 6,
        "outreach.party_reception_days": 6,
    }


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


def test_officers_trained_this_term(unit_a, officer_a):
    from danvan.accounts.roles import Role
    from danvan.outreach.models import Course
    from danvan.outreach.services import training_record
    from danvan.testing.factories import make_officer

    clerk = make_officer("mai", unit=unit_a, roles=[Role.ONE_STOP])
    for code, day in (
        ("MC-01", date(2026, 3, 14)),
        ("DV-01", date(2026, 4, 2)),
        ("MC-01", date(2026, 4, 3)),
    ):
        training_record(
            unit=unit_a,
            course=Course.objects.get(code=code),
            day=day,
            place="",
            officer_ids=[clerk.pk],
            actor=officer_a,
        )
    # Two officers with requirements (alice: leader + one_stop + specialist; mai: one_stop).
    # In March (old term, ends 14/3) mai had MC-01 only: 0 of 2.
    assert indicators.officers_trained([unit_a.pk], date(2026, 3, 1), date(2026, 3, 14)) == {
        unit_a.pk: (0.0, 2.0)
    }
    # In April (new term) mai has DV-01 and MC-01: 1 of 2; the March MC-01 does not count.
    assert indicators.officers_trained([unit_a.pk], date(2026, 4, 1), date(2026, 4, 30)) == {
        unit_a.pk: (1.0, 2.0)
    }


def test_models_registered_and_recognised(unit_a, unit_b):
    from danvan.accounts.roles import Role
    from danvan.outreach.services import ModelInput, model_decide, model_register
    from danvan.testing.factories import make_officer

    women = make_officer("phunu", unit=unit_a, roles=[Role.FRONT], organisation="women")
    secretary = make_officer("bithu", unit=unit_a, roles=[Role.PARTY_SECRETARY])

    def register(registrant, actor, title):
        return model_register(
            data=ModelInput(
                unit=unit_a,
                year=2026,
                registrant=registrant,
                title=title,
                topic="economy",
                problem="Vấn đề",
                objectives="Mục tiêu",
                method="Cách làm",
                area="Thôn",
                forces="Hội",
                resources="",
                starts=date(2026, 1, 1),
                ends=date(2026, 12, 31),
                outputs="Kết quả",
            ),
            actor=actor,
        )

    first = register("women", women, "Mô hình một")
    register("women", women, "Mô hình hai")
    register("party", secretary, "Mô hình ba")
    model_decide(
        model=first, decision="recognise", level="commune", day=date(2026, 12, 1), actor=secretary
    )
    # Bodies: party and women of six.
    result = indicators.models_registered(
        [unit_a.pk, unit_b.pk], date(2026, 12, 1), date(2026, 12, 31)
    )
    assert result == {unit_a.pk: (2.0, 6.0), unit_b.pk: (0.0, 6.0)}
    # Recognised: 1 of 3.
    assert indicators.models_recognised([unit_a.pk], date(2026, 12, 1), date(2026, 12, 31)) == {
        unit_a.pk: (1.0, 3.0)
    }


def test_joint_tasks_and_review_meetings(unit_a, officer_a, monkeypatch):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from danvan.core.localtime import LOCAL_TZ as VN
    from danvan.outreach.services import (
        joint_task_add,
        joint_task_done,
        programme_create,
        review_record,
    )

    today = timezone.localdate()
    programme = programme_create(
        unit=unit_a,
        year=today.year,
        organisation="youth",
        title="Phối hợp với Đoàn Thanh niên",
        signed_on=date(today.year, 1, 5),
        actor=officer_a,
    )
    on_time = joint_task_add(
        programme=programme,
        title="Ra quân làm đường",
        owner="Đoàn",
        deadline=today + timedelta(days=3),
        actor=officer_a,
    )
    late = joint_task_add(
        programme=programme, title="Dọn vệ sinh kênh", owner="Đoàn", deadline=today, actor=officer_a
    )
    joint_task_done(task=on_time, actor=officer_a)
    later = datetime.combine(today + timedelta(days=2), datetime.min.time(), tzinfo=VN).replace(
        hour=9
    )
    monkeypatch.setattr(timezone, "now", lambda: later)
    joint_task_done(task=late, actor=officer_a)
    monkeypatch.undo()
    first = today.replace(day=1)
    result = indicators.joint_tasks_on_time([unit_a.pk], first, today + timedelta(days=40))
    assert result == {unit_a.pk: (1.0, 2.0)}

    review_record(
        programme=programme,
        quarter=1,
        held_on=date(today.year, 3, 30),
        minutes="Giao ban quý I: đánh giá kết quả và nhiệm vụ.",
        actor=officer_a,
    )
    # By the end of June two quarters have ended: 1 meeting of 2.
    assert indicators.review_meetings_held(
        [unit_a.pk], date(today.year, 6, 1), date(today.year, 6, 30)
    ) == {unit_a.pk: (1.0, 2.0)}
    assert (
        indicators.review_meetings_held(
            [unit_a.pk], date(today.year, 2, 1), date(today.year, 2, 28)
        )
        == {}
    )


def test_households_reached_in_the_quarter(campaign, officer_a, unit_a, unit_b, villages):
    # The commune's households unknown on the unit: the villages' sum, 120 + 45 = 165.
    unit_a.households = None
    unit_a.save(update_fields=["households"])
    _session(campaign, officer_a, villages[0], date(2026, 4, 3))  # 20 attendees
    _session(campaign, officer_a, villages[1], date(2026, 5, 20))  # 20
    _session(campaign, officer_a, villages[2], date(2026, 3, 30))  # previous quarter
    got = indicators.households_reached([unit_a.pk, unit_b.pk], date(2026, 5, 1), date(2026, 5, 31))
    # B reached nobody: 0 of its households (known on the unit), not "no data".
    assert got == {unit_a.pk: (40.0, 165.0), unit_b.pk: (0.0, float(unit_b.households))}
    # Households on the unit win over the villages' sum; the numerator is capped.
    unit_a.households = 30
    unit_a.save(update_fields=["households"])
    assert indicators.households_reached([unit_a.pk], date(2026, 5, 1), date(2026, 5, 31)) == {
        unit_a.pk: (30.0, 30.0)
    }
    explained = indicators.explain_households_reached(
        [unit_a.pk], date(2026, 5, 1), date(2026, 5, 31)
    )
    assert explained[unit_a.pk]["groups"] == {"Bản Nà Pán": 20, "Thôn Khuổi Tẳng": 20}
    indicator = registries.indicators.get("outreach.households_reached")
    assert indicator.explain is not None and indicator.value_of(40.0, 165.0) == pytest.approx(
        24.2424, rel=1e-3
    )


def test_training_hours_per_officer_year_to_date(unit_a, unit_b, officer_a, officer_b):
    from danvan.accounts.roles import Role
    from danvan.outreach.models import Course
    from danvan.outreach.services import training_record
    from danvan.testing.factories import make_officer

    clerk = make_officer("mai", unit=unit_a, roles=[Role.ONE_STOP])
    for code, day, who in (
        ("DV-01", date(2025, 12, 1), [clerk.pk]),  # last year: not counted in 2026
        ("MC-01", date(2026, 3, 14), [clerk.pk, officer_a.pk]),  # 16 h each
        ("DT-01", date(2026, 4, 2), [clerk.pk]),  # 8 h
        ("DC-01", date(2026, 6, 2), [clerk.pk]),  # after the period
    ):
        training_record(
            unit=unit_a,
            course=Course.objects.get(code=code),
            day=day,
            place="",
            officer_ids=who,
            actor=officer_a,
        )
    # Two officers of A (alice, mai): (16 + 16 + 8) ÷ 2 = 20 hours each; B: 0 ÷ 1.
    got = indicators.training_hours([unit_a.pk, unit_b.pk], date(2026, 4, 1), date(2026, 4, 30))
    assert got == {unit_a.pk: (40.0, 2.0), unit_b.pk: (0.0, 1.0)}
    indicator = registries.indicators.get("outreach.training_hours")
    assert indicator.value_of(40.0, 2.0) == 20.0 and indicator.goalposts == (0.0, 16.0)
    assert not indicator.is_rate
    explained = indicators.explain_training_hours([unit_a.pk], date(2026, 4, 1), date(2026, 4, 30))
    assert explained[unit_a.pk]["groups"] == {"MC-01": 32, "DT-01": 8}


def test_quarter_end_is_the_last_working_day_not_the_28th():
    # Q2 2024 ends on Sunday 30/06: its last working day is Friday 28/06.
    assert indicators.quarter_last_working_day(2024, 2) == date(2024, 6, 28)
    # Q1 2026 ends on Tuesday 31/03, a working day: the 28th (a Saturday) is not the end.
    assert indicators.quarter_last_working_day(2026, 1) == date(2026, 3, 31)
    assert indicators.quarter_last_working_day(2026, 4) == date(2026, 12, 31)


def test_review_meetings_count_a_quarter_only_once_ended(unit_a, officer_a):
    from danvan.outreach.services import programme_create

    programme_create(
        unit=unit_a,
        year=2026,
        organisation="women",
        title="Phối hợp với Hội Phụ nữ",
        signed_on=date(2026, 1, 5),
        actor=officer_a,
    )
    # A period ending on 28/03/2026: Q1 has not ended yet (it did with the old check).
    assert indicators.review_meetings_held([unit_a.pk], date(2026, 3, 1), date(2026, 3, 28)) == {}
    assert indicators.review_meetings_held([unit_a.pk], date(2026, 3, 1), date(2026, 3, 31)) == {
        unit_a.pk: (0.0, 1.0)
    }
