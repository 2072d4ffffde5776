"""The demo seeder on the two demo communes: what the brief promises, and idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.engagement import demo, selectors
from danvan.engagement.models import Commitment, Dialogue, DialogueStatus, VoterPetition
from danvan.testing.factories import UnitFactory, make_officer

pytestmark = pytest.mark.django_db


def test_demo_seed(province):
    units = [
        UnitFactory(code=code, name=name, codename=f"u{code}", province=province)
        for code, name in (("01843", "Phường Bắc Kạn"), ("02020", "Xã Chợ Đồn"))
    ]
    for n, unit in enumerate(units):
        make_officer(f"lead{n}", unit=unit, roles=[Role.LEADER])
    demo.seed()
    demo.seed()  # idempotent
    last_year = timezone.localdate().year - 1
    for unit in units:
        held = Dialogue.objects.get(unit=unit, status=DialogueStatus.HELD)
        assert held.held_at.year == last_year
        states = [selectors.commitment_state(c) for c in Commitment.objects.filter(unit=unit)]
        assert sorted(states) == ["done_late", "done_on_time", "overdue", "pending"]
        assert Dialogue.objects.filter(unit=unit, status=DialogueStatus.SCHEDULED).count() == 1
        petitions = VoterPetition.objects.filter(unit=unit)
        assert petitions.count() == 4
        assert petitions.filter(previous__isnull=False, round=2).count() == 1
        upward = petitions.get(competent_level="higher")
        assert upward.answered_at is None and upward.case.is_open
        waiting = selectors.public_petitions(unit, timezone.localdate().year)["waiting"]
        assert upward in waiting
