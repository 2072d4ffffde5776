"""The procedure catalogue: import all-or-nothing, administrators' pages, the clock rule."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from danvan.accounts.roles import Role
from danvan.deadlines.clock import compute_due
from danvan.dossiers.models import Procedure, UnitProcedure
from danvan.dossiers.selectors import procedures_for_unit
from danvan.dossiers.services import procedure_update, procedures_import
from danvan.testing.factories import UserFactory, make_officer

GOOD_CSV = (
    "ma,ten,linh_vuc,cap,thoi_han,phi_le_phi,thanh_phan_ho_so,can_cu_phap_ly,truc_tuyen\n"
    "1.000656,Đăng ký kết hôn,Hộ tịch,Xã,3,Miễn,Tờ khai; Giấy xác nhận tình trạng hôn nhân,Luật Hộ tịch 2014,Toàn trình\n"
    "2.000908,Chứng thực bản sao từ bản chính,Chứng thực,xã,1,2.000 đồng/trang,Bản chính; Bản sao,Nghị định 23/2015/NĐ-CP,không\n"
)


def test_import_csv_creates_and_updates(db, procedure):
    result = procedures_import(actor=None, file=GOOD_CSV.encode(), filename="thu-tuc.csv")
    assert result.ok and result.created == 2 and result.updated == 0
    marriage = Procedure.objects.get(code="1.000656")
    assert marriage.required_documents == ["Tờ khai", "Giấy xác nhận tình trạng hôn nhân"]
    assert marriage.online == "full" and marriage.level == "commune"
    changed = GOOD_CSV.replace(",3,Miễn", ",5,Miễn")
    result = procedures_import(actor=None, file=changed.encode(), filename="thu-tuc.csv")
    assert result.updated == 2
    assert Procedure.objects.get(code="1.000656").processing_days == 5


def test_import_xlsx(db):
    wb = Workbook()
    ws = wb.active
    ws.append(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn", "Thành phần hồ sơ"])
    ws.append(["1.001193", "Đăng ký khai sinh", "Hộ tịch", 3, "Tờ khai\nGiấy chứng sinh"])
    out = io.BytesIO()
    wb.save(out)
    result = procedures_import(actor=None, file=out.getvalue(), filename="tt.xlsx")
    assert result.ok
    assert Procedure.objects.get().required_documents == ["Tờ khai", "Giấy chứng sinh"]


def test_every_bad_row_is_reported_and_nothing_imported(db):
    bad = GOOD_CSV + (
        "x y,Tên,Hộ tịch,xã,3,,,,\n"
        "3.1,Không có thời hạn,Hộ tịch,xã,abc,,,,\n"
        "1.000656,Trùng mã,Hộ tịch,xã,3,,,,\n"
        "3.2,,Hộ tịch,xã,3,,,,\n"
        "3.3,Sai cấp,Hộ tịch,huyện,3,,,,\n"
    )
    result = procedures_import(actor=None, file=bad.encode(), filename="tt.csv")
    assert not result.ok
    assert [line for line, _ in result.errors] == [4, 5, 6, 7, 8]
    assert "trùng với dòng 2" in result.errors[2][1]
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "needle"),
    [
        (b"", "a.csv", "rỗng"),
        (b"ma,ten\n1,2\n", "a.csv", "thoi_han"),
        (b"x", "a.pdf", "định dạng"),
        (b"not a zip", "a.xlsx", "Excel"),
    ],
)
def test_unreadable_files(db, content, name, needle):
    result = procedures_import(actor=None, file=content, filename=name)
    assert not result.ok and needle in result.errors[0][1]


def test_processing_time_is_a_clock_rule(procedure):
    due = compute_due("onestop.procedure.1.001193", date(2026, 10, 5))
    assert due.due == date(2026, 10, 8)
    procedure_update(
        actor=None, procedure=procedure, data={**procedure.__dict__, "processing_days": 5}
    )
    assert compute_due("onestop.procedure.1.001193", date(2026, 10, 5)).due == date(2026, 10, 12)


def test_unit_enablement(procedure, unit_a, unit_b):
    UnitProcedure.objects.create(unit=unit_b, procedure=procedure, enabled=False)
    assert list(procedures_for_unit(unit_a)) == [procedure]
    assert not procedures_for_unit(unit_b).exists()


def test_admin_pages(procedure, unit_a, client_a, client_b, citizen_client, settings):
    commune_admin = make_officer("admin1", unit=unit_a, roles=[Role.ADMIN])
    commune_admin_client = Client()
    commune_admin_client.force_login(commune_admin)
    # The catalogue sets every commune's deadlines: one commune's admin may not change it.
    assert commune_admin_client.get("/mot-cua/thu-tuc/").status_code == 403
    assert commune_admin_client.post("/mot-cua/thu-tuc/them/", {}).status_code == 403
    admin = UserFactory(username="sysadmin", is_superuser=True, is_staff=True)
    c = Client()
    c.force_login(admin)
    assert c.get("/mot-cua/thu-tuc/").status_code == 200
    assert client_a.get("/mot-cua/thu-tuc/").status_code == 403
    assert client_b.get("/mot-cua/thu-tuc/them/").status_code == 403
    assert citizen_client.get("/mot-cua/thu-tuc/").status_code == 302
    data = {
        "code": "1.2",
        "name": "Thủ tục mới",
        "field": "Đất đai",
        "level": "commune",
        "processing_days": "0",
        "online": "none",
    }
    bad = c.post("/mot-cua/thu-tuc/them/", data)
    assert bad.status_code == 400 and "Thủ tục mới" in bad.content.decode()
    assert c.post("/mot-cua/thu-tuc/them/", {**data, "processing_days": "10"}).status_code == 302
    dup = c.post("/mot-cua/thu-tuc/them/", {**data, "processing_days": "10"})
    assert dup.status_code == 400 and "đã có" in dup.content.decode()
    edit = c.post("/mot-cua/thu-tuc/1.2/sua/", {**data, "processing_days": "12", "code": "HACK"})
    assert edit.status_code == 302 and Procedure.objects.get(code="1.2").processing_days == 12
    assert (
        client_a.post("/mot-cua/thu-tuc/1.2/sua/", {**data, "processing_days": "1"}).status_code
        == 403
    )
    upload = SimpleUploadedFile("tt.csv", b"ma,ten\n1,2\n", content_type="text/csv")
    response = c.post("/mot-cua/thu-tuc/nhap/", {"file": upload})
    assert response.status_code == 400 and "thoi_han" in response.content.decode()
    upload = SimpleUploadedFile("tt.csv", GOOD_CSV.encode(), content_type="text/csv")
    assert c.post("/mot-cua/thu-tuc/nhap/", {"file": upload}).status_code == 302
    assert Procedure.objects.count() == 4


def test_switched_off_procedure_is_refused_at_reception(receive, procedure, unit_a):
    from danvan.dossiers.services import DossierError

    row = UnitProcedure.objects.create(unit=unit_a, procedure=procedure, enabled=False)
    with pytest.raises(DossierError) as err:
        receive()
    assert err.value.code == "procedure_unavailable"
    row.delete()
    assert receive().case.code.endswith("-0001")
