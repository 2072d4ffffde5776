"""The working-day calendar on real dates (holidays package VN + overrides)."""

from datetime import date

import pytest

from danvan.deadlines import workcal
from danvan.deadlines.clock import add_working_days, is_working_day, working_days_between

D = date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 13), True),  # Friday before Tết
        *[(D(2026, 2, d), False) for d in range(14, 23)],  # Tết for civil servants 14–22/02
        (D(2026, 2, 23), True),
        (D(2026, 4, 26), False),  # Hùng Kings, Sunday
        (D(2026, 4, 27), False),  # ... moved to Monday
        (D(2026, 4, 28), True),
        (D(2026, 4, 30), False),
        (D(2026, 5, 1), False),
        (D(2026, 8, 22), True),  # Saturday worked in exchange for 31/08
        (D(2026, 8, 31), False),  # Ngày nghỉ (thay cho ngày 22/08/2026)
        (D(2026, 9, 1), False),
        (D(2026, 9, 2), False),
        (D(2026, 9, 3), True),
        (D(2026, 1, 1), False),
        (D(2026, 1, 2), True),
        (D(2025, 4, 26), True),  # Saturday worked for 02/05/2025
        (D(2025, 5, 2), False),
    ],
)
def test_real_days(day, working):
    assert is_working_day(day) is working


def test_tet_2026_names_in_both_languages():
    cal = workcal.get_calendar()
    assert cal.day_info(D(2026, 2, 17)).name_vi == "Tết Nguyên Đán"
    assert "Lunar New Year" in cal.day_info(D(2026, 2, 17)).name_en
    assert cal.day_info(D(2026, 8, 31)).name_vi == "Ngày nghỉ (thay cho ngày 22/08/2026)"
    assert cal.day_info(D(2026, 8, 31)).source == "swap"
    assert cal.day_info(D(2026, 8, 22)).source == "working_saturday"
    assert cal.day_info(D(2026, 2, 14)).name_vi == "Thứ Bảy"


def test_culture_day_2026_is_a_holiday_in_the_package():
    # holidays 0.109 lists 24/11 "Ngày Văn hóa Việt Nam" from 2026; overridable (see overrides)
    info = workcal.get_calendar().day_info(D(2026, 11, 24))
    assert info.name_vi == "Ngày Văn hóa Việt Nam"
    assert not info.working


def test_add_working_days_over_tet():
    assert add_working_days(D(2026, 2, 12), 1) == D(2026, 2, 13)
    assert add_working_days(D(2026, 2, 12), 2) == D(2026, 2, 23)
    assert add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 23)  # start on a day off
    assert add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
    assert add_working_days(D(2026, 2, 12), 0) == D(2026, 2, 12)


def test_working_days_between():
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert working_days_between(D(2026, 2, 23), D(2026, 2, 13)) == -1
    assert working_days_between(D(2026, 4, 24), D(2026, 5, 4)) == 3  # 28, 29, 04/05


def test_years_2010_to_2035_covered_and_beyond_refused():
    cal = workcal.get_calendar()
    assert cal.is_working_day(D(2010, 1, 4))
    assert not cal.is_working_day(D(2035, 1, 1))
    with pytest.raises(workcal.CalendarRangeError):
        cal.is_working_day(D(2009, 12, 31))
    assert sum(1 for _ in cal.non_working_days(2035)) > 100


def test_override_day_off_and_working_day():
    base = workcal.WorkCalendar.build()
    cal = workcal.WorkCalendar.build(
        [
            workcal.OverrideDay(D(2026, 3, 10), "day_off", "Nghỉ đột xuất", "", "QĐ 1/QĐ-TTg"),
            workcal.OverrideDay(D(2026, 11, 24), "working_day", "Làm việc", "", "QĐ 2"),
        ]
    )
    assert base.is_working_day(D(2026, 3, 10)) and not cal.is_working_day(D(2026, 3, 10))
    assert cal.day_info(D(2026, 3, 10)).reason_vi == "Nghỉ đột xuất (QĐ 1/QĐ-TTg)"
    assert cal.is_working_day(D(2026, 11, 24))
    assert cal.add_working_days(D(2026, 3, 9), 1) == D(2026, 3, 11)


def test_group_label():
    assert workcal.group_label("Mùng hai Tết Nguyên Đán", "vi") == "Tết Nguyên đán"
    assert workcal.group_label("Tết Dương lịch (nghỉ bù)", "vi") == "Tết Dương lịch"
    assert workcal.group_label("Ngày Giỗ Tổ Hùng Vương (nghỉ bù)", "vi") == "Ngày Giỗ Tổ Hùng Vương"
    assert workcal.group_label("Second Day of Lunar New Year", "en") == "Lunar New Year (Tết)"
