"""Explanations in Vietnamese and English."""

from datetime import UTC, date, datetime

import pytest

from danvan.deadlines.clock import Pause, compute_due, compute_due_days
from danvan.deadlines.explain import fmt_range

D = date
pytestmark = pytest.mark.django_db


def test_calendar_rule_explanation_vi_and_en():
    r = compute_due("denunciation.resolve", D(2026, 1, 27))
    assert r.explanation_vi[0] == (
        "Hạn: 26/02/2026 — 30 ngày kể từ ngày thụ lý 27/01/2026 (Luật Tố cáo 2018, Điều 30); "
        "không tính ngày bắt đầu."
    )
    assert r.explanation_en[0] == (
        "Due: 26/02/2026 — 30 days from acceptance 27/01/2026 (Law on Denunciation 2018, "
        "Art. 30); the start day is not counted."
    )
    assert any("kể cả ngày nghỉ" in line for line in r.explanation_vi)
    assert r.explanation("en") is r.explanation_en


def test_working_rule_groups_tet_with_its_weekends():
    r = compute_due("complaint.accept", D(2026, 2, 10))
    assert "Bỏ qua: Tết Nguyên đán 14–22/02/2026" in r.explanation_vi
    assert "Skipped: Lunar New Year (Tết) 14–22/02/2026" in r.explanation_en
    assert "Bỏ qua 2 ngày nghỉ cuối tuần." in r.explanation_vi
    days = dict(r.skipped)
    assert days[D(2026, 2, 17)] == "Tết Nguyên Đán"
    assert days[D(2026, 2, 14)] == "Thứ Bảy"
    assert len(r.skipped) == 11


def test_hung_kings_and_may_day_groups():
    r = compute_due("reception.answer", D(2026, 4, 22))
    assert "Bỏ qua: Ngày Giỗ Tổ Hùng Vương 25–27/04/2026" in r.explanation_vi
    assert "Bỏ qua: Ngày Chiến thắng, Ngày Quốc tế Lao động 30/04–03/05/2026" in r.explanation_vi


def test_art_148_shift_is_explained():
    r = compute_due("complaint.resolve.first", D(2026, 1, 30))
    assert any(
        line.startswith("Ngày cuối cùng 01/03/2026 là ngày nghỉ (Chủ nhật)") and "Điều 148" in line
        for line in r.explanation_vi
    )
    assert any("Civil Code 2015, Art. 148" in line for line in r.explanation_en)


def test_cutoff_pause_extension_and_unconfirmed_are_explained():
    r = compute_due_days(
        amount=3,
        unit="working",
        start=datetime(2026, 3, 3, 8, 30, tzinfo=UTC),
        citation="QĐ 5/QĐ-UBND",
        one_stop_cutoff=True,
    )
    assert any("15:30" in line and "sau 15:00" in line for line in r.explanation_vi)
    r = compute_due("complaint.accept", D(2026, 3, 2), pauses=[Pause(D(2026, 3, 4), D(2026, 3, 9))])
    assert any(line.startswith("Tạm dừng 04–08/03/2026") for line in r.explanation_vi)
    assert "Bỏ qua: Tạm dừng 04–08/03/2026" in r.explanation_vi
    r = compute_due("denunciation.resolve", D(2026, 3, 2), especially_complex=True, extensions=2)
    assert any(
        line.startswith("Gia hạn 2 lần: thêm 30 ngày + 30 ngày") for line in r.explanation_vi
    )
    assert any(line.startswith("Extended 2 times") for line in r.explanation_en)
    r = compute_due("complaint.accept", D(2026, 7, 1))
    assert any("giá trị chưa được xác nhận" in line for line in r.explanation_vi)
    assert any("value not confirmed" in line for line in r.explanation_en)


def test_swap_day_named_in_skipped():
    r = compute_due("denunciation.check", D(2026, 8, 28))
    line = next(x for x in r.explanation_vi if x.startswith("Bỏ qua: "))
    assert "Ngày nghỉ (thay cho ngày 22/08/2026)" in line and "Quốc khánh" in line


def test_fmt_range():
    assert fmt_range(D(2026, 2, 14), D(2026, 2, 22)) == "14–22/02/2026"
    assert fmt_range(D(2026, 4, 30), D(2026, 5, 3)) == "30/04–03/05/2026"
    assert fmt_range(D(2025, 12, 31), D(2026, 1, 1)) == "31/12/2025–01/01/2026"
    assert fmt_range(D(2026, 4, 27), D(2026, 4, 27)) == "27/04/2026"


def test_restart_is_explained():
    r = compute_due(
        "onestop.deficiency_return",
        D(2026, 3, 2),
        pauses=[Pause(D(2026, 3, 3), D(2026, 3, 10), restart=True)],
    )
    assert "ngày nhận đủ hồ sơ (tính lại từ đầu) 10/03/2026" in r.explanation_vi[0]
    assert any("restarted from zero on 10/03/2026" in line for line in r.explanation_en)


def test_before_periodic_and_minimum_are_worded_for_what_they_are():
    notice = compute_due("democracy.decision.notice", D(2026, 3, 10))
    assert notice.explanation_vi[0].startswith("Chậm nhất: 08/03/2026 — 2 ngày trước")
    weekly = compute_due("reception.chairman.weekly", D(2026, 3, 3))
    assert weekly.explanation_en[0].startswith("Due this period: 06/03/2026 — 1 time a week")
    post = compute_due("democracy.disclosure.post", D(2026, 1, 30))
    assert post.explanation_vi[0].startswith("Sớm nhất được kết thúc: 01/03/2026")
    assert "This is a minimum period: the date above is the earliest it may end." in (
        post.explanation_en
    )
