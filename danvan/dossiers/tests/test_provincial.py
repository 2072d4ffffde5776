"""Dossiers taken from the provincial one-stop system: import, re-import, updates, bad rows,
time zone, the upload page, the command and the indicators."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from danvan.accounts.roles import Role
from danvan.cases.models import Case, CaseEvent, CaseEventKind, CaseStatus
from danvan.core.models import AuditEntry, Notification
from danvan.dossiers import indicators as ind
from danvan.dossiers import papers
from danvan.dossiers.demo import seed_catalogue
from danvan.dossiers.models import Dossier, DossierStage, UnitProcedure
from danvan.dossiers.provincial import parse_datetime, read_file
from danvan.dossiers.services import (
    DossierError,
    dossier_result_ready,
    provincial_import,
)
from danvan.testing.factories import make_officer

from .conftest import vn

DATA = Path(__file__).resolve().parent.parent / "data"
HEADER = "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,TrangThaiHoSo,ChuHoSo,SoDienThoai"


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def run(unit, content: bytes, name: str = "tinh.csv", actor=None):
    return provincial_import(unit=unit, file=content, filename=name, actor=actor)


def dossier(code: str) -> Dossier:
    return Dossier.objects.select_related("case").get(case__code=code)


@pytest.fixture
def catalogue(db):
    seed_catalogue()


def test_the_shipped_example_is_imported_as_cases_without_sms(catalogue, unit_a):
    result = run(unit_a, (DATA / "provincial_example.csv").read_bytes())
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (8, 0, 0)
    assert Dossier.objects.filter(source="provincial").count() == 8
    # Returned on 05/08, due 05/08: on time; the appointment is the province's, not ours.
    first = dossier("000.12.34.H56-250804-0001")
    assert first.stage == DossierStage.RETURNED and first.case.status == CaseStatus.RESOLVED
    assert first.case.on_time is True and first.case.due_date == date(2025, 8, 5)
    assert first.result_ready_at == vn(2025, 8, 5, 9, 10)
    assert first.returned_at == vn(2025, 8, 5, 14, 30)
    assert first.case.channel == "desk" and first.source_data["field_code"] == "HT"
    assert first.case.department == "Bộ phận Tư pháp - Hộ tịch"
    assert dossier("000.12.34.H56-250804-0002").stage == DossierStage.RESULT_READY
    open_one = dossier("000.12.34.H56-250805-0001")
    assert open_one.case.status == CaseStatus.RECEIVED and open_one.case.channel == "online"
    assert open_one.case.due_date == date(2025, 8, 6)
    waiting = dossier("000.12.34.H56-250805-0002")
    assert waiting.stage == DossierStage.WAITING_SUPPLEMENT and waiting.supplement_requests == 1
    assert waiting.case.status == CaseStatus.WAITING_CITIZEN
    late = dossier("000.12.34.H56-250806-0001")
    assert late.case.on_time is False  # finished 12/08, appointment 11/08
    assert dossier("000.12.34.H56-250806-0002").case.status == CaseStatus.REFUSED
    cancelled = dossier("000.12.34.H56-250807-0001")
    assert cancelled.stage == DossierStage.CANCELLED
    assert cancelled.case.status == CaseStatus.WITHDRAWN
    receiving = dossier("000.12.34.H56-250807-0002")
    assert receiving.stage == DossierStage.INCOMPLETE and receiving.case.channel == "post"
    # The provincial system told the citizens; danvan sends nothing.
    assert not Notification.objects.exists()
    due_event = first.case.events.get(kind=CaseEventKind.NOTE, data__source="provincial")
    assert "05/08/2025" in due_event.note and "hệ thống một cửa của tỉnh" in due_event.note
    assert AuditEntry.objects.filter(action="dossiers.import_provincial").count() == 8
    assert AuditEntry.objects.get(action="dossiers.provincial_import").detail["created"] == 8


def test_the_shipped_json_example_parses_and_imports_the_same(catalogue, unit_a):
    raw = read_file((DATA / "provincial_example.json").read_bytes(), "x.json")
    assert raw.is_json and len(raw.rows) == 8 and raw.rows[0][1]["trangthaihoso"] == "10"
    result = run(unit_a, (DATA / "provincial_example.json").read_bytes(), "tinh.json")
    assert result.ok and result.created == 8
    again = run(unit_a, (DATA / "provincial_example.csv").read_bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 8)


def test_an_xlsx_export(procedure, unit_a):
    wb = Workbook()
    ws = wb.active
    ws.append(["MaHoSo", "MaTTHC", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo"])
    ws.append(["X-261005-0001", "1.001193", "20261005090000", "20261008170000", 4])
    out = io.BytesIO()
    wb.save(out)
    result = run(unit_a, out.getvalue(), "tinh.xlsx")
    assert result.ok and result.created == 1
    assert dossier("X-261005-0001").case.due_date == date(2026, 10, 8)


def test_an_xlsx_export_with_real_date_cells_keeps_the_time(procedure, unit_a):
    wb = Workbook()
    ws = wb.active
    ws.append(["MaHoSo", "MaTTHC", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo"])
    ws.append(["X-261005-0002", "1.001193", datetime(2026, 10, 5, 9, 30), datetime(2026, 10, 8), 4])
    out = io.BytesIO()
    wb.save(out)
    result = run(unit_a, out.getvalue(), "tinh.xlsx")
    assert result.ok, result.errors
    case = dossier("X-261005-0002").case
    assert case.received_at == vn(2026, 10, 5, 9, 30) and case.due_date == date(2026, 10, 8)


def test_reimporting_the_same_export_changes_nothing(catalogue, unit_a):
    content = (DATA / "provincial_example.csv").read_bytes()
    run(unit_a, content)
    events, audits = CaseEvent.objects.count(), AuditEntry.objects.count()
    cases = list(Case.objects.order_by("pk").values_list("pk", "updated_at", "due_date"))
    result = run(unit_a, content)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 8)
    assert CaseEvent.objects.count() == events
    assert AuditEntry.objects.count() == audits + 1  # the import itself, nothing else
    assert list(Case.objects.order_by("pk").values_list("pk", "updated_at", "due_date")) == cases


def test_a_status_change_then_a_finish(procedure, unit_a):
    code = "H56-261005-0001"
    row = f"{code},1.001193,20261005090000,20261008170000,,{{status}},Nguyễn Văn Đức,0912345678"
    run(unit_a, csv_file(row.format(status=4)))
    # The province asks the citizen for documents (5), and moves the appointment.
    waiting = row.format(status=5).replace("20261008170000", "20261012170000")
    result = run(unit_a, csv_file(waiting))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    d = dossier(code)
    assert (
        d.stage == DossierStage.WAITING_SUPPLEMENT and d.case.status == CaseStatus.WAITING_CITIZEN
    )
    assert d.case.due_date == date(2026, 10, 12) and d.source_status == 5
    assert d.case.events.filter(kind=CaseEventKind.SUPPLEMENT_REQUESTED).count() == 1
    # Back to processing, then finished on 12/10 at 10:00: on time against the new date.
    run(unit_a, csv_file(waiting.replace(",5,", ",4,")))
    d = dossier(code)
    assert d.case.status == CaseStatus.IN_PROGRESS
    assert d.case.events.filter(kind=CaseEventKind.CLOCK_RESTARTED).count() == 1
    done = waiting.replace(",,5,", ",20261012100000,9,")
    result = run(unit_a, csv_file(done))
    assert result.updated == 1
    d = dossier(code)
    assert d.stage == DossierStage.RESULT_READY and d.case.status == CaseStatus.RESOLVED
    assert d.case.closed_at == vn(2026, 10, 12, 10, 0) and d.case.on_time is True
    assert d.result_ready_at == vn(2026, 10, 12, 10, 0)
    assert d.case.due_date == date(2026, 10, 12)
    assert not Notification.objects.exists()
    assert run(unit_a, csv_file(done)).unchanged == 1


def test_a_second_supplement_request_makes_it_late_as_decision_766_says(procedure, unit_a):
    row = "H-1,1.001193,20261005090000,20261020170000,{done},{status},,"
    for status in (4, 5, 4, 5, 4):
        run(unit_a, csv_file(row.format(done="", status=status)))
    run(unit_a, csv_file(row.format(done="20261006090000", status=10)))
    d = dossier("H-1")
    assert d.supplement_requests == 2 and d.case.on_time is False
    assert d.stage == DossierStage.RETURNED and d.returned_at == vn(2026, 10, 6, 9, 0)


def test_a_dossier_finished_here_is_not_reopened(procedure, unit_a):
    row = "H-1,1.001193,20261005090000,20261008170000,{done},{status},,"
    run(unit_a, csv_file(row.format(done="20261006090000", status=10)))
    result = run(unit_a, csv_file(row.format(done="", status=4)))
    assert result.ok and result.unchanged == 1 and result.notes[0].column == "TrangThaiHoSo"
    assert dossier("H-1").stage == DossierStage.RETURNED and dossier("H-1").source_status == 10


def test_every_bad_row_is_reported_and_nothing_is_written(procedure, unit_a, unit_b):
    from danvan.dossiers.models import Procedure

    off = Procedure.objects.create(
        code="1.000894", name="Kết hôn", field="Hộ tịch", processing_days=3
    )
    UnitProcedure.objects.create(unit=unit_a, procedure=off, enabled=False)
    content = csv_file(
        "A-1,1.001193,20261005090000,20261008170000,,4,Nguyễn Văn A,0912345678",  # good
        ",1.001193,20261005090000,20261008170000,,4,,",  # 3: no MaHoSo
        "A-2,9.999999,20261005090000,20261008170000,,4,,",  # 4: unknown procedure
        "A-3,1.000894,20261005090000,20261008170000,,4,,",  # 5: switched off here
        "A-4,1.001193,2026-13-45,20261008170000,,4,,",  # 6: bad date
        "A-5,1.001193,20261005090000,20261008170000,20261004090000,10,,",  # 7: ends before
        "A-6,1.001193,20261005090000,20261008170000,,99,,",  # 8: unknown status
        "A-1,1.001193,20261005090000,20261008170000,,4,,",  # 9: duplicate code
        "A-7,1.001193,20261005090000,20261008170000,,4,,12ab",  # 10: bad phone
        "A-8,1.001193,20261005090000,20261008170000,,10,,",  # 11: done without a date
        "A 9,1.001193,20261005090000,20261003170000,,4,,",  # 12: code, due before received
    )
    result = run(unit_a, content)
    assert not result.ok
    found = [(i.row, i.column) for i in result.errors]
    assert found == [
        (3, "MaHoSo"),
        (4, "MaTTHC"),
        (5, "MaTTHC"),
        (6, "NgayTiepNhan"),
        (7, "NgayKetThucXuLy"),
        (8, "TrangThaiHoSo"),
        (9, "MaHoSo"),
        (10, "SoDienThoai"),
        (11, "NgayKetThucXuLy"),
        (12, "MaHoSo"),
        (12, "NgayHenTra"),
    ]
    messages = {(i.row, i.column): i.message for i in result.errors}
    assert "không có trong danh mục" in messages[(4, "MaTTHC")]
    assert "không áp dụng tại đơn vị" in messages[(5, "MaTTHC")]
    assert "yyyyMMddHHmmss" in messages[(6, "NgayTiepNhan")]
    assert "trùng với dòng 2" in messages[(9, "MaHoSo")]
    assert not Case.objects.exists() and not Dossier.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="dossiers.").exists()


def test_codes_of_other_dossiers_are_refused(procedure, unit_a, unit_b, receive, officer_b):
    from danvan.dossiers.services import dossier_receive

    local = receive()
    theirs = dossier_receive(
        unit=unit_b,
        procedure=procedure,
        actor=officer_b,
        applicant_name="Lê Văn C",
        received_at=vn(2026, 10, 5, 9, 0),
    )
    content = csv_file(
        f"{local.case.code},1.001193,20261005090000,20261008170000,,4,,",
        f"{theirs.case.code},1.001193,20261005090000,20261008170000,,4,,",
    )
    with translation.override("vi"):
        result = run(unit_a, content)
    assert [i.row for i in result.errors] == [2, 3]
    # One message whoever holds the code: the row must not tell that another commune has it.
    assert "đã được dùng cho một hồ sơ khác" in result.errors[0].message
    ours, other = (i.message for i in result.errors)
    assert ours.replace(local.case.code, "X") == other.replace(theirs.case.code, "X")
    assert "đơn vị khác" not in other
    assert Dossier.objects.count() == 2


def test_dates_are_vietnam_time_whatever_the_server_zone(procedure, unit_a, settings):
    settings.TIME_ZONE = "UTC"  # what a server left in UTC would take
    assert parse_datetime("20261005063000") == datetime(2026, 10, 4, 23, 30, tzinfo=UTC)
    # 06:30 on 5/10 in Hanoi is 23:30 on 4/10 in UTC: the dossier was received on 5/10, and
    # an appointment at 00:30 on 8/10 in Hanoi is on 8/10, not 7/10.
    run(unit_a, csv_file("T-1,1.001193,20261005063000,20261008003000,,4,,"))
    d = dossier("T-1")
    assert d.case.received_at == datetime(2026, 10, 4, 23, 30, tzinfo=UTC)
    assert d.received_on == date(2026, 10, 5) and d.case.due_date == date(2026, 10, 8)


def test_json_errors_name_the_record(procedure, unit_a):
    records = [
        {"MaHoSo": "J-1", "MaTTHC": "1.001193", "NgayTiepNhan": 20261005090000,
         "NgayHenTra": "20261008170000", "TrangThaiHoSo": 4},
        {"MaHoSo": "J-2", "MaTTHC": "1.001193", "NgayHenTra": "20261008170000",
         "TrangThaiHoSo": "4"},
    ]  # fmt: skip
    result = run(unit_a, json.dumps(records).encode(), "tinh.json")
    assert result.is_json and [(i.row, i.column) for i in result.errors] == [(2, "NgayTiepNhan")]
    for bad in (b"{", b'{"a": 1}', b"[1, 2]"):
        assert "JSON" in run(unit_a, bad, "tinh.json").errors[0].message
    assert "Thiếu cột bắt buộc" in run(unit_a, b"MaHoSo,MaTTHC\nA,B\n").errors[0].message
    assert ".json" in run(unit_a, b"x", "tinh.pdf").errors[0].message


def test_imported_dossiers_move_in_the_provincial_system_only(
    procedure, unit_a, officer_a, client_a
):
    run(unit_a, csv_file("P-1,1.001193,20261005090000,20261008170000,,4,Nguyễn Văn A,"))
    d = dossier("P-1")
    with pytest.raises(DossierError) as err:
        dossier_result_ready(dossier=d, actor=officer_a)
    assert err.value.code == "provincial"
    page = client_a.get("/mot-cua/ho-so/P-1/").content.decode()
    assert 'data-testid="provincial"' in page and "4 – Đang xử lý" in page
    assert 'data-testid="result-ready"' not in page
    assert client_a.post("/mot-cua/ho-so/P-1/co-ket-qua/", {"note": ""}).status_code == 400
    assert (
        client_a.post("/mot-cua/ho-so/P-1/chuyen/", {"to_department": "Tư pháp"}).status_code == 302
    )
    assert papers.available_forms(d) == ["05"]
    home = client_a.get("/mot-cua/").content.decode()
    assert "Từ tỉnh" in home and 'data-testid="provincial-link"' in home
    # Nor through the generic case page: no pause, extension or closing there either.
    case_page = client_a.get("/ho-so-viec/P-1/").content.decode()
    assert "/ho-so-viec/P-1/close/" not in case_page and "/ho-so-viec/P-1/pause/" not in case_page
    assert "/ho-so-viec/P-1/hand_on/" in case_page
    client_a.post("/ho-so-viec/P-1/close/", {"close-status": "resolved"})
    assert dossier("P-1").case.closed_at is None


@pytest.fixture
def upload_url(unit_a):
    return f"/mot-cua/nhap-tu-tinh/{unit_a.code}/"


def upload(client, url, content: bytes, name: str = "tinh.csv"):
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def test_upload_page(client_a, procedure, unit_a, upload_url):
    assert client_a.get("/mot-cua/nhap-tu-tinh/")["Location"] == upload_url
    assert client_a.get(upload_url).status_code == 200
    good = csv_file("U-1,1.001193,20261005090000,20261008170000,,4,,")
    response = upload(client_a, upload_url, good)
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-result"' in body
    assert "1 hồ sơ mới, 0 hồ sơ cập nhật, 0 hồ sơ không đổi" in body
    assert AuditEntry.objects.get(action="dossiers.provincial_import").actor_name == "alice"
    bad = csv_file("U-2,9.9,20261005090000,20261008170000,,4,,", "U-3,1.001193,x,y,,4,,")
    response = upload(client_a, upload_url, bad, "xuat-thang-10.csv")
    body = response.content.decode()
    assert response.status_code == 400 and 'data-testid="import-errors"' in body
    assert "xuat-thang-10.csv" in body and "chọn lại tệp" in body
    assert (
        "Dòng 2, MaTTHC" in body and "Dòng 3, NgayTiepNhan" in body and "Dòng 3, NgayHenTra" in body
    )
    assert Dossier.objects.count() == 1
    assert client_a.get("/mot-cua/nhap-tu-tinh/tep-mau.csv").status_code == 200


def test_the_page_sends_big_first_loads_to_the_command(
    client_a, procedure, upload_url, monkeypatch
):
    monkeypatch.setattr("danvan.dossiers.views.provincial.WEB_MAX_NEW", 2)
    rows = [f"B-{i},1.001193,20261005090000,20261008170000,,4,," for i in range(3)]
    response = upload(client_a, upload_url, csv_file(*rows))
    assert response.status_code == 400
    assert "import_provincial_dossiers" in response.content.decode()
    assert not Dossier.objects.exists()
    assert upload(client_a, upload_url, csv_file(*rows[:2])).status_code == 200
    assert upload(client_a, upload_url, csv_file(*rows)).status_code == 200  # one new only
    assert Dossier.objects.count() == 3


def test_upload_page_refuses_other_communes_and_other_roles(
    client_b, officer_b, citizen_client, procedure, unit_a, upload_url
):
    good = csv_file("U-1,1.001193,20261005090000,20261008170000,,4,,")
    assert client_b.get(upload_url).status_code == 404
    assert upload(client_b, upload_url, good).status_code == 404
    assert citizen_client.get(upload_url).status_code == 302
    specialist = Client()
    specialist.force_login(make_officer("sam", unit=unit_a, roles=[Role.SPECIALIST]))
    assert specialist.get(upload_url).status_code == 403
    assert upload(specialist, upload_url, good).status_code == 403
    assert specialist.get("/mot-cua/nhap-tu-tinh/").status_code == 403
    assert specialist.get("/mot-cua/nhap-tu-tinh/tep-mau.csv").status_code == 403
    assert not Dossier.objects.exists()
    with pytest.raises(PermissionDenied, match="cán bộ một cửa"):
        run(unit_a, good, actor=officer_b)


def test_upload_page_in_english(client_a, procedure, upload_url):
    client_a.cookies["django_language"] = "en"
    page = client_a.get(upload_url).content.decode()
    assert "Take dossiers from the provincial system" in page
    body = upload(client_a, upload_url, csv_file("U-1,9.9,20261005090000,20261008170000,,4,,"))
    text = body.content.decode()
    assert "Row 2, MaTTHC" in text and "is not in the catalogue" in text


def test_command_output_and_exit_code(procedure, unit_a, tmp_path):
    path = tmp_path / "tinh.csv"
    path.write_bytes(csv_file("C-1,1.001193,20261005090000,20261008170000,,4,,"))
    out = io.StringIO()
    call_command("import_provincial_dossiers", str(path), unit="99001", stdout=out)
    assert "1 hồ sơ mới, 0 cập nhật, 0 không đổi" in out.getvalue()
    out = io.StringIO()
    call_command("import_provincial_dossiers", str(path), unit="99001", stdout=out)
    assert "(created 0, updated 0, unchanged 1)" in out.getvalue()
    path.write_bytes(csv_file("C-2,9.9,20261005090000,20261008170000,,4,,", "C-3,1.001193,x,,,4,,"))
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_provincial_dossiers", str(path), unit="99001", stderr=err)
    assert exc.value.returncode == 1 and "3 lỗi" in str(exc.value)
    assert "dòng 2, MaTTHC" in err.getvalue() and "dòng 3, NgayHenTra" in err.getvalue()
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("import_provincial_dossiers", str(path), unit="12345")
    with pytest.raises(CommandError, match="Không mở được"):
        call_command("import_provincial_dossiers", str(tmp_path / "none.csv"), unit="99001")
    assert Dossier.objects.count() == 1


def test_imported_dossiers_count_in_the_indicators(procedure, unit_a, receive, officer_a):
    # A desk dossier on time, and two from the province: one on time, one late.
    dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 7, 9, 0))
    run(
        unit_a,
        csv_file(
            "P-1,1.001193,20261005090000,20261008170000,20261008100000,10,,",
            "P-2,1.001193,20261005090000,20261008170000,20261009100000,10,,",
        ),
    )
    month = (date(2026, 10, 1), date(2026, 10, 31))
    a = unit_a.pk
    assert ind.on_time_rate([a], *month) == {a: (2.0, 3.0)}
    assert ind.avg_processing_days([a], *month)[a][1] == 3.0
    # Unknown for imported dossiers (visits, form 04, channel): left out, not counted as good.
    assert ind.multi_visit_share([a], *month) == {a: (0.0, 1.0)}
    assert ind.apology_rate([a], *month) == {a: (0.0, 1.0)}
    assert ind.online_share([a], *month) == {a: (0.0, 1.0)}


def test_a_newer_export_corrects_the_applicant_without_erasing(procedure, unit_a):
    row = "P-9,1.001193,20261005090000,20261008170000,,4,{name},{phone}"
    run(unit_a, csv_file(row.format(name="Nguyen Van A", phone="0912000111")))
    result = run(unit_a, csv_file(row.format(name="Nguyễn Văn An", phone="")))
    assert result.ok and result.updated == 1
    case = dossier("P-9").case
    assert case.applicant_name == "Nguyễn Văn An" and case.applicant_phone == "0912000111"
    assert case.search_name == "nguyen van an"
    note = case.events.get(data__applicant__isnull=False)
    assert note.data["applicant"] == ["applicant_name"] and not note.public
    entry = AuditEntry.objects.get(action="cases.update_applicant")
    assert "Nguyễn" not in str(entry.detail) and entry.detail["fields"] == ["applicant_name"]
    # The same export again: nothing more.
    assert run(unit_a, csv_file(row.format(name="Nguyễn Văn An", phone=""))).unchanged == 1


# --- Codes a URL can carry, nested JSON, hand-ons, one message for taken codes ---------------


def test_a_code_a_url_path_cannot_carry_is_refused(procedure, unit_a):
    # Case codes go into <str:code> URL segments: a "/" would break every link to the case.
    with translation.override("vi"):
        result = run(
            unit_a,
            csv_file(
                "OK-1,1.001193,20261005090000,20261008170000,,4,,",
                "H56/2026/0001,1.001193,20261005090000,20261008170000,,4,,",
                "H56?1,1.001193,20261005090000,20261008170000,,4,,",
            ),
        )
    assert [(i.row, i.column) for i in result.errors] == [(3, "MaHoSo"), (4, "MaHoSo")]
    message = result.errors[0].message
    assert "“H56/2026/0001”" in message and "chữ cái không dấu, chữ số và dấu . - _" in message
    assert not Case.objects.exists() and not Dossier.objects.exists()


def test_pages_linking_imported_codes_render(client_a, procedure, unit_a):
    codes = ["000.12.34.H56-261005-0001", "H56_2026_0002", "h56.x-3"]
    rows = [f"{c},1.001193,20261005090000,20261008170000,,4,," for c in codes]
    assert run(unit_a, csv_file(*rows)).ok
    home = client_a.get("/mot-cua/")
    assert home.status_code == 200
    book = client_a.get("/mot-cua/so-theo-doi/", {"start": "01/10/2026", "end": "31/10/2026"})
    assert book.status_code == 200
    for code in codes:
        assert f'href="/mot-cua/ho-so/{code}/"' in home.content.decode()
        assert f'href="/mot-cua/ho-so/{code}/"' in book.content.decode()
        assert client_a.get(f"/mot-cua/ho-so/{code}/").status_code == 200
        assert client_a.get(f"/ho-so-viec/{code}/").status_code == 200


def test_a_deeply_nested_json_file_is_a_file_error(client_a, procedure, unit_a, upload_url):
    deep = b"[" * 200_000
    with translation.override("vi"):
        result = run(unit_a, deep, "tinh.json")
    assert not result.ok
    assert [(i.row, i.column) for i in result.errors] == [(1, "")]
    assert "lồng nhau quá sâu" in result.errors[0].message
    response = upload(client_a, upload_url, deep, "tinh.json")
    body = response.content.decode()
    assert response.status_code == 400 and "lồng nhau quá sâu" in body
    assert 'data-testid="import-errors"' in body
    nested = b'[{"MaHoSo": ' + b"[" * 200_000 + b"}]"
    with translation.override("vi"):
        assert "lồng nhau quá sâu" in run(unit_a, nested, "tinh.json").errors[0].message
    assert not Case.objects.exists()


HANDLING = HEADER + ",DonViXuLy"


def test_a_local_hand_on_is_kept_until_the_province_hands_on(procedure, unit_a, officer_a):
    from danvan.dossiers.services import dossier_hand_on

    row = "P-5,1.001193,20261005090000,20261008170000,,4,,,{unit}"
    first = csv_file(row.format(unit="Bộ phận Tư pháp - Hộ tịch"), header=HANDLING)
    assert run(unit_a, first).created == 1
    assert dossier("P-5").case.department == "Bộ phận Tư pháp - Hộ tịch"
    dossier_hand_on(dossier=dossier("P-5"), actor=officer_a, to_department="Địa chính")
    # The same export again: the commune's own hand-on stands.
    result = run(unit_a, first)
    assert result.ok and (result.updated, result.unchanged) == (0, 1)
    assert dossier("P-5").case.department == "Địa chính"
    # The province hands it on: that is followed.
    moved = csv_file(row.format(unit="Văn phòng UBND"), header=HANDLING)
    result = run(unit_a, moved)
    assert result.updated == 1
    d = dossier("P-5")
    assert d.case.department == "Văn phòng UBND"
    assert d.source_data["handling_unit"] == "Văn phòng UBND"
    assert run(unit_a, moved).unchanged == 1


def test_import_notes_name_the_status_in_the_interface_language(procedure, unit_a):
    row = "H-7,1.001193,20261005090000,20261008170000,{done},{status},,"
    run(unit_a, csv_file(row.format(done="20261006090000", status=10)))
    with translation.override("en"):
        result = run(unit_a, csv_file(row.format(done="", status=4)))
    assert "4 – Processing" in result.notes[0].message
    with translation.override("vi"):
        result = run(unit_a, csv_file(row.format(done="", status=4)))
    assert "4 – Đang xử lý" in result.notes[0].message


def test_the_provincial_badge_is_shown_on_the_home_page_and_the_book(client_a, procedure, unit_a):
    run(unit_a, csv_file("P-1,1.001193,20261005090000,20261008170000,,4,,"))
    home = client_a.get("/mot-cua/").content.decode()
    book = client_a.get(
        "/mot-cua/so-theo-doi/", {"start": "01/10/2026", "end": "31/10/2026"}
    ).content.decode()
    for page in (home, book):
        assert page.count('data-testid="provincial-badge"') == 1
        assert ">Từ tỉnh</span>" in page
