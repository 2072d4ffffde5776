"""The clock's last details: periodic duties on working days only (every periodic rule, every
day of 2026–2027), the Party secretary's 2 days a month from 23/11/2025, the 15:00 rule's
source by date, worked Saturdays named, calendar periods that count Tết rather than skip it,
yearly decisions flagged for confirmation, and names in the rule dropdown."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from danvan.deadlines.clock import compute_due, compute_due_days
from danvan.deadlines.data.rules import RULES
from danvan.deadlines.workcal import get_calendar

D = date
pytestmark = pytest.mark.django_db

PERIODIC = sorted({r["id"] for r in RULES if r.get("kind") == "periodic"})


def test_the_periodic_rules_are_the_four_expected():
    assert PERIODIC == [
        "democracy.dialogue.annual",
        "democracy.disclosure.list_update",
        "reception.chairman.weekly",
        "reception.party_head.monthly",
    ]


def _period(rule_unit: str, d: date) -> tuple[date, date]:
    if rule_unit == "week":
        first = d - timedelta(days=d.weekday())
        return first, first + timedelta(days=6)
    if rule_unit == "month":
        nxt = D(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return d.replace(day=1), nxt - timedelta(days=1)
    if rule_unit == "quarter":
        q = (d.month - 1) // 3
        nxt = D(d.year + (q == 3), (q + 1) % 4 * 3 + 1, 1)
        return D(d.year, q * 3 + 1, 1), nxt - timedelta(days=1)
    return D(d.year, 1, 1), D(d.year, 12, 31)


@pytest.mark.parametrize("rule_id", PERIODIC)
def test_every_periodic_rule_every_day_of_2026_and_2027(rule_id):
    cal = get_calendar()
    d = D(2026, 1, 1)
    empty_periods = 0
    while d <= D(2027, 12, 31):
        r = compute_due(rule_id, d)
        first, last = _period(r.rule.unit, d)
        assert r.extra["period"] == (first, last), (rule_id, d)
        # Never a rest day, a holiday or a swapped day off.
        assert cal.is_working_day(r.due), (rule_id, d, r.due)
        left = [x for x in _days(d, last) if cal.is_working_day(x)]
        assert r.extra["working_left"] == len(left)
        if left:
            # The last working day left in the period, and the latest days for the count.
            assert r.due == left[-1], (rule_id, d)
            needed = r.rule.amount
            assert r.extra["latest"] == left[-needed:]
            assert r.extra["short"] == (len(left) < needed)
            assert not r.extra["no_working_day"]
            assert r.explanation_vi[0].startswith(f"Hạn của kỳ này: {r.due:%d/%m/%Y}")
        else:
            # A period with no working day left says so, and gives the next working day.
            empty_periods += 1
            assert r.extra["no_working_day"]
            assert r.due > last and r.due == _next_working(cal, last)
            assert "không còn ngày làm việc nào" in r.explanation_vi[0]
            assert "has no working day left" in r.explanation_en[0]
        d += timedelta(days=1)
    if rule_id == "reception.chairman.weekly":
        # The Tết weeks and the Sundays after a week's last working day.
        assert empty_periods > 100


def _days(a: date, b: date) -> list[date]:
    return [a + timedelta(days=n) for n in range((b - a).days + 1)]


def _next_working(cal, d: date) -> date:
    d += timedelta(days=1)
    while not cal.is_working_day(d):
        d += timedelta(days=1)
    return d


def test_chairman_week_inside_tet_2026_has_no_working_day():
    r = compute_due("reception.chairman.weekly", D(2026, 2, 17))
    assert r.due == D(2026, 2, 23)
    assert r.explanation_vi[0].startswith(
        "Kỳ 16–22/02/2026 không còn ngày làm việc nào từ 17/02/2026"
    )
    assert "Các ngày nghỉ của kỳ: Tết Nguyên đán 17–22/02/2026" in r.explanation_vi
    assert "Days off in the period: Lunar New Year (Tết) 17–22/02/2026" in r.explanation_en


def test_chairman_week_given_a_sunday():
    # Sunday 08/03/2026: the week's working days are past; it never answers the Sunday.
    r = compute_due("reception.chairman.weekly", D(2026, 3, 8))
    assert r.due == D(2026, 3, 9) and r.extra["no_working_day"]
    # Monday of the same week: the Friday.
    assert compute_due("reception.chairman.weekly", D(2026, 3, 2)).due == D(2026, 3, 6)


def test_party_secretary_two_days_a_month_from_23_11_2025():
    before = compute_due("reception.party_head.monthly", D(2025, 11, 10))
    assert before.rule.amount == 1 and before.rule.version == 1
    assert before.extra["latest"] == [D(2025, 11, 28)]
    after = compute_due("reception.party_head.monthly", D(2025, 11, 24))
    assert after.rule.amount == 2 and after.rule.version == 2
    assert "215-KL/TW" in after.rule.citation
    assert after.extra["latest"] == [D(2025, 11, 27), D(2025, 11, 28)]
    assert after.due == D(2025, 11, 28)
    text = after.explanation_vi
    assert text[0] == (
        "Hạn của kỳ này: 28/11/2025 — 2 lần mỗi tháng (Quy định 11-QĐi/TW năm 2019, sửa đổi "
        "bởi Kết luận 215-KL/TW ngày 23/11/2025)."
    )
    assert (
        "Kỳ 01–30/11/2025: còn 5 ngày làm việc kể từ 24/11/2025; cần ít nhất 2 ngày trong kỳ."
        in text
    )
    assert "Chậm nhất, 2 ngày cuối cùng còn thực hiện được: 27/11/2025, 28/11/2025." in text
    assert any("at least 2 days needed in the period" in x for x in after.explanation_en)
    # Late in a month with one working day left: short, and said so.
    short = compute_due("reception.party_head.monthly", D(2026, 1, 30))
    assert short.extra["short"] and short.extra["latest"] == [D(2026, 1, 30)]
    assert "Kỳ này chỉ còn 1 ngày làm việc, ít hơn 2 ngày cần có." in short.explanation_vi


def test_the_15_00_rule_cites_decree_118_from_1_7_2025():
    kw = {"amount": 3, "unit": "working", "citation": "QĐ", "one_stop_cutoff": True}
    old = compute_due_days(start=datetime(2025, 6, 30, 9, 30, tzinfo=UTC), **kw)  # 16:30
    new = compute_due_days(start=datetime(2025, 7, 1, 9, 30, tzinfo=UTC), **kw)
    old_line = next(x for x in old.explanation_vi if "sau 15:00" in x)
    new_line = next(x for x in new.explanation_vi if "sau 15:00" in x)
    assert "Nghị định 61/2018/NĐ-CP, Điều 18 khoản 2" in old_line
    assert "118/2025" not in old_line
    assert "Nghị định 118/2025/NĐ-CP" in new_line and "61/2018" in new_line
    assert any("Decree 118/2025/ND-CP" in x for x in new.explanation_en if "15:00" in x)


def test_worked_saturday_22_08_2026_is_named():
    r = compute_due("letter.process", D(2026, 8, 17))
    line = "Thứ Bảy 22/08/2026 là ngày làm việc bù, đổi cho ngày nghỉ 31/08/2026: được tính là ngày làm việc."
    assert line in r.explanation_vi
    assert any(
        x.startswith("Saturday 22/08/2026 is a make-up working day") for x in r.explanation_en
    )
    weekly = compute_due("reception.chairman.weekly", D(2026, 8, 17))
    assert weekly.due == D(2026, 8, 22)
    assert line in weekly.explanation_vi
    # A period without that Saturday does not mention it.
    assert not any(
        "22/08/2026" in x for x in compute_due("letter.process", D(2026, 8, 3)).explanation_vi
    )


def test_calendar_period_counts_tet_and_does_not_skip_it():
    # 30 days from 27/01/2026: Tết 14–22/02 lies inside and counts.
    r = compute_due("denunciation.resolve", D(2026, 1, 27))
    assert r.due == D(2026, 2, 26)
    assert not any(x.startswith(("Bỏ qua", "Skipped")) for x in r.explanation_vi + r.explanation_en)
    assert "Tính cả (thời hạn theo ngày): Tết Nguyên đán 14–22/02/2026" in r.explanation_vi
    assert "Counted (calendar days): Lunar New Year (Tết) 14–22/02/2026" in r.explanation_en
    # Ending inside Tết: the end moves (Art. 148), still without "skipped".
    end_in_tet = compute_due("denunciation.resolve", D(2026, 1, 18))
    assert end_in_tet.due == D(2026, 2, 23)
    assert not any(x.startswith("Bỏ qua") for x in end_in_tet.explanation_vi)
    assert any("Bộ luật Dân sự 2015, Điều 148" in x for x in end_in_tet.explanation_vi)


def test_culture_day_and_tet_2027_carry_their_source_and_ask_for_confirmation():
    cal = get_calendar()
    culture = cal.day_info(D(2026, 11, 24))
    assert not culture.working and culture.to_confirm
    assert (
        "gói holidays" in culture.confirm_vi and "cần quản trị viên xác nhận" in culture.confirm_vi
    )
    assert "administrator must confirm" in culture.confirm_en
    tet_2027 = cal.day_info(D(2027, 2, 8))
    assert tet_2027.to_confirm and "Tết 2027" in tet_2027.confirm_vi
    # The announced Tết 2026 and ordinary holidays need nothing.
    assert not cal.day_info(D(2026, 2, 17)).to_confirm
    assert not cal.day_info(D(2026, 9, 2)).to_confirm
    r = compute_due("letter.process", D(2027, 2, 1))
    skipped = next(x for x in r.explanation_vi if x.startswith("Bỏ qua: Tết"))
    assert "cần quản trị viên xác nhận" in skipped and "04–10/02/2027" in skipped


def test_confirmation_flag_on_the_calendar_page_and_api(client):
    page = client.get("/thoi-han/lich/2026/").content.decode()
    row = page[page.index("24/11/2026") :][:600]
    assert "Cần quản trị viên xác nhận" in row
    api = client.get("/api/v1/deadlines/calendar", {"year": 2027}).json()
    tet = [d for d in api["days_off"] if d["date"] == "2027-02-08"][0]
    assert tet["to_confirm"] is True and "Tết 2027" in tet["confirm_note"]
    new_year = [d for d in api["days_off"] if d["date"] == "2027-01-01"][0]
    assert new_year["to_confirm"] is False


def test_rule_dropdown_shows_names_not_ids(client):
    page = client.get("/thoi-han/").content.decode()
    assert '<option value="reception.chairman.weekly">Chủ tịch UBND xã tiếp công dân' in page
    assert "(reception.chairman.weekly)" not in page
