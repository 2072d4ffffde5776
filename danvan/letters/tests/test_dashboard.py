"""The letters card on the officers' dashboard: right counts for the officer's own commune,
each count linking to the list that shows exactly those letters, no personal data, and a
constant number of queries whatever the number of letters."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from danvan.cases.models import CaseEventKind
from danvan.cases.selectors_queue import week_end
from danvan.cases.services import case_set_due
from danvan.letters.models import ReceptionSession
from danvan.letters.selectors import dashboard_figures
from danvan.letters.services.decisions import DecisionInput, letter_decide
from danvan.letters.services.reception import EntryInput, entry_answer, entry_record
from danvan.letters.services.reception import session_schedule as schedule

from .conftest import DENOUNCER_NAME, DENOUNCER_PHONE

pytestmark = pytest.mark.django_db

HOME = "/can-bo/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PEOPLE = ("Nguyễn Văn Dân", "0987000111", "Lê Thị Khách", "0933000444", DENOUNCER_NAME)


@pytest.fixture(autouse=True)
def _fixed_clock():
    # "Today" decides what is due this week, overdue or old: on a fixed day (a Wednesday,
    # the clock still running) the test means the same whatever day it runs on.
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English leaves its language active in the thread: start and end each
    # test in the default one, so no test depends on which ran before.
    translation.deactivate()
    yield
    translation.deactivate()


def _due(letter_or_case, days: int, actor) -> None:
    """Put a case's due date ``days`` from today (a decided date, like an apology's)."""
    case = getattr(letter_or_case, "case", letter_or_case)
    case_set_due(
        case=case,
        actor=actor,
        due_date=timezone.localdate() + timedelta(days=days),
        kind=CaseEventKind.NOTE,
        note="test",
    )


def _card(html: str) -> str:
    match = re.search(r'<div class="card" data-testid="letters-card">.*?</div>', html, re.S)
    assert match, "the letters card is missing"
    return match.group(0)


def _figure(card: str, testid: str) -> int:
    return int(re.search(rf'data-testid="{testid}">(\d+)<', card).group(1))


def _href(card: str, testid: str) -> str:
    after = card.split(f'data-testid="{testid}"', 1)[1]
    return re.search(r'href="([^"]+)"', after).group(1).replace("&amp;", "&")


def _entry(unit, officer, day_offset: int = 1, name: str = "Lê Thị Khách"):
    return entry_record(
        data=EntryInput(
            unit=unit,
            day=timezone.localdate() - timedelta(days=day_offset),
            content="Hỏi về chế độ hỗ trợ hộ nghèo năm nay.",
            kind="petition",
            visitor_name=name,
            visitor_phone="0933000444",
        ),
        actor=officer,
    )


@pytest.fixture
def commune_a(receive, denunciation, unit_a, unit_b, officer_a, officer_b):
    """A's letters in every state, B's letters that must never count for A."""
    now = timezone.now()
    pending_later = receive(unit_a, "reflection", "Đèn đường thôn Bản Pjạc hỏng.", when=now)
    pending_week = receive(unit_a, "complaint", "Khiếu nại việc thu hồi đất thửa 12.", when=now)
    _due(pending_week, 0, officer_a)
    pending_overdue = receive(unit_a, "petition", "Kiến nghị làm lại cầu treo Nà Ngàm.", when=now)
    _due(pending_overdue, -3, officer_a)
    accepted_week = receive(unit_a, "petition", "Kiến nghị sửa kênh mương thôn Khuổi.", when=now)
    letter_decide(letter=accepted_week, actor=officer_a, data=DecisionInput(decision="accepted"))
    _due(accepted_week, 0, officer_a)
    guided = receive(unit_a, "reflection", "Phản ánh mất điện kéo dài ở thôn Cốc Lót.", when=now)
    letter_decide(
        letter=guided,
        actor=officer_a,
        data=DecisionInput(decision="guided", receiving_body="Điện lực tỉnh"),
    )
    # B: pending, due this week and overdue — never A's.
    for days in (0, -5):
        b = receive(unit_b, "petition", f"Kiến nghị của xã B số {days}.", when=now, actor=officer_b)
        _due(b, days, officer_b)
    # Register: one due this week, one overdue, one answered, one in B.
    week_entry = _entry(unit_a, officer_a)
    _due(week_entry.case, 0, officer_a)
    late_entry = _entry(unit_a, officer_a)
    _due(late_entry.case, -2, officer_a)
    answered = _entry(unit_a, officer_a)
    entry_answer(entry=answered, actor=officer_a, answer="guided", at=timezone.now())
    b_entry = _entry(unit_b, officer_b)
    _due(b_entry.case, -2, officer_b)
    # Sessions: the chairman's next one in A; a sooner one in B and a past one in A.
    today = timezone.localdate()
    schedule(unit=unit_a, actor=officer_a, day=today + timedelta(days=9), place="Hội trường UBND")
    schedule(unit=unit_a, actor=officer_a, day=today - timedelta(days=7))
    schedule(unit=unit_a, actor=officer_a, day=today + timedelta(days=2), host_role="officer")
    schedule(unit=unit_b, actor=officer_b, day=today + timedelta(days=1))
    return {
        "all": {pending_later, pending_week, pending_overdue, accepted_week, guided, denunciation},
        "pending": {pending_later, pending_week, pending_overdue, denunciation},
        "week": {pending_week, accepted_week},
        # The denunciation was received on 27/01/2026: long overdue, and still pending.
        "overdue": {pending_overdue, denunciation},
        "reception_week": {week_entry},
        "reception_overdue": {late_entry},
    }


def _letter_codes(html: str) -> set[str]:
    return set(re.findall(r'href="/don-thu/don/([^/"]+)/"', html))


def _case_codes(html: str) -> set[str]:
    return set(re.findall(r'href="/ho-so-viec/([^/"?]+)/"', html))


def test_counts_and_links(client_a, commune_a, unit_a):
    card = _card(client_a.get(HOME).content.decode())
    expected = {
        "letters-pending": commune_a["pending"],
        "letters-week": commune_a["week"],
        "letters-overdue": commune_a["overdue"],
    }
    for testid, letters in expected.items():
        assert _figure(card, testid) == len(letters), testid
        listed = _letter_codes(client_a.get(_href(card, testid)).content.decode())
        assert listed == {letter.code for letter in letters}, testid
    for testid, entries in (
        ("reception-week", commune_a["reception_week"]),
        ("reception-overdue", commune_a["reception_overdue"]),
    ):
        assert _figure(card, testid) == len(entries), testid
        href = _href(card, testid)
        assert f"unit={unit_a.pk}" in href and "kind=reception" in href
        listed = _case_codes(client_a.get(href).content.decode())
        assert listed == {entry.case.code for entry in entries}, testid


def test_next_session_is_the_chairmans_own(client_a, commune_a):
    card = _card(client_a.get(HOME).content.decode())
    session = ReceptionSession.objects.get(place="Hội trường UBND")
    line = re.search(r'data-testid="next-session">(.*?)</p>', card, re.S).group(1)
    assert session.date.strftime("%d/%m/%Y") in line and "Hội trường UBND" in line
    assert reverse("letters:sessions") in line
    assert client_a.get(reverse("letters:sessions")).status_code == 200


def test_no_session_scheduled(client_a, unit_a):
    card = _card(client_a.get(HOME).content.decode())
    assert "Chưa có buổi tiếp công dân nào của Chủ tịch trong lịch" in card
    assert all(_figure(card, t) == 0 for t in ("letters-pending", "reception-week"))


def test_other_commune_counts_only_its_own(client_b, commune_a):
    card = _card(client_b.get(HOME).content.decode())
    # B: two pending letters (one due this week, one overdue) and one overdue register line.
    assert _figure(card, "letters-pending") == 2
    assert _figure(card, "letters-week") == 1 and _figure(card, "letters-overdue") == 1
    assert _figure(card, "reception-week") == 0 and _figure(card, "reception-overdue") == 1
    assert "Hội trường UBND" not in card
    for letters in commune_a.values():
        for item in letters:
            assert item.case.code not in card


def test_clerk_is_not_told_of_denunciations(commune_a, clerk_a):
    figures = dashboard_figures(clerk_a)
    # The denunciation is confidential: not in the clerk's list, not in the clerk's count.
    assert figures["letters"]["pending"] == len(commune_a["pending"]) - 1


def test_card_only_for_those_who_deal_with_letters(client_viewer, commune_a, unit_a):
    from danvan.accounts.roles import Role
    from danvan.letters.contributions import CARD_ROLES
    from danvan.letters.services.decisions import ACTING_ROLES
    from danvan.testing.factories import make_officer

    assert frozenset(ACTING_ROLES) == CARD_ROLES
    assert 'data-testid="letters-card"' not in client_viewer.get(HOME).content.decode()
    council = make_officer("hana", unit=unit_a, roles=[Role.COUNCIL])
    assert dashboard_figures(council) is None


def test_no_personal_data_on_the_card(client_a, commune_a):
    card = _card(client_a.get(HOME).content.decode())
    for secret in (*PEOPLE, DENOUNCER_PHONE):
        assert secret not in card
    for letters in commune_a.values():
        for item in letters:
            assert item.case.code not in card and item.case.title not in card


def test_queries_do_not_grow_with_letters(
    client_a, receive, unit_a, officer_a, django_assert_max_num_queries
):
    def measure() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client_a.get(HOME).status_code == 200
        return len(ctx.captured_queries)

    receive(unit_a, "petition", "Kiến nghị đầu tiên về đường thôn.", when=timezone.now())
    few = measure()
    now = timezone.now()
    for i in range(40):
        kind = ("reflection", "petition", "complaint", "denunciation")[i % 4]
        letter = receive(
            unit_a, kind, f"Nội dung đơn số {i} về đường liên thôn.", name=f"Người {i}", when=now
        )
        if i % 3 == 0:
            _due(letter, -1, officer_a)
    for i in range(15):
        _entry(unit_a, officer_a, name=f"Khách {i}")
    for i in range(5):
        schedule(unit=unit_a, actor=officer_a, day=timezone.localdate() + timedelta(days=i + 1))
    assert measure() == few
    with django_assert_max_num_queries(few):
        client_a.get(HOME)
    figures = dashboard_figures(officer_a)
    assert figures["letters"]["pending"] == 41 and figures["letters"]["overdue"] == 14


def test_figures_in_three_queries(officer_a, commune_a, django_assert_num_queries):
    from danvan.accounts.access import memberships_for
    from danvan.cases.selectors import readable_unit_ids

    memberships_for(officer_a), readable_unit_ids(officer_a)  # cached per request
    with django_assert_num_queries(3):
        dashboard_figures(officer_a)


def test_render_contract(rf, officer_a, commune_a, django_assert_num_queries):
    """A dashboard that calls the card's ``render`` passes its figures to the template,
    which then does not compute them again."""
    from django.template.loader import render_to_string

    from danvan.core.registry import registries

    card = registries.dashboard_cards.get("letters.work")
    request = rf.get(HOME)
    request.user = officer_a
    context = card.render(request)
    assert context["letters_figures"]["letters"]["pending"] == len(commune_a["pending"])
    with django_assert_num_queries(0):
        html = render_to_string(card.template, {**context, "card": card}, request=request)
    assert 'data-testid="letters-card"' in html


def test_english(client_a, commune_a):
    card = _card(client_a.get(HOME, **EN).content.decode())
    for text in (
        "Letters, citizen reception",
        "letters awaiting classification or a decision",
        "letters due this week",
        "overdue letters",
        "reception answers due this week",
        "overdue reception answers",
        "Chairman's next citizen reception",
        "Weekly regular reception",
    ):
        assert text in card, text
    assert "đơn chờ" not in card


def test_letter_list_due_filters(client_a, client_b, commune_a):
    today = timezone.localdate()
    everyone = commune_a["all"]
    for state, due in (
        ("week", lambda d: today <= d <= week_end(today)),
        ("overdue", lambda d: d < today),
    ):
        listed = _letter_codes(
            client_a.get(reverse("letters:list") + f"?state={state}").content.decode()
        )
        expected = commune_a[state]
        assert expected and all(due(letter.case.due_date) for letter in expected), state
        # Exactly those: each one listed, every other letter of A left out.
        assert listed == {letter.code for letter in expected}, state
        left_out = {letter.code for letter in everyone - expected}
        assert left_out and not listed & left_out, state
    # B's officer sees none of A's letters under any filter.
    for state in ("pending", "week", "overdue"):
        html = client_b.get(reverse("letters:list") + f"?state={state}").content.decode()
        codes = _letter_codes(html)
        assert not codes & {x.case.code for group in commune_a.values() for x in group}
