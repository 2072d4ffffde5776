"""Dialogues and commitments: the flow, the clock of commitments, roles and bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.cases.models import Case, CaseStatus
from danvan.core.models import AuditEntry
from danvan.engagement import selectors, services
from danvan.engagement.models import Commitment, DialogueStatus, QuestionStage
from danvan.engagement.services import EngagementError, Forbidden

from .conftest import at, commit, d, schedule

pytestmark = pytest.mark.django_db


def test_leader_schedules_front_confirms_then_held(unit_a, officer_a, front_a):
    dialogue = schedule(unit_a, officer_a, timezone.now() + timedelta(days=10))
    assert dialogue.status == DialogueStatus.SCHEDULED
    assert services.accepts_questions(dialogue)
    services.dialogue_confirm_front(dialogue=dialogue, actor=front_a)
    dialogue.refresh_from_db()
    assert dialogue.front_confirmed_by == front_a
    assert AuditEntry.objects.filter(action="engagement.dialogue_schedule").count() == 1


def test_front_and_council_may_not_schedule(unit_a, front_a, council_a):
    for user in (front_a, council_a):
        with pytest.raises(Forbidden):
            schedule(unit_a, user, timezone.now() + timedelta(days=1))


def test_other_commune_leader_refused(unit_a, officer_a, officer_b):
    with pytest.raises(Forbidden):
        schedule(unit_a, officer_b, timezone.now() + timedelta(days=1))
    dialogue = schedule(unit_a, officer_a, timezone.now() + timedelta(days=1))
    with pytest.raises(Forbidden):
        services.question_record(
            dialogue=dialogue, actor=officer_b, content="Câu hỏi", stage=QuestionStage.DURING
        )


def test_idempotent_schedule(unit_a, officer_a):
    when = timezone.now() + timedelta(days=3)
    first = schedule(unit_a, officer_a, when, key="k1")
    again = schedule(unit_a, officer_a, when, key="k1")
    assert first.pk == again.pk


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("title", "  ", "required"), ("notice", "", "required"), ("place", "x" * 301, "too_long")],
)
def test_schedule_bad_input(unit_a, officer_a, field, value, code):
    kw = {field: value}
    with pytest.raises(EngagementError) as exc:
        schedule(unit_a, officer_a, timezone.now() + timedelta(days=3), **kw)
    assert exc.value.code == code and exc.value.field == field


def test_naive_time_refused(unit_a, officer_a):
    with pytest.raises(EngagementError) as exc:
        schedule(unit_a, officer_a, (timezone.now() + timedelta(days=3)).replace(tzinfo=None))
    assert exc.value.field == "scheduled_at"


def test_hold_in_the_future_refused(unit_a, officer_a):
    dialogue = schedule(unit_a, officer_a, timezone.now() + timedelta(days=3))
    with pytest.raises(EngagementError) as exc:
        services.dialogue_hold(
            dialogue=dialogue,
            actor=officer_a,
            held_at=timezone.now() + timedelta(days=3),
            attendance=10,
            summary="Kết quả",
        )
    assert exc.value.code == "future"


def test_public_question_only_before_the_dialogue(unit_a, officer_a, held_dialogue):
    with pytest.raises(EngagementError) as exc:
        services.question_submit(dialogue=held_dialogue, content="Một câu hỏi đủ dài")
    assert exc.value.code == "closed"
    upcoming = schedule(unit_a, officer_a, timezone.now() + timedelta(days=2))
    q = services.question_submit(
        dialogue=upcoming, content="Một câu hỏi đủ dài", name="Nguyễn Văn A", submission_key="s1"
    )
    again = services.question_submit(
        dialogue=upcoming, content="Một câu hỏi đủ dài", submission_key="s1"
    )
    assert q.pk == again.pk and q.stage == QuestionStage.BEFORE
    with pytest.raises(EngagementError) as exc:
        services.question_submit(dialogue=upcoming, content="ngắn")
    assert exc.value.code == "too_short"


def test_commitment_due_is_the_committed_date(unit_a, officer_a, held_dialogue):
    commitment = commit(held_dialogue, officer_a, d("30/06/2026"))
    case = commitment.case
    assert case.kind == "commitment"
    assert case.due_date == d("30/06/2026")
    assert case.received_at == at("10/03/2026", 8)
    assert case.status == CaseStatus.RECEIVED
    # The due date survives a replay of the timeline (a calendar change recomputes it).
    from danvan.cases import clockstate

    state = clockstate.replay(case)
    assert state.override_due == d("30/06/2026") and state.override_counts_as_due


def test_commitment_closed_by_committed_date_is_on_time(unit_a, officer_a, held_dialogue):
    commitment = commit(held_dialogue, officer_a, d("30/03/2026"))
    services.commitment_complete(
        commitment=commitment, actor=officer_a, result="Đã sửa xong", at=at("30/03/2026", 16)
    )
    case = Case.objects.get(pk=commitment.case_id)
    assert case.status == CaseStatus.RESOLVED and case.on_time is True
    assert selectors.commitment_state(Commitment.objects.get(pk=commitment.pk)) == "done_on_time"


def test_commitment_closed_a_day_late_is_late(unit_a, officer_a, held_dialogue):
    commitment = commit(held_dialogue, officer_a, d("30/03/2026"))
    services.commitment_complete(
        commitment=commitment, actor=officer_a, result="Xong", at=at("31/03/2026", 9)
    )
    case = Case.objects.get(pk=commitment.case_id)
    assert case.on_time is False
    assert selectors.commitment_state(Commitment.objects.get(pk=commitment.pk)) == "done_late"


def test_open_commitment_past_its_date_is_overdue(unit_a, officer_a, held_dialogue):
    commitment = commit(held_dialogue, officer_a, d("30/03/2026"))
    assert selectors.commitment_state(commitment, today=d("31/03/2026")) == "overdue"
    assert selectors.commitment_state(commitment, today=d("30/03/2026")) == "pending"


def test_commitment_rules(unit_a, officer_a, front_a, held_dialogue):
    with pytest.raises(EngagementError) as exc:
        commit(held_dialogue, officer_a, d("09/03/2026"))
    assert exc.value.code == "before_dialogue"
    with pytest.raises(Forbidden):
        commit(held_dialogue, front_a, d("30/03/2026"))
    upcoming = schedule(unit_a, officer_a, timezone.now() + timedelta(days=2))
    with pytest.raises(EngagementError) as exc:
        commit(upcoming, officer_a, d("30/03/2026"))
    assert exc.value.code == "not_held"
    first = commit(held_dialogue, officer_a, d("30/03/2026"), key="c1")
    assert commit(held_dialogue, officer_a, d("30/03/2026"), key="c1").pk == first.pk
    assert Commitment.objects.count() == 1
    with pytest.raises(EngagementError):
        services.commitment_complete(commitment=first, actor=officer_a, result="  ")
    with pytest.raises(EngagementError) as exc:
        services.commitment_complete(
            commitment=first, actor=officer_a, result="Xong", at=at("01/03/2026")
        )
    assert exc.value.code == "before_made"
