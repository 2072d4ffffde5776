"""Indicators with numbers computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.registry import registries
from danvan.letters.indicators import (
    backlog,
    processed_on_time,
    reception_days_held,
)
from danvan.letters.services.complaints import complaint_decide
from danvan.letters.services.decisions import DecisionInput, letter_decide
from danvan.letters.services.reception import session_mark, session_schedule

from .conftest import at

pytestmark = pytest.mark.django_db
FEB = (date(2026, 2, 1), date(2026, 3, 1))


def test_registered():
    keys = {i.key for i in registries.indicators if i.key.startswith("letters.")}
    assert keys == {
        "letters.reception_days_held",
        "letters.processed_on_time",
        "letters.complaints_resolved_on_time",
        "letters.denunciations_resolved_on_time",
        "letters.repeat_share",
        "letters.over_level_share",
        "letters.backlog",
    }
    assert all(i.area == 4 for i in registries.indicators if i.key.startswith("letters."))


def test_reception_days(unit_a, unit_b, officer_a):
    # February 2026 has Mondays 2, 9, 16, 23 -> 4 weeks required.
    for day, status in (
        (date(2026, 2, 5), "held"),
        (date(2026, 2, 12), "held"),
        (date(2026, 2, 13), "held"),
        (date(2026, 2, 19), "not_held"),
    ):
        session = session_schedule(unit=unit_a, actor=officer_a, day=day)
        session_mark(session=session, actor=officer_a, status=status, reason="Họp")
    # a vice-chairman's session does not count
    vice = session_schedule(
        unit=unit_a, actor=officer_a, day=date(2026, 2, 26), host_role="vice_chairman"
    )
    session_mark(session=vice, actor=officer_a, status="held")
    result = reception_days_held([unit_a.pk, unit_b.pk], *FEB)
    # B records no session at all in the system: no data, rather than 0 of 4 weeks.
    assert result == {unit_a.pk: (2.0, 4.0)}


def test_letters_on_time_and_shares(receive, unit_a, officer_a):
    from danvan.core.registry import registries

    # due 10/02 (received 27/01): decided 05/02 -> on time
    a = receive(
        unit_a,
        "complaint",
        "Khiếu nại thu hồi đất thửa số 1 của gia đình.",
        name="A",
        phone="0911000001",
    )
    letter_decide(
        letter=a, actor=officer_a, data=DecisionInput(decision="accepted", at=at("05/02/2026"))
    )
    # due 10/02: decided 12/02 -> late
    b = receive(
        unit_a, "petition", "Kiến nghị làm đường vào thôn Nà Pài.", name="B", phone="0911000002"
    )
    letter_decide(
        letter=b,
        actor=officer_a,
        data=DecisionInput(decision="guided", receiving_body="UBND tỉnh", at=at("12/02/2026")),
    )
    # due 10/02: still pending -> late
    receive(
        unit_a, "reflection", "Đèn đường hỏng ở thôn Nà Cà đã lâu.", name="C", phone="0911000003"
    )
    # received in February: its decision is due in February (+ 10 working days) but not yet decided and not past
    assert processed_on_time([unit_a.pk], *FEB) == {unit_a.pk: (1.0, 3.0)}
    # complaint resolved: accepted 05/02, due 07/03 (30 days), decided 20/02 -> on time (in Feb)
    complaint_decide(letter=a, actor=officer_a, decided_at=at("20/02/2026"), summary="Giữ nguyên")
    resolved = registries.indicators.get("letters.complaints_resolved_on_time").compute(
        [unit_a.pk], *FEB
    )
    assert resolved == {unit_a.pk: (1.0, 1.0)}
    # repeats and over-level among letters received in February
    receive(
        unit_a,
        "petition",
        "Kiến nghị làm đường vào thôn Nà Pài.",
        name="B",
        phone="0911000002",
        when=at("16/02/2026"),
    )
    receive(
        unit_a,
        "reflection",
        "Cấp trên chuyển đơn phản ánh về ô nhiễm.",
        name="D",
        phone="0911000004",
        when=at("17/02/2026"),
        channel="superior",
        forwarded_by="Thanh tra tỉnh",
    )
    receive(
        unit_a,
        "reflection",
        "Phản ánh về tiếng ồn của xưởng gỗ ban đêm.",
        name="E",
        phone="0911000005",
        when=at("18/02/2026"),
    )
    assert registries.indicators.get("letters.repeat_share").compute([unit_a.pk], *FEB) == {
        unit_a.pk: (1.0, 3.0)
    }
    assert registries.indicators.get("letters.over_level_share").compute([unit_a.pk], *FEB) == {
        unit_a.pk: (1.0, 3.0)
    }
    # backlog at the end of February: c (pending), the guided repeat closed as duplicate is not, D and E open
    assert backlog([unit_a.pk], *FEB) == {unit_a.pk: (3.0, 1.0)}


def test_a_split_letter_is_processed_once_through_its_parts(receive, unit_a, officer_a):
    """A mixed letter split into two parts is processed through the parts' decisions: the
    split itself is not a third processed letter (it used to count, lifting a commune whose
    parts were all late to one in three on time)."""
    from danvan.letters.services.decisions import Part

    mixed = receive(
        unit_a,
        "mixed",
        "Kiến nghị sửa đường liên thôn và phản ánh đèn chiếu sáng hỏng ở thôn Nà Pán.",
    )
    letter_decide(
        letter=mixed,
        actor=officer_a,
        data=DecisionInput(
            decision="split",
            at=at("28/01/2026"),
            parts=[
                Part("petition", "Kiến nghị sửa đường liên thôn bị hỏng nặng."),
                Part("reflection", "Phản ánh đèn chiếu sáng ở thôn Nà Pán bị hỏng."),
            ],
        ),
    )
    # The parts keep the letter's receipt (27/01), so they fall due on 10/02; both late.
    for part in mixed.parts.all():
        assert part.case.due_date == date(2026, 2, 10)
        letter_decide(
            letter=part,
            actor=officer_a,
            data=DecisionInput(decision="accepted", at=at("12/02/2026")),
        )
    assert processed_on_time([unit_a.pk], *FEB) == {unit_a.pk: (0.0, 2.0)}
