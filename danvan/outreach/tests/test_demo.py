"""The demo seeder: a campaign with sessions in a demo commune, idempotent."""

from __future__ import annotations

import pytest

from danvan.accounts.roles import Role
from danvan.outreach import demo
from danvan.outreach.models import Attendance, Campaign, ContentVersion, Session
from danvan.outreach.models_selectors import gallery
from danvan.outreach.selectors import villages_lacking_language
from danvan.testing.factories import UnitFactory, VillageFactory, make_officer

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent(province):
    unit = UnitFactory(
        code="01843", name="Phường Bắc Kạn", codename="phuong_bac_kan", province=province
    )
    for n in range(6):
        VillageFactory(unit=unit, name=f"Tổ {n + 1}")
    make_officer("demo_leader", unit=unit, roles=[Role.LEADER])
    demo.seed()
    demo.seed()
    campaign = Campaign.objects.get()
    assert Session.objects.filter(campaign=campaign).count() >= 4
    assert set(ContentVersion.objects.values_list("language", flat=True)) == {"vi", "tay"}
    # The Nùng and Dao villages still lack their version, on purpose.
    assert {row.language for row in villages_lacking_language(campaign)} == {"nung", "dao"}
    # Training recorded once, and a recognised model in the public gallery.
    assert Attendance.objects.count() == 1
    assert [m.status for m in gallery()] == ["recognised"]
    # The Party secretary's days (held, one not held with its reason), a matter on the
    # Party rule's clock, a supervision with one recommendation answered, one open.
    from danvan.letters.models import ReceptionEntry, ReceptionSession
    from danvan.outreach.models import JointSupervision, SupervisionRecommendation

    days = ReceptionSession.objects.filter(unit=unit, host_role="party_secretary")
    assert days.filter(status="held").count() >= 3
    assert days.filter(status="not_held").exclude(reason="").exists()
    entry = ReceptionEntry.objects.get(unit=unit)
    assert entry.case.rule_id == "reception.party_head.answer"
    assert JointSupervision.objects.count() == 1
    assert SupervisionRecommendation.objects.filter(answered_on__isnull=False).count() == 1
    assert SupervisionRecommendation.objects.filter(answered_on__isnull=True).count() == 1
