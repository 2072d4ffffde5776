"""compute_due on real dates: counting, cut-off, pauses, extensions, versions, variants."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from danvan.core.registry import DeadlineRuleSource, registries
from danvan.deadlines.clock import DeadlineError, Pause, RuleSpec, compute_due, compute_due_days

D = date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rule", "start", "kwargs", "due"),
    [
        # 10 working days across Tết 2026 (14–22/02 off)
        ("complaint.accept", D(2026, 2, 10), {}, D(2026, 3, 3)),
        # 30 calendar days from 27/01/2026: Tết counts, ends Thursday 26/02
        ("denunciation.resolve", D(2026, 1, 27), {}, D(2026, 2, 26)),
        # calendar period ending on Sunday 01/03/2026 moves to Monday 02/03 (Art. 148)
        ("complaint.resolve.first", D(2026, 1, 30), {}, D(2026, 3, 2)),
        ("complaint.resolve.first", D(2026, 1, 30), {"complex": True}, D(2026, 3, 16)),
        ("complaint.resolve.first", D(2026, 1, 30), {"remote": True}, D(2026, 3, 16)),
        (
            "complaint.resolve.first",
            D(2026, 1, 30),
            {"remote": True, "complex": True},
            D(2026, 3, 31),
        ),
        (
            "complaint.resolve.second",
            D(2026, 3, 2),
            {"remote": True, "complex": True},
            D(2026, 5, 11),
        ),
        ("complaint.second_window", D(2026, 3, 2), {"remote": True}, D(2026, 4, 16)),
        # Hùng Kings 26/04 (Sunday) → 27/04 off; 30/04 and 01/05 off
        ("reception.answer", D(2026, 4, 22), {}, D(2026, 5, 11)),
        ("denunciation.forward", D(2026, 4, 24), {}, D(2026, 5, 6)),
        # 2/9/2026: 31/08 (swap for Saturday 22/08), 01/09, 02/09 off
        ("denunciation.check", D(2026, 8, 28), {}, D(2026, 9, 11)),
        ("denunciation.check", D(2026, 8, 28), {"complex": True}, D(2026, 9, 16)),
        ("onestop.deficiency_return", D(2026, 8, 20), {}, D(2026, 8, 24)),  # Sat 22/08 works
        ("letter.process", D(2026, 12, 30), {}, D(2027, 1, 14)),
        ("inspection.answer", D(2026, 8, 17), {}, D(2026, 9, 3)),  # 01/09 off → 03/09
        ("complaint.filing_limit", D(2026, 1, 1), {}, D(2026, 4, 1)),
    ],
)
def test_table(rule, start, kwargs, due):
    assert compute_due(rule, start, **kwargs).due == due


def test_versioning_across_1_july_2026():
    before = compute_due("complaint.accept", D(2026, 6, 30))
    after = compute_due("complaint.accept", D(2026, 7, 1))
    assert (before.rule.amount, before.rule.confirmed) == (10, True)
    assert (after.rule.amount, after.rule.confirmed) == (7, False)
    assert before.due == D(2026, 7, 14)
    assert after.due == D(2026, 7, 10)
    assert "136/2025" in after.rule.citation
    # ``on`` chooses the version explicitly
    assert compute_due("complaint.accept", D(2026, 7, 1), on=D(2026, 6, 1)).rule.amount == 10


def test_history_before_the_2018_law_uses_the_2011_version():
    r = compute_due("denunciation.resolve", D(2015, 3, 2))
    assert r.rule.amount == 60 and not r.rule.confirmed
    assert "2011" in r.rule.citation


def test_cutoff_at_1500_local_given_as_utc():
    # 14:59 and 15:01 in Asia/Ho_Chi_Minh are 07:59 and 08:01 UTC
    kw = {"amount": 3, "unit": "working", "citation": "QĐ", "one_stop_cutoff": True}
    a = compute_due_days(start=datetime(2026, 3, 3, 7, 59, tzinfo=UTC), **kw)
    b = compute_due_days(start=datetime(2026, 3, 3, 8, 1, tzinfo=UTC), **kw)
    c = compute_due_days(start=datetime(2026, 3, 3, 8, 0, tzinfo=UTC), **kw)  # 15:00 sharp
    assert (a.start, a.due) == (D(2026, 3, 3), D(2026, 3, 6))
    assert (b.start, b.due) == (D(2026, 3, 4), D(2026, 3, 9))
    assert c.due == a.due
    assert b.cutoff_shift and not a.cutoff_shift
    # the same moments given in local time land on the same side of the cut-off
    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    local_a = compute_due_days(start=datetime(2026, 3, 3, 14, 59, tzinfo=vn), **kw)
    local_b = compute_due_days(start=datetime(2026, 3, 3, 15, 1, tzinfo=vn), **kw)
    assert (local_a.start, local_a.due, local_b.start, local_b.due) == (
        a.start,
        a.due,
        b.start,
        b.due,
    )
    # without the cut-off, 15:01 is still that day (so the shift above is the cut-off's)
    plain = compute_due_days(
        start=datetime(2026, 3, 3, 8, 1, tzinfo=UTC), **{**kw, "one_stop_cutoff": False}
    )
    assert plain.start == D(2026, 3, 3) and not plain.cutoff_shift


def test_utc_date_is_converted_before_taking_the_date():
    # 20:00 UTC on 02/03 is 03:00 on 03/03 in Vietnam
    r = compute_due("complaint.accept", datetime(2026, 3, 2, 20, 0, tzinfo=UTC))
    assert r.received == D(2026, 3, 3)


def test_cutoff_received_on_a_day_off():
    r = compute_due_days(
        amount=1, unit="working", start=D(2026, 2, 15), citation="x", one_stop_cutoff=True
    )
    assert r.start == D(2026, 2, 23) and r.due == D(2026, 2, 24)


def test_pause_continues_remaining_days():
    plain = compute_due("complaint.accept", D(2026, 3, 2))  # → 16/03
    assert plain.due == D(2026, 3, 16)
    # paused Wed 04/03 to Mon 09/03: 04, 05, 06 are lost (3 working days)
    r = compute_due("complaint.accept", D(2026, 3, 2), pauses=[Pause(D(2026, 3, 4), D(2026, 3, 9))])
    assert r.due == D(2026, 3, 19)
    # a pause after the due date changes nothing
    late = compute_due(
        "complaint.accept", D(2026, 3, 2), pauses=[Pause(D(2026, 3, 20), D(2026, 3, 30))]
    )
    assert late.due == plain.due


def test_pause_on_calendar_rule_and_restart():
    r = compute_due(
        "inspection.answer", D(2026, 3, 2), pauses=[Pause(D(2026, 3, 5), D(2026, 3, 10))]
    )
    assert r.due == D(2026, 3, 23)  # 17/03 + 5 days = 22/03 (Sunday) → 23/03
    r = compute_due(
        "onestop.deficiency_return",
        D(2026, 3, 2),
        pauses=[Pause(D(2026, 3, 3), D(2026, 3, 10), restart=True)],
    )
    assert r.restarted_from == D(2026, 3, 10) and r.due == D(2026, 3, 13)


def test_open_pause_is_flagged():
    r = compute_due("complaint.accept", D(2026, 3, 2), pauses=[Pause(D(2026, 3, 4), None)])
    assert r.paused
    assert r.due > D(2026, 3, 16)


def test_bad_pause():
    with pytest.raises(DeadlineError) as e:
        compute_due("complaint.accept", D(2026, 3, 2), pauses=[Pause(D(2026, 3, 9), D(2026, 3, 4))])
    assert e.value.code == "invalid_pause"


def test_extensions():
    base = compute_due("denunciation.resolve", D(2026, 3, 2), complex=True)
    one = compute_due("denunciation.resolve", D(2026, 3, 2), complex=True, extensions=1)
    two = compute_due("denunciation.resolve", D(2026, 3, 2), especially_complex=True, extensions=2)
    assert (base.due, one.due, two.due) == (
        D(2026, 4, 1),
        D(2026, 5, 4),
        D(2026, 6, 1),  # 31/05/2026 is a Sunday: the next working day
    )
    custom = compute_due("denunciation.resolve", D(2026, 3, 2), complex=True, extension_days=[10])
    assert custom.due == D(2026, 4, 13)  # 30 + 10 = 11/04 (Saturday) → 13/04
    for kwargs in (
        {"extensions": 1},
        {"complex": True, "extensions": 2},
        {"especially_complex": True, "extensions": 3},
    ):
        with pytest.raises(DeadlineError) as e:
            compute_due("denunciation.resolve", D(2026, 3, 2), **kwargs)
        assert e.value.code == "too_many_extensions"
    with pytest.raises(DeadlineError) as e:
        compute_due("denunciation.resolve", D(2026, 3, 2), complex=True, extension_days=[31])
    assert e.value.code == "invalid_extension"


def test_errors():
    with pytest.raises(DeadlineError) as e:
        compute_due("no.such.rule", D(2026, 3, 2))
    assert e.value.code == "unknown_rule" and "no.such.rule" in e.value.message_vi
    with pytest.raises(DeadlineError) as e:
        compute_due("complaint.accept", D(2009, 12, 31))
    assert e.value.code == "start_out_of_range" and "2010" in e.value.message("en")
    with pytest.raises(DeadlineError) as e:
        compute_due("complaint.accept", D(2036, 1, 2))
    assert e.value.code == "start_out_of_range"
    assert compute_due("complaint.accept", D(2035, 12, 31)).due.year == 2036
    with pytest.raises(DeadlineError) as e:
        compute_due_days(amount=5, unit="fortnight", start=D(2026, 1, 5), citation="x")
    assert e.value.code == "invalid_unit"


def test_minimum_before_and_periodic():
    post = compute_due("democracy.disclosure.post", D(2026, 1, 30))
    assert post.due == D(2026, 3, 1)  # a Sunday: minimum periods are not moved
    assert compute_due("democracy.consultation.min", D(2026, 3, 2)).due == D(2026, 3, 22)
    assert compute_due("democracy.decision.notice", D(2026, 3, 10)).due == D(2026, 3, 8)
    assert compute_due("democracy.village_meeting.notice", D(2026, 12, 20)).due == D(2026, 12, 15)
    assert compute_due("onestop.apology", D(2026, 2, 23)).due == D(2026, 2, 13)
    assert compute_due("reception.chairman.weekly", D(2026, 3, 3)).due == D(2026, 3, 6)
    assert compute_due("democracy.dialogue.annual", D(2026, 3, 3)).due == D(2026, 12, 31)
    assert compute_due("democracy.disclosure.list_update", D(2026, 8, 3)).due == D(2026, 9, 30)
    assert compute_due("reception.party_head.monthly", D(2026, 8, 3)).due == D(2026, 8, 28)


def test_every_required_id_is_in_force_today_and_computes():
    ids = [
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
    for rule_id in ids:
        for year in (2011, 2016, 2026, 2035):
            r = compute_due(rule_id, D(year, 5, 4))
            assert r.due >= D(year, 5, 4), rule_id
            assert r.rule.citation


def test_rule_sources_are_consulted_for_unknown_ids():
    spec = RuleSpec(
        id="testsrc.proc.1", amount=5, unit="working", citation="QĐ 9/QĐ-UBND", one_stop_cutoff=True
    )
    source = DeadlineRuleSource(
        key="testsrc",
        prefix="testsrc.",
        resolve=lambda rid: spec if rid == spec.id else None,
        rules=lambda: iter([spec]),
    )
    registries.deadline_rule_sources.register("testsrc", source)
    try:
        r = compute_due("testsrc.proc.1", datetime(2026, 3, 3, 9, 0, tzinfo=UTC))  # 16:00 local
        assert r.start == D(2026, 3, 4) and r.due == D(2026, 3, 11)
        with pytest.raises(DeadlineError):
            compute_due("testsrc.proc.2", D(2026, 3, 3))
    finally:
        registries.deadline_rule_sources._items.pop("testsrc")
