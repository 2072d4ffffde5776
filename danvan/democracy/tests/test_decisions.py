"""Thresholds on their boundaries, the notice, online voting's conditions, one current vote
per household, no vote after closing, the result's report on the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.core.models import AuditEntry
from danvan.democracy.models import Decision, Vote
from danvan.democracy.services.decisions import (
    VoteInput,
    decision_create,
    decision_recognise,
    decision_report,
    decision_result,
    vote_cast,
)
from danvan.democracy.services.errors import DemocracyError
from danvan.democracy.thresholds import threshold_for
from danvan.testing.factories import VillageFactory

from .conftest import add_households, open_decision, vn

pytestmark = pytest.mark.django_db


def _votes(decision, households, choices, actor):
    for household, choice in zip(households, choices, strict=False):
        vote_cast(
            decision=decision, actor=actor, data=VoteInput(household=household, choice=choice)
        )


@pytest.mark.parametrize(
    ("total", "yes", "passed"),
    [(9, 6, True), (9, 5, False), (12, 8, True), (12, 7, False), (10, 7, True), (10, 6, False)],
)
def test_two_thirds_boundary(village_a, officer_a, total, yes, passed):
    households = add_households(village_a, total)
    decision = open_decision(village_a, category="contribution")
    _votes(decision, households, ["yes"] * yes + ["no"] * (total - yes), officer_a)
    result = decision_result(decision)
    assert result["households_total"] == total
    assert result["yes"] == yes
    assert result["passed"] is passed
    # exactly 2/3 of 9 and 12 is 6 and 8; of 10 it is 6.67, so 7
    assert result["threshold"] == {9: 6, 12: 8, 10: 7}[total]


@pytest.mark.parametrize(("yes", "passed"), [(6, True), (5, False)])
def test_more_than_half_with_even_count(village_a, officer_a, yes, passed):
    households = add_households(village_a, 10)
    decision = open_decision(village_a, category="village_rules")
    _votes(decision, households, ["yes"] * yes, officer_a)
    result = decision_result(decision)
    assert result["threshold"] == 6
    assert result["passed"] is passed


def test_threshold_counts_all_households_not_votes(village_a, officer_a):
    """Everybody who voted said yes, but the threshold is over every household."""
    households = add_households(village_a, 10)
    decision = open_decision(village_a, category="self_managed")
    _votes(decision, households[:5], ["yes"] * 5, officer_a)
    result = decision_result(decision)
    assert (result["votes"], result["yes"], result["passed"]) == (5, 5, False)


@pytest.mark.parametrize(("yes", "passed"), [(2, True), (1, False)])
def test_initiative_needs_ten_percent(village_a, officer_a, yes, passed):
    households = add_households(village_a, 20)
    decision = open_decision(village_a, category="initiative")
    _votes(decision, households, ["yes"] * yes, officer_a)
    assert decision_result(decision)["passed"] is passed


def test_threshold_data_is_cited_and_versioned():
    t = threshold_for("democracy.threshold.contribution", vn(2026, 1, 1).date())
    assert (t.numerator, t.denominator, t.strict) == (2, 3, False)
    assert "Luật Thực hiện dân chủ ở cơ sở" in t.citation
    assert t.version == 1


def test_commune_wide_needs_two_thirds_of_villages(unit_a, officer_a):
    villages = [VillageFactory(unit=unit_a, name=f"Thôn {i}") for i in range(3)]
    per_village = [add_households(v, 3) for v in villages]
    decision = open_decision(villages[0], commune=True, category="self_managed")
    # two villages pass (2 of 3 households each), the third does not
    for hs in per_village[:2]:
        _votes(decision, hs, ["yes", "yes", "no"], officer_a)
    _votes(decision, per_village[2], ["no", "no", "yes"], officer_a)
    result = decision_result(decision)
    assert (result["villages_total"], result["villages_passed"], result["threshold"]) == (3, 2, 2)
    assert result["passed"] is True
    assert result["households_total"] == 9


def test_later_vote_replaces_earlier_with_new_receipt(village_a, officer_a):
    (household,) = add_households(village_a, 1)
    decision = open_decision(village_a)
    first = vote_cast(
        decision=decision, actor=officer_a, data=VoteInput(household=household, choice="no")
    )
    second = vote_cast(
        decision=decision, actor=officer_a, data=VoteInput(household=household, choice="yes")
    )
    assert first.receipt != second.receipt
    result = decision_result(decision)
    assert (result["votes"], result["yes"], result["no"]) == (1, 1, 0)
    first.refresh_from_db()
    assert first.current is False and first.replaced_at is not None
    entries = AuditEntry.objects.filter(action="democracy.vote.cast")
    assert entries.count() == 2
    assert entries.first().detail["replaces"] == [first.receipt]


def test_vote_after_closing_refused(village_a, officer_a):
    (household,) = add_households(village_a, 1)
    decision = open_decision(village_a)
    with pytest.raises(DemocracyError) as exc:
        vote_cast(
            decision=decision,
            actor=officer_a,
            data=VoteInput(household=household, choice="yes", at=decision.closes),
        )
    assert exc.value.code == "closed"
    with pytest.raises(DemocracyError) as early:
        vote_cast(
            decision=decision,
            actor=officer_a,
            data=VoteInput(
                household=household, choice="yes", at=decision.opens - timedelta(seconds=1)
            ),
        )
    assert early.value.code == "not_open"
    assert not Vote.objects.exists()


def test_household_of_another_village_refused(village_a, unit_a, officer_a):
    other = VillageFactory(unit=unit_a, name="Thôn Khác")
    (stranger,) = add_households(other, 1)
    add_households(village_a, 2)
    decision = open_decision(village_a)
    with pytest.raises(DemocracyError) as exc:
        vote_cast(
            decision=decision, actor=officer_a, data=VoteInput(household=stranger, choice="yes")
        )
    assert exc.value.code == "bad_household"


def test_officer_of_another_commune_cannot_record(village_a, officer_b):
    (household,) = add_households(village_a, 1)
    decision = open_decision(village_a)
    with pytest.raises(DemocracyError) as exc:
        vote_cast(
            decision=decision, actor=officer_b, data=VoteInput(household=household, choice="yes")
        )
    assert exc.value.code == "forbidden"


def test_notice_at_least_two_days_before(village_a, officer_a):
    add_households(village_a, 3)
    opens = vn(2026, 12, 10, 8)
    common = {
        "actor": officer_a,
        "unit": village_a.unit,
        "village": village_a,
        "scope": "village",
        "category": "self_managed",
        "form": "meeting",
        "title": "Họp bàn",
        "opens": opens,
        "closes": opens + timedelta(hours=3),
    }
    ok = decision_create(**common, noticed_at=vn(2026, 12, 8, 17))
    assert ok.pk
    with pytest.raises(DemocracyError) as exc:
        decision_create(**common, noticed_at=vn(2026, 12, 9, 7))
    assert exc.value.code == "notice_too_late"


def test_online_needs_item_six_and_consent(village_a, officer_a):
    households = add_households(village_a, 4)
    opens = timezone.now() + timedelta(days=3)
    common = {
        "actor": officer_a,
        "unit": village_a.unit,
        "village": village_a,
        "scope": "village",
        "form": "online",
        "title": "Bầu chọn",
        "opens": opens,
        "closes": opens + timedelta(days=2),
    }
    with pytest.raises(DemocracyError) as exc:
        decision_create(**common, category="contribution")
    assert exc.value.code == "online_not_allowed"
    with pytest.raises(DemocracyError) as exc:
        decision_create(**common, category="self_managed")
    assert exc.value.code == "no_online_consent"
    consent = open_decision(village_a, category="online_consent")
    _votes(consent, households, ["yes", "yes", "no"], officer_a)  # 2 of 4: not more than half
    Decision.objects.filter(pk=consent.pk).update(closes=timezone.now())
    with pytest.raises(DemocracyError):
        decision_create(**common, category="self_managed")
    consent2 = open_decision(village_a, category="online_consent")
    _votes(consent2, households, ["yes", "yes", "yes"], officer_a)
    Decision.objects.filter(pk=consent2.pk).update(closes=timezone.now())
    assert decision_create(**common, category="self_managed").form == "online"


def test_report_and_recognition_on_the_clock(village_a, officer_a):
    households = add_households(village_a, 3)
    decision = open_decision(village_a)
    _votes(decision, households, ["yes", "yes"], officer_a)
    with pytest.raises(DemocracyError):
        decision_report(decision=decision, actor=officer_a)
    Decision.objects.filter(pk=decision.pk).update(closes=vn(2026, 12, 1, 17))
    decision.refresh_from_db()
    reported = decision_report(decision=decision, actor=officer_a, at=vn(2026, 12, 2, 9))
    assert reported.final_result["passed"] is True
    assert reported.report_due.isoformat() == "2026-12-08"  # 5 working days after 1/12
    assert reported.recognition_due.isoformat() == "2026-12-09"
    with pytest.raises(DemocracyError) as exc:
        decision_recognise(decision=reported, actor=officer_a, recognised=False, reason="")
    assert exc.value.code == "reason_required"
    done = decision_recognise(decision=reported, actor=officer_a, recognised=True)
    assert done.recognised is True
