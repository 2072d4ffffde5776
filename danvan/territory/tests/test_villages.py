from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from danvan.core.models import AuditEntry
from danvan.territory.models import Unit, UnitKind, Village, VillageKind
from danvan.territory.services import (
    VillageImportError,
    unit_update_attributes,
    village_create,
    village_delete,
    village_update,
    villages_import,
)
from danvan.territory.tests.helpers import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_village_create_update_delete_are_audited(officer_a, unit_a):
    village = village_create(
        actor=officer_a, unit=unit_a, name="  Thôn   Nà Pài ", kind=VillageKind.THON, households=112
    )
    assert village.name == "Thôn Nà Pài"
    village_update(
        actor=officer_a,
        village=village,
        name="Thôn Nà Pài 1",
        kind=VillageKind.BAN,
        households=120,
        population=480,
    )
    village.refresh_from_db()
    assert (village.name, village.kind, village.households) == ("Thôn Nà Pài 1", "ban", 120)
    village_delete(actor=officer_a, village=village)
    assert not Village.objects.exists()
    actions = list(
        AuditEntry.objects.filter(unit_code=unit_a.code)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "territory.village.create",
        "territory.village.update",
        "territory.village.delete",
    ]


def test_village_names_are_unique_per_unit_ignoring_case(officer_a, unit_a, unit_b):
    village_create(actor=officer_a, unit=unit_a, name="Thôn Nà Pài")
    with pytest.raises(ValidationError, match="đã có"):
        village_create(actor=officer_a, unit=unit_a, name="thôn nà pài")
    # The same name in another commune is fine.
    village_create(actor=officer_a, unit=unit_b, name="Thôn Nà Pài")
    with pytest.raises(ValidationError, match="để trống"):
        village_create(actor=officer_a, unit=unit_a, name="   ")
    with pytest.raises(ValidationError):
        village_create(actor=officer_a, unit=unit_a, name="Thôn X", households=-1)
    assert Village.objects.count() == 2


def test_unit_attributes_update_is_audited(officer_a, unit_a):
    unit_update_attributes(
        actor=officer_a,
        unit=unit_a,
        is_remote=True,
        is_especially_difficult=False,
        population=7000,
        households=1800,
    )
    unit_a.refresh_from_db()
    assert unit_a.is_remote and unit_a.population == 7000 and unit_a.households == 1800
    entry = AuditEntry.objects.get(action="territory.unit.update")
    assert entry.detail["after"]["is_remote"] is True
    assert entry.detail["before"]["is_remote"] is False


GOOD_XLSX = [
    ["Mã xã", "Tên", "Loại", "Số hộ", "Dân số"],
    ["99001", "Thôn Nà Pài", "Thôn", 112, 468],
    [99001, "Bản Khuổi Khí", "ban", "64", ""],
    ["", "Tổ dân phố 1", "To dan pho", "1.230", "4,900"],
    ["99001", "Xóm Nà Ché", "", "", ""],
]


def test_good_xlsx_import(officer_a, unit_a):
    result = villages_import(
        actor=officer_a, unit=unit_a, file=io.BytesIO(xlsx_bytes(GOOD_XLSX)), filename="thon.xlsx"
    )
    assert result.created == 4
    villages = {v.name: v for v in Village.objects.filter(unit=unit_a)}
    assert villages["Thôn Nà Pài"].kind == VillageKind.THON
    assert villages["Thôn Nà Pài"].population == 468
    assert villages["Bản Khuổi Khí"].kind == VillageKind.BAN
    assert villages["Tổ dân phố 1"].kind == VillageKind.TO_DAN_PHO
    assert villages["Tổ dân phố 1"].households == 1230
    assert villages["Tổ dân phố 1"].population == 4900
    # No kind given: a xã gets a thôn by default.
    assert villages["Xóm Nà Ché"].kind == VillageKind.THON
    assert AuditEntry.objects.get(action="territory.village.import").detail["created"] == 4


def test_good_csv_with_bom_and_english_headers(officer_a, unit_a):
    Unit.objects.filter(pk=unit_a.pk).update(kind=UnitKind.PHUONG)
    unit_a.refresh_from_db()
    data = csv_bytes(
        [
            ["name", "kind", "households", "population"],
            ["Tổ 1", "", "200", "800"],
            ["Ấp Mới", "Ấp", "", ""],
        ],
        bom=True,
    )
    result = villages_import(actor=officer_a, unit=unit_a, file=io.BytesIO(data), filename="t.csv")
    assert result.created == 2
    assert Village.objects.get(name="Tổ 1").kind == VillageKind.TO_DAN_PHO  # phường default
    assert Village.objects.get(name="Ấp Mới").kind == VillageKind.AP


def test_every_bad_row_is_reported_and_nothing_written(officer_a, unit_a, unit_b):
    Village.objects.create(unit=unit_a, name="Thôn Cũ")
    rows = [
        ["ma_xa", "ten", "loai", "so_ho", "dan_so"],
        ["99001", "Thôn Tốt", "Thôn", "10", "40"],  # line 2: fine
        ["12345", "Thôn Lạ", "Thôn", "10", ""],  # 3: unknown code
        ["99002", "Thôn Của B", "Thôn", "10", ""],  # 4: not the unit being imported
        ["99001", "", "Thôn", "10", ""],  # 5: empty name
        ["99001", "thôn tốt", "Thôn", "10", ""],  # 6: duplicate of line 2
        ["99001", "Thôn cũ", "Thôn", "10", ""],  # 7: exists already
        ["99001", "Thôn Số", "Thôn", "mười", "-4"],  # 8: bad numbers
        ["99001", "Thôn Kiểu", "Làng", "", ""],  # 9: unknown kind
    ]
    with pytest.raises(VillageImportError) as excinfo:
        villages_import(
            actor=officer_a, unit=unit_a, file=io.BytesIO(xlsx_bytes(rows)), filename="x.xlsx"
        )
    issues = {i.line: i.message for i in excinfo.value.issues}
    assert sorted(issues) == [3, 4, 5, 6, 7, 8, 9]
    assert "12345" in issues[3] and "không có trong danh mục" in issues[3]
    assert "không phải xã đang nhập" in issues[4]
    assert "để trống" in issues[5]
    assert "trùng với dòng 2" in issues[6]
    assert "đã có" in issues[7]
    assert "mười" in issues[8] and "-4" in issues[8]
    assert "Làng" in issues[9]
    assert list(Village.objects.values_list("name", flat=True)) == ["Thôn Cũ"]
    assert not AuditEntry.objects.filter(action="territory.village.import").exists()


@pytest.mark.parametrize(
    ("data", "filename", "line", "fragment"),
    [
        (b"garbage", "thon.xlsx", 0, "Không đọc được"),
        (b"ten\nA\n", "thon.pdf", 0, ".xlsx hoặc .csv"),
        (b"loai,so_ho\nThon,3\n", "thon.csv", 1, "thiếu cột"),
        (b"ten,so_ho\n", "thon.csv", 0, "không có dòng dữ liệu"),
    ],
)
def test_malformed_files_are_refused_with_a_message(
    officer_a, unit_a, data, filename, line, fragment
):
    with pytest.raises(VillageImportError) as excinfo:
        villages_import(actor=officer_a, unit=unit_a, file=io.BytesIO(data), filename=filename)
    [issue] = excinfo.value.issues
    assert issue.line == line
    assert fragment in issue.message
    assert not Village.objects.exists()


def test_import_command_across_units_and_refusal(tmp_path, unit_a, unit_b):
    good = tmp_path / "thon.csv"
    good.write_bytes(csv_bytes([["ma_xa", "ten"], ["99001", "Thôn A1"], ["99002", "Thôn B1"]]))
    out = io.StringIO()
    call_command("import_villages", str(good), stdout=out)
    assert "Đã nhập 2" in out.getvalue()
    assert set(Village.objects.values_list("unit__code", "name")) == {
        ("99001", "Thôn A1"),
        ("99002", "Thôn B1"),
    }

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([["ma_xa", "ten"], ["99001", "Thôn A2"], ["99002", ""]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 lỗi"):
        call_command("import_villages", str(bad), "--unit", "99002", stderr=err)
    assert "dòng 2" in err.getvalue() and "dòng 3" in err.getvalue()
    assert Village.objects.count() == 2

    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("import_villages", str(good), "--unit", "12345")
