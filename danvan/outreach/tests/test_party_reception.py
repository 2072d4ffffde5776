"""The commune Party secretary's reception days (issue #15): scheduled on working days and
published beside the chairman's weekly day, held or not (with a reason), the visitors' matters
in the reception register on a 10-working-day clock cited from Conclusion 215-KL/TW, the
area-6 indicator against the rule's count, and who may do what."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.cases.models import CaseStatus
from danvan.deadlines.workcal import get_calendar
from danvan.letters.models import ReceptionEntry, ReceptionSession
from danvan.letters.services import reception as letters_reception
from danvan.outreach import party_reception
from danvan.outreach.indicators import INDICATORS, party_reception_days
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db
D = date


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def secretary(unit_a):
    return make_officer("bithu", unit=unit_a, roles=[Role.PARTY_SECRETARY])


def _url(unit, year=None) -> str:
    url = reverse("outreach:party_reception", args=[unit.code])
    return f"{url}?nam={year}" if year else url


def _day(unit, day, status=None, reason="", actor=None):
    session = party_reception.schedule(
        unit=unit, day=day, host_name="Nguyễn Văn Bí", place="Trụ sở Đảng ủy", actor=actor
    )
    if status:
        session = letters_reception.session_mark(
            session=session, actor=actor, status=status, reason=reason
        )
    return session


def _working_days_from(start: date, n: int) -> list[date]:
    cal, out, d = get_calendar(), [], start
    while len(out) < n:
        d += timedelta(days=1)
        if cal.is_working_day(d):
            out.append(d)
    return out


# ------------------------------------------------------------------------------ schedule
def test_secretary_schedules_a_day_and_it_is_published_beside_the_chairmans(
    secretary, officer_a, unit_a
):
    chairman_day, party_day = _working_days_from(timezone.localdate(), 2)
    letters_reception.session_schedule(unit=unit_a, actor=officer_a, day=chairman_day)
    response = _client(secretary).post(
        _url(unit_a),
        {"action": "schedule", "d-day": party_day.strftime("%d/%m/%Y"), "d-place": "Hội trường"},
    )
    assert response.status_code == 302
    session = ReceptionSession.objects.get(unit=unit_a, host_role="party_secretary")
    assert (
        session.date == party_day and session.kind == "periodic" and session.place == "Hội trường"
    )
    # The same public schedule and commune page as the chairman's weekly day.
    schedule = Client().get(
        reverse("letters:public_schedule", args=[unit_a.code]), {"nam": party_day.year}
    )
    text = schedule.content.decode()
    assert "Bí thư Đảng ủy xã" in text and "Chủ tịch UBND" in text
    commune = Client().get(reverse("territory:unit", args=[unit_a.code])).content.decode()
    assert (
        party_day.strftime("%d/%m/%Y") in commune and chairman_day.strftime("%d/%m/%Y") in commune
    )
    assert "Bí thư Đảng ủy xã" in commune


def test_a_day_off_is_refused_with_the_reason_and_the_input_kept(secretary, unit_a):
    # 02/09/2026: National Day.
    response = _client(secretary).post(
        _url(unit_a, 2026), {"action": "schedule", "d-day": "02/09/2026", "d-place": "Nhà văn hóa"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "là ngày nghỉ: lịch tiếp dân chỉ tính ngày làm việc" in page
    assert 'value="Nhà văn hóa"' in page
    assert not ReceptionSession.objects.filter(unit=unit_a).exists()
    # A Sunday too, through the service.
    with pytest.raises(letters_reception.LetterError):
        party_reception.schedule(
            unit=unit_a, day=D(2026, 3, 8), host_name="", place="", actor=secretary
        )


def test_bad_date_is_a_form_error_not_a_500(secretary, unit_a):
    response = _client(secretary).post(_url(unit_a), {"action": "schedule", "d-day": "31/02/2026"})
    assert response.status_code == 422
    assert "dd/mm/yyyy" in response.content.decode()


# ------------------------------------------------------------------------ held / not held
def test_held_or_not_held_with_a_reason(secretary, unit_a):
    one = _day(unit_a, D(2026, 3, 10), actor=secretary)
    two = _day(unit_a, D(2026, 3, 20), actor=secretary)
    c = _client(secretary)
    # Not held without a reason: refused, shown, nothing changed.
    refused = c.post(
        _url(unit_a, 2026), {"action": "mark", "session": two.pk, "status": "not_held"}
    )
    assert refused.status_code == 422
    assert "Ghi rõ lý do không tiếp." in refused.content.decode()
    two.refresh_from_db()
    assert two.status == "scheduled"
    assert (
        c.post(
            _url(unit_a, 2026), {"action": "mark", "session": one.pk, "status": "held"}
        ).status_code
        == 302
    )
    c.post(
        _url(unit_a, 2026),
        {"action": "mark", "session": two.pk, "status": "not_held", "reason": "Họp Ban Thường vụ"},
    )
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.status == "held" and (two.status, two.reason) == ("not_held", "Họp Ban Thường vụ")
    page = c.get(_url(unit_a, 2026)).content.decode()
    assert "Họp Ban Thường vụ" in page
    march = party_reception.year_months(unit_a, 2026)[2]
    assert (march.required, march.held, len(march.not_held), march.short) == (2, 1, 1, True)


def test_a_session_of_another_commune_is_a_form_error(secretary, unit_a, unit_b, officer_b):
    other = letters_reception.session_schedule(
        unit=unit_b, actor=officer_b, day=D(2026, 3, 10), host_role="party_secretary"
    )
    response = _client(secretary).post(
        _url(unit_a, 2026), {"action": "mark", "session": other.pk, "status": "held"}
    )
    assert response.status_code == 422
    other.refresh_from_db()
    assert other.status == "scheduled"


# --------------------------------------------------------------------- the matter's clock
def test_the_visitors_matter_goes_in_the_register_on_the_215_clock(secretary, unit_a):
    day = _day(unit_a, D(2026, 3, 2), status="held", actor=secretary)
    c = _client(secretary)
    response = c.post(
        _url(unit_a, 2026),
        {
            "action": "matter",
            "v-session": day.pk,
            "v-visitor_name": "Hoàng Thị Mai",
            "v-visitor_address": "Bản Nà Pán",
            "v-kind": "petition",
            "v-content": "Đề nghị làm rõ mức bồi thường khi thu hồi đất làm đường",
            "v-people_count": 1,
        },
    )
    assert response.status_code == 302
    entry = ReceptionEntry.objects.select_related("case").get(unit=unit_a)
    # The commune's one register: its numbering, the session, the visitor.
    assert (
        entry.session_id == day.pk and entry.number == 1 and entry.visitor_name == "Hoàng Thị Mai"
    )
    case = entry.case
    assert case.rule_id == "reception.party_head.answer"
    # 10 working days from Monday 02/03/2026: 03, 04, 05, 06, 09, 10, 11, 12, 13, 16.
    assert case.due_date == D(2026, 3, 16)
    page = c.get(_url(unit_a, 2026)).content.decode()
    assert "16/03/2026" in page and "Đề nghị làm rõ mức bồi thường" in page
    assert "215-KL/TW" in page
    # The written answer closes the case on its clock.
    answered = c.post(
        _url(unit_a, 2026),
        {"action": "answer", "entry": entry.pk, "answer": "accepted", "answered_on": "13/03/2026"},
    )
    assert answered.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED and case.closed_at.date() <= case.due_date


def test_the_answer_rule_is_data_with_its_citation():
    from danvan.deadlines.ruleset import rule_for

    now = rule_for("reception.party_head.answer", D(2026, 1, 5))
    assert (now.amount, now.unit) == (10, "working") and now.confirmed
    assert "215-KL/TW" in now.citation and "11-QĐi/TW" in now.citation
    before = rule_for("reception.party_head.answer", D(2025, 6, 2))
    assert not before.confirmed


def test_a_chairmans_session_keeps_the_law_clock(officer_a, unit_a):
    session = letters_reception.session_schedule(unit=unit_a, actor=officer_a, day=D(2026, 3, 2))
    entry = letters_reception.entry_record(
        data=letters_reception.EntryInput(
            unit=unit_a,
            day=D(2026, 3, 2),
            content="Hỏi về cấp sổ đỏ",
            kind="petition",
            visitor_name="Lý Văn A",
            session=session,
        ),
        actor=officer_a,
    )
    assert entry.case.rule_id == "reception.answer"


# ------------------------------------------------------------------------- the indicator
def test_indicator_counts_days_held_against_the_rule(secretary, unit_a, unit_b):
    # January 2026: 2 required; one held, one not held (reason), one scheduled never marked.
    _day(unit_a, D(2026, 1, 8), "held", actor=secretary)
    _day(unit_a, D(2026, 1, 15), "not_held", reason="Ốm", actor=secretary)
    _day(unit_a, D(2026, 1, 22), actor=secretary)
    assert party_reception_days([unit_a.pk, unit_b.pk], D(2026, 1, 1), D(2026, 1, 31)) == {
        unit_a.pk: (1.0, 2.0)
    }
    # The evaluation may pass an exclusive end (the 1st of the next month): the same month.
    assert party_reception_days([unit_a.pk], D(2026, 1, 1), D(2026, 2, 1)) == {
        unit_a.pk: (1.0, 2.0)
    }
    from danvan.outreach.indicators import explain_party_reception_days

    evidence = explain_party_reception_days([unit_a.pk], D(2026, 1, 1), D(2026, 2, 1))
    assert evidence[unit_a.pk]["groups"] == {"Đã tiếp": 1, "Không tiếp": 1, "Đã lên lịch": 1}
    # February: three held count as the two required, no more.
    for d in (D(2026, 2, 3), D(2026, 2, 5), D(2026, 2, 10)):
        _day(unit_a, d, "held", actor=secretary)
    assert party_reception_days([unit_a.pk], D(2026, 2, 1), D(2026, 2, 28)) == {
        unit_a.pk: (2.0, 2.0)
    }
    # A quarter: (1 + 2 + 0) ÷ (2 + 2 + 2).
    assert party_reception_days([unit_a.pk], D(2026, 1, 1), D(2026, 3, 31)) == {
        unit_a.pk: (3.0, 6.0)
    }
    indicator = next(i for i in INDICATORS if i.key == "outreach.party_reception_days")
    assert indicator.area == 6 and indicator.value_of(3.0, 6.0) == pytest.approx(50.0)


def test_required_count_follows_the_rule_versions():
    # October 2025: 1 a month; November 2025 (215-KL/TW from 23/11): 2, as the clock reads it.
    assert party_reception.required_in_month(D(2025, 10, 1)) == 1
    assert party_reception.required_in_month(D(2025, 11, 1)) == 2
    assert party_reception.required_in_month(D(2026, 5, 1)) == 2


def test_indicator_registered_for_the_evaluation():
    from danvan.core.registry import registries

    assert registries.indicators.get("outreach.party_reception_days").area == 6


# ------------------------------------------------------------------------- access by role
def test_access_by_role(secretary, officer_a, officer_b, unit_a, unit_b):
    assert _client(secretary).get(_url(unit_a)).status_code == 200
    # The commune's reception desk keeps the same schedule.
    assert _client(officer_a).get(_url(unit_a)).status_code == 200
    front = make_officer("mattran", unit=unit_a, roles=[Role.FRONT], organisation="front")
    assert _client(front).get(_url(unit_a)).status_code == 403
    assert (
        _client(front).post(_url(unit_a), {"action": "schedule", "d-day": "10/03/2026"}).status_code
        == 403
    )
    # Another commune's officer: not found.
    assert _client(officer_b).get(_url(unit_a)).status_code == 404
    # The secretary marks his or her own days only, not the chairman's.
    chairman = letters_reception.session_schedule(unit=unit_a, actor=officer_a, day=D(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        letters_reception.session_mark(session=chairman, actor=secretary, status="held")
    with pytest.raises(PermissionDenied):
        letters_reception.session_schedule(unit=unit_a, actor=secretary, day=D(2026, 3, 3))
    # The nav takes the secretary to the page.
    home = _client(secretary).get(reverse("outreach:party_home"))
    assert home.status_code == 302 and home["Location"] == _url(unit_a)
    assert _client(front).get(reverse("outreach:party_home")).status_code == 403


def test_page_is_a_few_queries_whatever_the_days(secretary, unit_a, django_assert_max_num_queries):
    for d in _working_days_from(D(2026, 4, 1), 12):
        session = _day(unit_a, d, "held", actor=secretary)
        letters_reception.entry_record(
            data=letters_reception.EntryInput(
                unit=unit_a,
                day=d,
                content="Kiến nghị về đường thôn",
                kind="petition",
                visitor_name="Người dân",
                session=session,
            ),
            actor=secretary,
        )
    c = _client(secretary)
    c.get(_url(unit_a, 2026))
    with django_assert_max_num_queries(25):
        assert c.get(_url(unit_a, 2026)).status_code == 200


def test_answer_time_is_local(secretary, unit_a):
    day = _day(unit_a, D(2026, 3, 2), "held", actor=secretary)
    entry = letters_reception.entry_record(
        data=letters_reception.EntryInput(
            unit=unit_a,
            day=day.date,
            content="Kiến nghị về nước sạch",
            kind="petition",
            visitor_name="Bà Lò Thị B",
            session=day,
        ),
        actor=secretary,
    )
    letters_reception.entry_answer(
        entry=entry,
        actor=secretary,
        answer="guided",
        at=timezone.make_aware(datetime.combine(D(2026, 3, 17), time(15, 0))),
    )
    entry.case.refresh_from_db()
    # Answered on 17/03: the day after the clock's 16/03.
    assert entry.case.status == CaseStatus.RETURNED and not entry.case.on_time


def test_page_in_english(secretary, unit_a):
    from danvan.testing.language import english

    c = _client(secretary)
    english(c)
    page = c.get(_url(unit_a, 2026)).content.decode()
    assert "Reception by the commune Party secretary" in page
    assert "At least 2 days a month, working days only" in page
    refused = c.post(_url(unit_a, 2026), {"action": "schedule", "d-day": "02/09/2026"})
    assert "is a day off: reception days are working days only." in refused.content.decode()
