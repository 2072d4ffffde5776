"""Double submits with real concurrent transactions (PostgreSQL): one campaign for one
Idempotency-Key, and the Party committee's cap of 3 models a year holds under a race."""

from __future__ import annotations

from datetime import date

from danvan.accounts.roles import Role
from danvan.outreach.models import Campaign, SkilfulModel
from danvan.outreach.services import CampaignInput, ModelInput, campaign_create, model_register
from danvan.testing.concurrency import POSTGRES_CONCURRENCY, run_together
from danvan.testing.factories import make_officer

pytestmark = POSTGRES_CONCURRENCY


def test_same_key_twice_at_once(unit_a, officer_a):
    def create():
        return campaign_create(
            data=CampaignInput(
                unit=unit_a,
                subject="Tuyên truyền Luật Đất đai",
                audiences=["village"],
                channels=["meeting"],
                languages=["vi"],
                starts=date(2026, 1, 1),
                ends=date(2026, 6, 30),
                submission_key="api:1:same",
            ),
            actor=officer_a,
        ).pk

    results = run_together(create, create, create)
    assert Campaign.objects.count() == 1
    assert results == [Campaign.objects.get().pk] * 3


def test_party_cap_under_a_race(unit_a):
    secretary = make_officer("bithu", unit=unit_a, roles=[Role.PARTY_SECRETARY])

    def register(n):
        return lambda: model_register(
            data=ModelInput(
                unit=unit_a,
                year=2026,
                registrant="party",
                title=f"Mô hình {n}",
                topic="economy",
                problem="Vấn đề",
                objectives="Mục tiêu",
                method="Cách làm",
                area="Thôn",
                forces="Đảng ủy",
                resources="",
                starts=date(2026, 1, 1),
                ends=date(2026, 12, 31),
                outputs="Kết quả",
            ),
            actor=secretary,
        )

    run_together(*(register(n) for n in range(5)))
    assert SkilfulModel.objects.filter(registrant="party").count() == 3


def test_supervision_and_recommendation_same_key_at_once(unit_a, officer_a):
    from django.utils import timezone

    from danvan.outreach.models import JointSupervision, SupervisionRecommendation
    from danvan.outreach.services import SupervisionInput, recommendation_add, supervision_create

    def create():
        return supervision_create(
            data=SupervisionInput(
                unit=unit_a,
                organisation="women",
                subject="Giám sát chi trả bồi thường",
                starts=date(2026, 1, 5),
                ends=date(2026, 1, 9),
                participants="Hội Phụ nữ, UBND xã",
                submission_key="api:1:sup",
            ),
            actor=officer_a,
        ).pk

    results = run_together(create, create, create)
    supervision = JointSupervision.objects.get()
    assert results == [supervision.pk] * 3

    def recommend():
        return recommendation_add(
            supervision=supervision,
            text="Đề nghị chi trả đủ tiền bồi thường",
            addressee="UBND xã",
            sent_on=timezone.localdate(),
            actor=officer_a,
            submission_key="api:1:rec",
        ).pk

    results = run_together(recommend, recommend)
    row = SupervisionRecommendation.objects.get()
    assert results == [row.pk] * 2
    # One case on the clock, not two.
    from danvan.cases.models import Case

    assert Case.objects.filter(kind="supervision_answer").count() == 1


def test_party_day_scheduled_twice_at_once(unit_a):
    from danvan.letters.models import ReceptionSession
    from danvan.outreach import party_reception

    secretary = make_officer("bithu2", unit=unit_a, roles=[Role.PARTY_SECRETARY])

    def schedule():
        return party_reception.schedule(
            unit=unit_a, day=date(2026, 3, 10), host_name="", place="", actor=secretary
        ).pk

    results = run_together(schedule, schedule)
    assert ReceptionSession.objects.filter(unit=unit_a, host_role="party_secretary").count() == 1
    # The other one is refused with the schedule's own message, never a second day or a 500.
    from danvan.letters.services.errors import LetterError

    assert sum(isinstance(r, int) for r in results) == 1
    refused = next(r for r in results if not isinstance(r, int))
    assert isinstance(refused, LetterError) and refused.code == "session_exists"
