"""The rule table: seeded by migration, corrected with history, cached in memory."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from danvan.deadlines import ruleset, services
from danvan.deadlines.clock import compute_due
from danvan.deadlines.models import DeadlineRule, RuleCorrection
from danvan.deadlines.ruleset import shipped_rows
from danvan.deadlines.signals import rules_changed
from danvan.testing.factories import UserFactory

D = date
pytestmark = pytest.mark.django_db

REQUIRED = [
    "complaint.accept",
    "complaint.resolve.first",
    "complaint.resolve.second",
    "complaint.second_window",
    "denunciation.check",
    "denunciation.forward",
    "denunciation.resolve",
    "letter.process",
    "reception.answer",
    "onestop.deficiency_return",
    "democracy.disclosure.post",
    "democracy.disclosure.deadline",
    "democracy.consultation.min",
    "democracy.decision.report",
    "democracy.decision.recognise",
    "inspection.answer",
]


def test_migration_seeded_every_rule_and_seed_is_rerunnable():
    assert DeadlineRule.objects.count() == len(shipped_rows())
    keys = set(DeadlineRule.objects.values_list("key", flat=True))
    assert set(REQUIRED) <= keys
    assert {
        "complaint.filing_limit",
        "complaint.decision.send",
        "denunciation.notify_acceptance",
        "denunciation.conclusion.send",
        "denunciation.conclusion.act",
        "denunciation.conclusion.publish",
        "denunciation.overdue.report",
        "onestop.apology",
        "democracy.disclosure.loudspeaker",
        "democracy.decision.notice",
        "democracy.village_meeting.notice",
        "reception.chairman.weekly",
        "reception.party_head.monthly",
        "democracy.dialogue.annual",
    } <= keys
    assert services.rules_seed() == 0
    call_command("seed_deadline_rules")
    assert DeadlineRule.objects.count() == len(shipped_rows())


def test_versions_do_not_overlap():
    for key, versions in ruleset.table().items():
        for a, b in zip(versions, versions[1:], strict=False):
            assert a.effective_to is not None and a.effective_to == b.effective_from, key


def test_unconfirmed_values_are_marked():
    assert not DeadlineRule.objects.get(key="letter.process").confirmed
    assert not DeadlineRule.objects.get(key="complaint.accept", amount=7).confirmed
    assert DeadlineRule.objects.get(
        key="complaint.accept", amount=10, effective_from__isnull=False
    ).confirmed


def test_correction_keeps_history_and_reaches_the_clock(django_capture_on_commit_callbacks):
    user = UserFactory(username="root", is_staff=True)
    rule = DeadlineRule.objects.get(key="letter.process")
    assert compute_due("letter.process", D(2026, 3, 2)).due == D(2026, 3, 16)
    seen = []
    rules_changed.connect(
        lambda sender, rule_ids, **k: seen.append(rule_ids), dispatch_uid="t", weak=False
    )
    try:
        with pytest.raises(ValidationError):
            services.rule_correct(actor=user, rule=rule, changes={"amount": 15}, reference=" ")
        with django_capture_on_commit_callbacks(execute=True):
            c = services.rule_correct(
                actor=user,
                rule=rule,
                changes={"amount": 15, "confirmed": True},
                reference="Thông tư 05/2021/TT-TTCP, Điều 7",
            )
    finally:
        rules_changed.disconnect(dispatch_uid="t")
    assert c.changes == {"amount": [10, 15], "confirmed": [False, True]}
    assert c.by == user
    assert seen == [["letter.process"]]
    r = compute_due("letter.process", D(2026, 3, 2))
    assert (r.due, r.rule.amount, r.rule.confirmed) == (D(2026, 3, 23), 15, True)
    assert (
        services.rule_correct(actor=user, rule=rule, changes={"amount": 15}, reference="x") is None
    )
    with pytest.raises(ValidationError):
        services.rule_correct(actor=user, rule=rule, changes={"key": "x"}, reference="x")


def test_admin_correction_requires_a_reference(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    rule = DeadlineRule.objects.get(key="letter.process")
    url = reverse("admin:deadlines_deadlinerule_change", args=[rule.pk])
    resp = client.get(url)
    assert resp.status_code == 200
    data = {
        f.name: getattr(rule, f.name)
        for f in DeadlineRule._meta.fields
        if f.name not in ("id", "created_at", "updated_at")
    }
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update({"amount": 12, "corrections-TOTAL_FORMS": 0, "corrections-INITIAL_FORMS": 0})
    data = {k: v for k, v in data.items() if v is not False}
    resp = client.post(url, data)
    assert resp.status_code == 200
    assert "Cần nêu căn cứ" in resp.content.decode()
    data["correction_reference"] = "QĐ 99/QĐ-TTCP"
    resp = client.post(url, data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    corr = RuleCorrection.objects.get(rule=rule)
    assert corr.changes == {"amount": [10, 12]} and corr.reference == "QĐ 99/QĐ-TTCP"


def test_a_rule_changed_by_another_process_is_read_again_with_the_calendar(monkeypatch):
    from django.utils import timezone

    from danvan.deadlines import workcal
    from danvan.deadlines.clock import is_working_day

    is_working_day(D(2026, 3, 12))  # the calendar and its fingerprint are taken
    before = ruleset.rule_for("letter.process", D(2026, 3, 2)).amount
    # update() sends no signal: as if another web worker had corrected the rule
    DeadlineRule.objects.filter(key="letter.process").update(
        amount=before + 3, updated_at=timezone.now()
    )
    assert ruleset.rule_for("letter.process", D(2026, 3, 2)).amount == before
    monkeypatch.setattr(workcal, "RECHECK_SECONDS", 0.0)
    is_working_day(D(2026, 3, 12))
    assert ruleset.rule_for("letter.process", D(2026, 3, 2)).amount == before + 3


def test_a_rule_changed_before_the_first_calendar_check_is_not_missed(monkeypatch):
    from django.utils import timezone

    from danvan.deadlines import loaders
    from danvan.deadlines.clock import is_working_day

    monkeypatch.setattr(loaders, "_seen", None)  # a process that has just started
    before = ruleset.rule_for("letter.process", D(2026, 3, 2)).amount  # the rules are read
    DeadlineRule.objects.filter(key="letter.process").update(
        amount=before + 2, updated_at=timezone.now()
    )  # ...and another process corrects one before this one ever checked the fingerprint
    is_working_day(D(2026, 3, 12))  # the first calendar build takes the fingerprint
    assert ruleset.rule_for("letter.process", D(2026, 3, 2)).amount == before + 2


def test_rules_other_apps_ship_keep_their_ids_and_versions():
    """Moved out of this app's data file into letters and dossiers: same rows, same
    (id, version) pairs as before the move, still in one table."""
    from danvan.deadlines.data.rules import RULES as OWN

    own = {r["id"] for r in OWN}
    assert "complaint.accept" not in own and "onestop.apology" not in own
    assert {"reception.chairman.weekly", "reception.party_head.monthly", "inspection.answer"} <= own
    versions = dict(
        DeadlineRule.objects.filter(key="complaint.accept").values_list("version", "amount")
    )
    assert versions == {1: 10, 2: 10, 3: 7}
    assert DeadlineRule.objects.filter(key="onestop.apology").count() == 3
    assert DeadlineRule.objects.filter(key="denunciation.resolve", version=1, amount=60).exists()


def test_seeding_after_migrate_adds_only_missing_versions_and_keeps_corrections():
    from danvan.deadlines.apps import _seed_rules

    corrected = DeadlineRule.objects.get(key="letter.process")
    services.rule_correct(actor=None, rule=corrected, changes={"amount": 12}, reference="QĐ 1")
    DeadlineRule.objects.filter(key="onestop.apology", version=3).delete()
    total = DeadlineRule.objects.count()
    _seed_rules()
    assert DeadlineRule.objects.count() == total + 1
    assert DeadlineRule.objects.get(key="letter.process").amount == 12
    assert DeadlineRule.objects.filter(key="onestop.apology", version=3).exists()
