"""Area 2 indicators, registered for the evaluation: numerators and denominators per commune."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.registry import registries
from danvan.democracy.indicators import (
    consultations_complete,
    decisions_passed,
    disclosures_on_time,
    recommendations_answered,
)
from danvan.democracy.models import Consultation, Decision, Disclosure, Posting
from danvan.democracy.services.decisions import VoteInput, vote_cast
from danvan.democracy.services.supervision import (
    board_create,
    recommendation_answer,
    recommendation_receive,
)

from .conftest import add_households, open_decision

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_registered_for_area_two():
    keys = {i.key for i in registries.indicators if i.area == 2 and i.key.startswith("democracy.")}
    assert keys == {
        "democracy.disclosures_on_time",
        "democracy.consultations_complete",
        "democracy.decisions_passed",
        "democracy.recommendations_answered",
    }


def _disclosure(unit, decided_on, due_on, category="budget"):
    return Disclosure.objects.create(
        unit=unit,
        category=category,
        title="Dự toán",
        decided_on=decided_on,
        due_on=due_on,
        document=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        document_type="application/pdf",
    )


def test_disclosures_on_time_and_complete(unit_a, unit_b, village_a):
    ok = _disclosure(unit_a, date(2026, 11, 2), date(2026, 11, 9))
    Posting.objects.create(
        unit=unit_a, disclosure=ok, place="commune_office", starts=date(2026, 11, 3)
    )
    Posting.objects.create(
        unit=unit_a,
        disclosure=ok,
        place="village_house",
        village=village_a,
        starts=date(2026, 11, 4),
    )
    late = _disclosure(unit_a, date(2026, 11, 2), date(2026, 11, 9))
    Posting.objects.create(
        unit=unit_a, disclosure=late, place="commune_office", starts=date(2026, 11, 12)
    )
    short = _disclosure(unit_a, date(2026, 11, 2), date(2026, 11, 9))
    Posting.objects.create(
        unit=unit_a,
        disclosure=short,
        place="commune_office",
        starts=date(2026, 11, 3),
        ends=date(2026, 11, 20),
    )
    Posting.objects.create(
        unit=unit_a,
        disclosure=short,
        place="village_house",
        village=village_a,
        starts=date(2026, 11, 3),
    )
    result = disclosures_on_time([unit_a.pk, unit_b.pk], date(2026, 11, 1), date(2026, 11, 30))
    assert result == {unit_a.pk: (1.0, 3.0)}


def test_consultations_need_twenty_days_and_synthesis(unit_a):
    opens = datetime(2026, 10, 1, 8, tzinfo=VN)
    common = {"unit": unit_a, "category": "plans", "title": "T", "summary": "S", "opens": opens}
    Consultation.objects.create(
        **common,
        closes=opens + timedelta(days=25),
        synthesis_published_at=opens + timedelta(days=27),
    )
    Consultation.objects.create(**common, closes=opens + timedelta(days=25))  # no synthesis
    Consultation.objects.create(  # too short (entered before the rule, or imported)
        **common,
        closes=opens + timedelta(days=10),
        synthesis_published_at=opens + timedelta(days=12),
    )
    result = consultations_complete([unit_a.pk], date(2026, 10, 1), date(2026, 10, 31))
    assert result == {unit_a.pk: (1.0, 3.0)}


def test_decisions_passed(village_a, officer_a):
    households = add_households(village_a, 3)
    passed = open_decision(village_a)
    failed = open_decision(village_a)
    for h in households[:2]:
        vote_cast(decision=passed, actor=officer_a, data=VoteInput(household=h, choice="yes"))
    vote_cast(
        decision=failed, actor=officer_a, data=VoteInput(household=households[0], choice="yes")
    )
    closes = datetime(2026, 9, 15, 17, tzinfo=VN)
    Decision.objects.update(closes=closes, opens=closes - timedelta(days=3))
    result = decisions_passed([village_a.unit_id], date(2026, 9, 1), date(2026, 9, 30))
    assert result == {village_a.unit_id: (1.0, 2.0)}


def test_recommendations_answered_within_fifteen_days(unit_a, officer_a):
    board = board_create(
        actor=officer_a,
        unit=unit_a,
        kind="inspection",
        name="Ban TTND",
        term_start=date(2026, 1, 1),
        term_end=date(2030, 1, 1),
    )
    received = datetime(2026, 8, 3, 9, tzinfo=VN)
    on_time = recommendation_receive(
        actor=officer_a,
        board=board,
        title="A",
        content="Nội dung kiến nghị A",
        received_at=received,
    )
    late = recommendation_receive(
        actor=officer_a,
        board=board,
        title="B",
        content="Nội dung kiến nghị B",
        received_at=received,
    )
    recommendation_answer(
        actor=officer_a,
        recommendation=on_time,
        answer="Đã trả lời đầy đủ.",
        at=received + timedelta(days=10),
    )
    recommendation_answer(
        actor=officer_a,
        recommendation=late,
        answer="Đã trả lời đầy đủ.",
        at=received + timedelta(days=25),
    )
    result = recommendations_answered([unit_a.pk], date(2026, 8, 1), date(2026, 8, 31))
    assert result == {unit_a.pk: (1.0, 2.0)}
