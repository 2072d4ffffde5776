"""Voters' petitions: the answer clock, upward petitions, re-raising, roles and bad input."""

from __future__ import annotations

import pytest

from danvan.cases.models import Case, CaseStatus
from danvan.deadlines import ruleset
from danvan.deadlines.models import DeadlineRule
from danvan.engagement import selectors, services
from danvan.engagement.models import VoterPetition
from danvan.engagement.services import EngagementError, Forbidden

from .conftest import at, d, meeting, petition

pytestmark = pytest.mark.django_db


def test_rule_is_proposed_and_unconfirmed():
    row = DeadlineRule.objects.get(key="engagement.voter_petition.answer")
    assert (row.amount, row.unit, row.confirmed) == (30, "calendar", False)
    assert "xác nhận" in row.citation


def test_petition_due_thirty_calendar_days_after_receipt(unit_a, council_a):
    # Received Mon 02/03/2026: 30 calendar days later is Wed 01/04/2026, a working day.
    p = petition(unit_a, council_a, received="02/03/2026")
    assert p.case.kind == "voter_petition"
    assert p.case.rule_id == "engagement.voter_petition.answer"
    assert p.case.due_date == d("01/04/2026")
    assert p.round == 1 and p.meeting.held_on == d("01/03/2026")


def test_rule_corrected_by_administrator_moves_new_petitions(unit_a, council_a):
    DeadlineRule.objects.filter(key="engagement.voter_petition.answer").update(amount=15)
    ruleset.invalidate()
    try:
        p = petition(unit_a, council_a, received="02/03/2026")
        assert p.case.due_date == d("17/03/2026")
    finally:
        DeadlineRule.objects.filter(key="engagement.voter_petition.answer").update(amount=30)
        ruleset.invalidate()


def test_answer_on_the_due_date_is_on_time_and_a_day_later_is_late(unit_a, council_a, officer_a):
    p1 = petition(unit_a, council_a)
    services.petition_answer(petition=p1, actor=officer_a, answer="Đã sửa", at=at("01/04/2026"))
    c1 = Case.objects.get(pk=p1.case_id)
    assert (c1.status, c1.on_time) == (CaseStatus.RESOLVED, True)
    p2 = petition(unit_a, council_a)
    services.petition_answer(petition=p2, actor=council_a, answer="Đã sửa", at=at("02/04/2026"))
    assert Case.objects.get(pk=p2.case_id).on_time is False
    with pytest.raises(EngagementError) as exc:
        services.petition_answer(petition=p2, actor=council_a, answer="Lần nữa")
    assert exc.value.code == "answered"


def test_upward_petition_stays_waiting_until_its_answer(unit_a, council_a, officer_a):
    p = petition(unit_a, council_a, level="higher", body="Sở Xây dựng tỉnh Thái Nguyên")
    assert p.is_upward and p.case.is_open
    for year in (2026, 2027, 2030):
        listed = selectors.public_petitions(unit_a, year)
        assert [x.pk for x in listed["waiting"]] == [p.pk]
    services.petition_answer(
        petition=p,
        actor=officer_a,
        answer="Sở đã đưa vào kế hoạch năm 2027.",
        answered_by_body="Sở Xây dựng",
        at=at("20/03/2026"),
    )
    listed = selectors.public_petitions(unit_a, 2026)
    assert listed["waiting"] == []
    assert [x.answer for x in listed["answered"]] == ["Sở đã đưa vào kế hoạch năm 2027."]
    assert listed["answered"][0].answered_by_body == "Sở Xây dựng"


def test_assign_upwards_keeps_it_open(unit_a, council_a, officer_a):
    p = petition(unit_a, council_a)
    assert p.competent_body == f"UBND {unit_a.name}"
    services.petition_assign(
        petition=p, actor=officer_a, competent_level="higher", competent_body="UBND tỉnh"
    )
    p.refresh_from_db()
    case = Case.objects.get(pk=p.case_id)
    assert p.competent_body == "UBND tỉnh" and case.is_open
    assert case.events.filter(kind="handed_on").exists()
    with pytest.raises(EngagementError) as exc:
        services.petition_assign(petition=p, actor=officer_a, competent_level="higher")
    assert exc.value.field == "competent_body"


def test_reraised_petition_is_linked_and_counted(unit_a, council_a, officer_a):
    first = petition(unit_a, council_a)
    services.petition_answer(petition=first, actor=officer_a, answer="Sẽ sửa", at=at("05/03/2026"))
    second = petition(unit_a, council_a, previous=first, received="02/06/2026", day="01/06/2026")
    third = petition(unit_a, council_a, previous=second, received="02/09/2026", day="01/09/2026")
    assert (second.round, third.round) == (2, 3)
    assert [p.pk for p in selectors.chain(third)] == [first.pk, second.pk, third.pk]
    counted = {p.pk: p.times_raised_again for p in selectors.petitions_of(unit_a)}
    assert counted == {first.pk: 1, second.pk: 1, third.pk: 0}
    assert selectors.unit_summary(unit_a)["petitions"]["reraised"] == 2


def test_previous_of_another_commune_refused(unit_a, unit_b, council_a, officer_b):
    other = petition(unit_b, officer_b)
    with pytest.raises(EngagementError) as exc:
        petition(unit_a, council_a, previous=other)
    assert exc.value.code == "bad_previous"


def test_roles(unit_a, council_a, front_a, specialist_a, officer_b):
    assert petition(unit_a, front_a, source="front").source == "front"
    for user in (specialist_a, officer_b):
        with pytest.raises(Forbidden):
            petition(unit_a, user)
    p = petition(unit_a, council_a)
    with pytest.raises(Forbidden):
        services.petition_answer(petition=p, actor=front_a, answer="x")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"content": "ngắn"}, "too_short"),
        ({"source": "mayor"}, "bad_source"),
        ({"competent_level": "moon"}, "bad_level"),
        ({"competent_level": "higher", "competent_body": " "}, "required"),
        ({"received_at": at("28/02/2026")}, "before_meeting"),
    ],
)
def test_bad_input(unit_a, council_a, change, code):
    data = {
        "meeting": meeting(unit_a, council_a),
        "content": "Đề nghị sửa cầu treo qua suối.",
        "source": "council",
        "competent_level": "commune",
        "received_at": at("02/03/2026"),
        **change,
    }
    with pytest.raises(EngagementError) as exc:
        services.petition_record(actor=council_a, data=services.PetitionInput(**data))
    assert exc.value.code == code
    assert VoterPetition.objects.count() == 0


def test_meeting_in_the_future_refused(unit_a, council_a):
    with pytest.raises(EngagementError) as exc:
        services.meeting_record(unit=unit_a, actor=council_a, held_on=d("01/01/2099"), place="X")
    assert exc.value.field == "held_on"


def test_rule_not_in_force_is_a_clear_refusal(unit_a, council_a):
    # An administrator ends the rule: a petition received after that gets a message, not a 500.
    DeadlineRule.objects.filter(key="engagement.voter_petition.answer").update(
        effective_to=d("01/03/2026")
    )
    ruleset.invalidate()
    try:
        with pytest.raises(EngagementError) as exc:
            petition(unit_a, council_a, received="02/03/2026")
        assert exc.value.code == "no_rule_in_force" and "02/03/2026" in str(exc.value.message)
    finally:
        DeadlineRule.objects.filter(key="engagement.voter_petition.answer").update(
            effective_to=None
        )
        ruleset.invalidate()
    assert VoterPetition.objects.count() == 0


def test_double_completion_is_a_clear_refusal(unit_a, officer_a, held_dialogue):
    from .conftest import commit

    c = commit(held_dialogue, officer_a, d("30/06/2026"))
    services.commitment_complete(commitment=c, actor=officer_a, result="x", at=at("11/03/2026"))
    with pytest.raises(EngagementError) as exc:
        services.commitment_complete(commitment=c, actor=officer_a, result="y", at=at("12/03/2026"))
    assert exc.value.code == "closed"
