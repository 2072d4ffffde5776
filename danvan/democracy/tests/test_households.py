"""Households imported per village: all or nothing, every bad line reported, the village's
count following the rows; the page refuses another commune."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from danvan.core.models import AuditEntry
from danvan.democracy.models import Household
from danvan.democracy.services.households import HouseholdImportError, households_import

from .conftest import add_households

pytestmark = pytest.mark.django_db


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("ho.csv", text.encode("utf-8"), content_type="text/csv")


def test_import_csv_and_count_follows(village_a, officer_a):
    n = households_import(
        actor=officer_a,
        village=village_a,
        file=_csv(
            "Mã hộ,Chủ hộ,Số nhân khẩu,Người đại diện\nH1,Nông Văn A,4,\nH2,Lý Thị B,2,Lý Văn C\n"
        ),
        filename="ho.csv",
    )
    assert n == 2
    village_a.refresh_from_db()
    assert village_a.households == 2
    assert Household.objects.get(number="H1").representative == "Nông Văn A"
    assert Household.objects.get(number="H2").representative == "Lý Văn C"
    assert AuditEntry.objects.filter(action="democracy.household.import").exists()


def test_import_xlsx(village_a, officer_a):
    wb = Workbook()
    ws = wb.active
    ws.append(["ma_ho", "chu_ho", "so_nhan_khau"])
    ws.append(["01", "Hà Văn D", 3])
    buf = io.BytesIO()
    wb.save(buf)
    assert (
        households_import(
            actor=officer_a, village=village_a, file=buf.getvalue(), filename="ho.xlsx"
        )
        == 1
    )


def test_import_all_or_nothing_reports_every_bad_line(village_a, officer_a):
    add_households(village_a, 1)  # H001 exists
    text = (
        "ma_ho,chu_ho,so_nhan_khau\n"
        "H100,Nông Văn A,3\n"  # good
        ",Thiếu Mã,2\n"  # line 3
        "H101,,2\n"  # line 4
        "H102,Ba Số,abc\n"  # line 5
        "H100,Trùng,1\n"  # line 6
        "H001,Đã có,1\n"  # line 7
    )
    with pytest.raises(HouseholdImportError) as exc:
        households_import(actor=officer_a, village=village_a, file=_csv(text), filename="ho.csv")
    lines = [i.line for i in exc.value.issues]
    assert lines == [3, 4, 5, 6, 7]
    assert Household.objects.filter(village=village_a).count() == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"", "ho.csv"), (b"ten\nA\n", "ho.csv"), (b"\x00\x01", "ho.csv"), (b"x", "ho.pdf")],
)
def test_import_unreadable_file(village_a, officer_a, content, name):
    with pytest.raises(HouseholdImportError):
        households_import(actor=officer_a, village=village_a, file=content, filename=name)
    assert not Household.objects.exists()


def test_import_page(client_a, client_b, village_a):
    url = f"/dan-chu/thon/{village_a.pk}/ho-gia-dinh/"
    ok = client_a.post(url, {"file": _csv("ma_ho,chu_ho\nH1,Nông Văn A\n")})
    assert ok.status_code == 200
    assert "Nông Văn A" in ok.content.decode()
    bad = client_a.post(url, {"file": _csv("ma_ho,chu_ho\nH2,\n")})
    assert bad.status_code == 400
    assert "Dòng 2" in bad.content.decode()
    assert client_b.get(url).status_code == 404
    assert client_b.post(url, {"file": _csv("ma_ho,chu_ho\nH9,X\n")}).status_code == 404
    assert Household.objects.count() == 1
