"""Counting invariants, checked with hypothesis on the pure calendar (no database)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.deadlines import workcal
from danvan.deadlines.clock import Pause, RuleSpec, compute_for_rule

CAL = workcal.WorkCalendar.build()
starts = st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 6, 30))
amounts = st.integers(min_value=1, max_value=120)
units = st.sampled_from(["working", "calendar"])
FAST = settings(max_examples=150, deadline=None)


def _rule(amount: int, unit: str) -> RuleSpec:
    return RuleSpec(id="prop", amount=amount, unit=unit, citation="test")


def _due(start: date, amount: int, unit: str, **kw) -> date:
    return compute_for_rule(_rule(amount, unit), start, **kw).due


@FAST
@given(starts, amounts, units)
def test_due_after_start_and_a_working_day(start, amount, unit):
    due = _due(start, amount, unit)
    assert due > start
    assert workcal.get_calendar().is_working_day(due)
    if unit == "calendar":
        assert due >= start + timedelta(days=amount)


@FAST
@given(starts, amounts, amounts, units)
def test_monotone_in_amount(start, a, b, unit):
    small, large = sorted((a, b))
    assert _due(start, small, unit) <= _due(start, large, unit)


@FAST
@given(starts, amounts)
def test_working_count_is_exact(start, amount):
    due = CAL.add_working_days(start, amount)
    assert CAL.working_days_between(start, due) == amount
    assert CAL.is_working_day(due)
    # every day strictly between start and due that is not counted is a day off
    assert CAL.working_days_between(start, due - timedelta(days=1)) == amount - 1


@FAST
@given(starts, amounts, st.integers(0, 40), st.integers(1, 30))
def test_pauses_add_exactly_the_paused_working_days(start, amount, offset, length):
    plain = _due(start, amount, "working")
    p_start = start + timedelta(days=1 + offset)
    p_end = p_start + timedelta(days=length)
    paused = _due(start, amount, "working", pauses=[Pause(p_start, p_end)])
    if p_start > plain:
        assert paused == plain
    else:
        lost = CAL.working_days_between(p_start - timedelta(days=1), p_end - timedelta(days=1))
        assert paused == CAL.add_working_days(plain, lost)
        assert not p_start <= paused < p_end


@FAST
@given(starts, amounts, units, st.integers(1, 200))
def test_an_extra_day_off_never_makes_a_due_date_earlier(start, amount, unit, offset):
    day = start + timedelta(days=offset)
    before = workcal.get_calendar()
    due_before = _due(start, amount, unit)
    try:
        workcal._current = workcal.WorkCalendar.build(
            [*before.overrides, workcal.OverrideDay(day, "day_off", "Nghỉ", "", "QĐ thử")]
        )
        due_after = _due(start, amount, unit)
    finally:
        workcal._current = before
    assert due_after >= due_before
    assert due_after != day


@FAST
@given(starts, amounts, st.integers(1, 3))
def test_extensions_add_up(start, amount, n):
    rule = RuleSpec(
        id="ext",
        amount=amount,
        unit="calendar",
        citation="t",
        max_extensions=3,
        extension_amount=30,
    )
    assert compute_for_rule(rule, start, extensions=n).amount == amount + 30 * n
    assert compute_for_rule(rule, start, extensions=n).due == _due(
        start, amount + 30 * n, "calendar"
    )
