"""Administrator overrides: services, the calendar_changed signal, file import, the admin."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from danvan.core.models import AuditEntry
from danvan.deadlines import services
from danvan.deadlines.clock import compute_due, is_working_day
from danvan.deadlines.models import CalendarOverride
from danvan.deadlines.overrides_io import parse_overrides
from danvan.deadlines.signals import calendar_changed
from danvan.testing.factories import UserFactory

D = date
pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls = []

    def receiver(sender, dates, **kwargs):
        calls.append(list(dates))

    calendar_changed.connect(receiver, dispatch_uid="test-receiver")
    yield calls
    calendar_changed.disconnect(dispatch_uid="test-receiver")


@pytest.fixture
def admin_user():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_create_update_delete_send_signal_with_changed_dates(
    received, admin_user, django_capture_on_commit_callbacks
):
    before = compute_due("complaint.accept", D(2026, 3, 2)).due
    with django_capture_on_commit_callbacks(execute=True):
        o = services.override_create(
            actor=admin_user,
            day=D(2026, 3, 5),
            kind="day_off",
            name_vi="Nghỉ bầu cử",
            reference="QĐ 10/QĐ-TTg",
        )
    assert received == [[D(2026, 3, 5)]]
    assert not is_working_day(D(2026, 3, 5))
    after = compute_due("complaint.accept", D(2026, 3, 2))
    assert after.due == D(2026, 3, 17) > before
    assert "Bỏ qua: Nghỉ bầu cử (QĐ 10/QĐ-TTg) 05/03/2026" in after.explanation_vi
    assert AuditEntry.objects.filter(action="deadlines.override.create").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.override_update(
            actor=admin_user,
            override=o,
            day=D(2026, 3, 6),
            kind="day_off",
            name_vi="Nghỉ bầu cử",
            reference="QĐ 11/QĐ-TTg",
        )
    assert received[-1] == [D(2026, 3, 5), D(2026, 3, 6)]
    assert is_working_day(D(2026, 3, 5)) and not is_working_day(D(2026, 3, 6))

    with django_capture_on_commit_callbacks(execute=True):
        services.override_delete(actor=admin_user, override=o)
    assert received[-1] == [D(2026, 3, 6)]
    assert is_working_day(D(2026, 3, 6))
    assert compute_due("complaint.accept", D(2026, 3, 2)).due == before


def test_working_day_override_and_renaming_only(received, django_capture_on_commit_callbacks):
    assert not is_working_day(D(2026, 11, 24))
    with django_capture_on_commit_callbacks(execute=True):
        o = services.override_create(
            actor=None,
            day=D(2026, 11, 24),
            kind="working_day",
            name_vi="Ngày Văn hóa: cán bộ vẫn làm việc",
            reference="CV 1/BNV",
        )
    assert is_working_day(D(2026, 11, 24))
    with django_capture_on_commit_callbacks(execute=True):
        services.override_update(
            actor=None,
            override=o,
            day=o.date,
            kind="working_day",
            name_vi="Đổi tên",
            reference="CV 2/BNV",
        )
    assert received == [[D(2026, 11, 24)], []]  # a rename changes no date's status


def test_validation():
    with pytest.raises(ValidationError) as e:
        services.override_create(
            actor=None, day=D(2040, 1, 2), kind="holiday", name_vi="", reference=" "
        )
    assert set(e.value.message_dict) == {"kind", "name_vi", "reference", "date"}
    services.override_create(
        actor=None, day=D(2026, 3, 5), kind="day_off", name_vi="x", reference="r"
    )
    with pytest.raises(ValidationError):
        services.override_create(
            actor=None, day=D(2026, 3, 5), kind="day_off", name_vi="y", reference="r"
        )


CSV_OK = (
    "Ngày,Loại,Tên,Số văn bản,Tên tiếng Anh\n"
    "05/03/2026,nghỉ,Nghỉ bầu cử,QĐ 10/QĐ-TTg,Election day\n"
    "07/03/2026,làm việc,Làm bù,QĐ 10/QĐ-TTg,\n"
).encode()


def test_import_all_or_nothing(received, django_capture_on_commit_callbacks, tmp_path):
    bad = (
        "ngay;loai;ten;so_van_ban\n"
        "31/02/2026;nghỉ;X;QĐ 1\n"
        "05/03/2026;holiday;X;QĐ 1\n"
        "06/03/2026;nghỉ;;\n"
        "06/03/2026;nghỉ;Y;QĐ 2\n"
        "01/01/2050;nghỉ;Y;QĐ 2\n"
    ).encode()
    parsed = parse_overrides(bad, "x.csv")
    assert parsed.errors == [
        "Dòng 2: ngày “31/02/2026” không hợp lệ (dd/mm/yyyy).",
        "Dòng 3: loại “holiday” không hợp lệ (nghỉ hoặc làm việc).",
        "Dòng 4: thiếu tên; thiếu số văn bản.",
        "Dòng 6: ngày 01/01/2050 ngoài các năm 2010–2035.",
    ]
    path = tmp_path / "bad.csv"
    path.write_bytes(bad)
    with pytest.raises(CommandError):
        call_command("import_calendar_overrides", str(path))
    assert CalendarOverride.objects.count() == 0
    assert parse_overrides(b"a,b\n1,2\n", "x.csv").errors[0].startswith("Thiếu cột")
    assert "xlsx" in parse_overrides(b"x", "x.txt").errors[0]

    good = tmp_path / "good.csv"
    good.write_bytes(CSV_OK)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_calendar_overrides", str(good))
    assert received == [[D(2026, 3, 5), D(2026, 3, 7)]]
    assert is_working_day(D(2026, 3, 7)) and not is_working_day(D(2026, 3, 5))
    assert CalendarOverride.objects.get(date=D(2026, 3, 5)).name_en == "Election day"


def test_import_xlsx():
    from datetime import datetime
    from io import BytesIO

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Ngày", "Loại", "Tên", "Số văn bản"])
    ws.append(["05/03/2026", "nghỉ", "Nghỉ", "QĐ 1"])
    ws.append([D(2026, 3, 7), "làm việc", "Làm bù", "QĐ 1"])
    # A date cell that carries a time (typed with one): the day is what counts.
    ws.append([datetime(2026, 3, 9, 8, 30), "nghỉ", "Nghỉ bù", "QĐ 1"])
    buf = BytesIO()
    wb.save(buf)
    parsed = parse_overrides(buf.getvalue(), "lich.xlsx")
    assert parsed.errors == []
    assert [r["date"] for r in parsed.rows] == [D(2026, 3, 5), D(2026, 3, 7), D(2026, 3, 9)]


def test_admin_import_and_edit(admin_user, client, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    url = reverse("admin:deadlines_calendaroverride_import")
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("l.csv", b"ngay,loai,ten,so_van_ban\n99/99/2026,nghi,X,Y\n")
    resp = client.post(url, {"file": bad})
    assert resp.status_code == 200
    assert "Dòng 2" in resp.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(url, {"file": SimpleUploadedFile("l.csv", CSV_OK)})
    assert resp.status_code == 302
    assert CalendarOverride.objects.count() == 2

    add = reverse("admin:deadlines_calendaroverride_add")
    resp = client.post(
        add,
        {
            "date": "2026-03-10",
            "kind": "day_off",
            "name_vi": "Nghỉ",
            "name_en": "",
            "reference": "QĐ 3",
        },
    )
    assert resp.status_code == 302
    assert not is_working_day(D(2026, 3, 10))
    assert CalendarOverride.objects.get(date=D(2026, 3, 10)).created_by == admin_user
    resp = client.post(
        add, {"date": "2050-03-10", "kind": "day_off", "name_vi": "Nghỉ", "reference": "QĐ 3"}
    )
    assert resp.status_code == 200 and "2010" in resp.content.decode()
    o = CalendarOverride.objects.get(date=D(2026, 3, 10))
    resp = client.post(
        reverse("admin:deadlines_calendaroverride_delete", args=[o.pk]), {"post": "yes"}
    )
    assert resp.status_code == 302
    assert is_working_day(D(2026, 3, 10))


def test_import_refused_to_non_staff(client, officer_a):
    client.force_login(officer_a)
    resp = client.get(reverse("admin:deadlines_calendaroverride_import"))
    assert resp.status_code == 302 and "login" in resp["Location"]


def test_a_change_made_by_another_process_is_seen_through_the_fingerprint(monkeypatch):
    from danvan.deadlines import workcal

    assert is_working_day(D(2026, 3, 12))
    # bulk_create sends no signal: as if another web worker had saved the override
    CalendarOverride.objects.bulk_create(
        [CalendarOverride(date=D(2026, 3, 12), kind="day_off", name_vi="Nghỉ", reference="QĐ")]
    )
    assert is_working_day(D(2026, 3, 12))  # still the cached calendar
    monkeypatch.setattr(workcal, "RECHECK_SECONDS", 0.0)
    assert not is_working_day(D(2026, 3, 12))


def test_the_example_file_shipped_for_administrators_parses():
    from pathlib import Path

    import danvan.deadlines

    path = Path(danvan.deadlines.__file__).parent / "data" / "calendar_overrides_example.csv"
    parsed = parse_overrides(path.read_bytes(), path.name)
    assert parsed.errors == [] and parsed.rows[0]["kind"] == "working_day"
