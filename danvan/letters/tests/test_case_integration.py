"""Letters hand the clock to the case core: complex acceptance, extensions by criteria, and
decisions entered on a past date, all surviving a recomputation."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.cases.models import CaseEventKind
from danvan.cases.services import cases_recompute_due
from danvan.deadlines.clock import compute_due
from danvan.letters.services.decisions import DecisionInput, letter_decide
from danvan.letters.services.denunciations import denunciation_extend

from .conftest import at

pytestmark = pytest.mark.django_db


def test_complex_complaint_is_declared_to_the_case_core(receive, unit_a, officer_a):
    letter = receive(unit_a, "complaint", "Khiếu nại quyết định thu hồi đất thửa số 12 của xã.")
    accepted = at("27/01/2026", 14)
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(
            decision="accepted", complex=True, criteria=["many_people"], at=accepted
        ),
    )
    case = letter.case
    case.refresh_from_db()
    assert case.is_complex
    assert case.due_date == compute_due("complaint.resolve.first", accepted, complex=True).due
    event = case.events.get(kind=CaseEventKind.ACCEPTED)
    assert event.data["criteria"] == ["many_people"] and event.data["complex"] is True
    # No hand-made due date: the timeline holds no override, a recomputation keeps 45 days.
    assert not case.events.filter(data__clock="override").exists()
    assert cases_recompute_due(case_ids=[case.pk], reason="Lịch thay đổi") == 0


def test_denunciation_extensions_are_clock_extensions(denunciation, officer_a):
    accepted = at("02/02/2026")
    letter = letter_decide(
        letter=denunciation, actor=officer_a, data=DecisionInput(decision="accepted", at=accepted)
    )
    for days in (30, 20):
        denunciation_extend(
            letter=letter,
            actor=officer_a,
            criteria=["several_places", "many_people"],
            days=days,
            reason="Xác minh nhiều nơi",
        )
    case = letter.case
    case.refresh_from_db()
    expected = compute_due(
        "denunciation.resolve", accepted, especially_complex=True, extension_days=[30, 20]
    )
    assert case.due_date == expected.due and case.extensions == 2
    events = list(case.events.filter(kind=CaseEventKind.EXTENDED).order_by("at", "id"))
    assert [e.data["clock"] for e in events] == ["extend", "extend"]
    assert [e.data["days"] for e in events] == [30, 20]
    assert events[0].data["criteria"] == ["many_people", "several_places"]
    assert cases_recompute_due(case_ids=[case.pk], reason="Lịch thay đổi") == 0
    case.refresh_from_db()
    assert case.due_date == expected.due


def test_forwarding_on_a_past_date_is_stamped_then(denunciation, officer_a):
    decided = at("02/02/2026", 10)
    letter = letter_decide(
        letter=denunciation,
        actor=officer_a,
        data=DecisionInput(decision="forwarded", receiving_body="Thanh tra tỉnh", at=decided),
    )
    events = list(letter.case.events.order_by("at", "id"))
    assert [e.kind for e in events][-2:] == [CaseEventKind.NOTE, CaseEventKind.TRANSFERRED]
    note = events[-2]
    assert note.at == decided and note.data["due_date"] == date(2026, 2, 3).isoformat()


@pytest.fixture
def fresh_clock():
    """The day off below is rolled back with the test; the in-memory calendar must follow."""
    from danvan.deadlines import loaders

    yield
    loaders.invalidate_all()


def test_a_day_off_added_later_moves_the_pending_decision_deadline(
    receive, unit_a, officer_a, django_capture_on_commit_callbacks, fresh_clock
):
    from danvan.deadlines.services import override_create

    waiting = receive(unit_a, "reflection")  # received Tuesday 27/01/2026
    decided = receive(unit_a, "petition", "Kiến nghị làm đèn đường thôn Nà Pán.")
    letter_decide(
        letter=decided,
        actor=officer_a,
        data=DecisionInput(decision="forwarded", receiving_body="UBND tỉnh", at=at("28/01/2026")),
    )
    decided.refresh_from_db()
    before_waiting, before_decided = waiting.decision_due, decided.decision_due
    with django_capture_on_commit_callbacks(execute=True):  # the recomputation task runs
        override_create(
            actor=officer_a,
            day=date(2026, 1, 29),
            kind="day_off",
            name_vi="Nghỉ bù",
            reference="QĐ 1/UBND",
        )
    waiting.refresh_from_db(), decided.refresh_from_db()
    waiting.case.refresh_from_db()
    assert waiting.case.due_date > before_waiting
    assert waiting.decision_due == waiting.case.due_date  # followed the case
    assert decided.decision_due == before_decided  # a decided letter keeps its history


def test_a_pause_on_the_case_page_moves_the_decision_deadline(receive, unit_a, officer_a, client_a):
    """Letters have no pause of their own before the decision: the generic case page's is
    used, and the decision's deadline (for "processed on time") follows it."""
    from django.urls import reverse

    from danvan.letters.indicators import processed_on_time

    feb, mar = (date(2026, 2, 1), date(2026, 3, 1)), (date(2026, 3, 1), date(2026, 4, 1))

    def act(letter, action, **data):  # type: ignore[no-untyped-def]
        url = reverse("cases:act", args=[letter.code, action])
        response = client_a.post(url, {f"{action}-{k}": v for k, v in data.items()})
        assert response.status_code == 302, response.content.decode()[:500]

    resumed = receive(unit_a, "reflection", "Đèn đường thôn Nà Cà hỏng đã lâu.")
    assert resumed.decision_due == date(2026, 2, 10)  # received 27/01: 10 working days
    act(resumed, "pause", at="2026-01-28T09:00", reason="Chờ người gửi ký vào đơn")
    act(resumed, "resume", at="2026-03-02T09:00")
    resumed.case.refresh_from_db()
    moved = resumed.case.due_date
    assert moved > date(2026, 3, 2)
    # Pending: measured against the case's deadline, no longer due in February.
    assert processed_on_time([unit_a.pk], *feb) == {}
    assert processed_on_time([unit_a.pk], *mar) == {unit_a.pk: (0.0, 1.0)}
    letter_decide(
        letter=resumed,
        actor=officer_a,
        data=DecisionInput(decision="accepted", at=at("02/03/2026", 10)),
    )
    resumed.refresh_from_db()
    assert resumed.decision_due == moved
    assert processed_on_time([unit_a.pk], *mar) == {unit_a.pk: (1.0, 1.0)}

    # Decided while still paused: the pause counts up to the decision, as when a case closes.
    waiting = receive(unit_a, "petition", "Kiến nghị làm đèn đường thôn Nà Pán.")
    act(waiting, "pause", at="2026-01-28T09:00", reason="Chờ người gửi bổ sung địa chỉ")
    letter_decide(
        letter=waiting,
        actor=officer_a,
        data=DecisionInput(decision="guided", receiving_body="UBND tỉnh", at=at("02/03/2026")),
    )
    waiting.refresh_from_db()
    waiting.case.refresh_from_db()
    assert waiting.decision_due == waiting.case.due_date > date(2026, 3, 2)
