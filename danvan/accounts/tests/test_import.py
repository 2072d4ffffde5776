"""import_officers: all rows or none, every bad row reported by line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from danvan.accounts.importing import OfficersImportError, officers_import_file
from danvan.accounts.models import Membership
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db
User = get_user_model()
HEADER = ["Tên đăng nhập", "Họ tên", "Email", "Điện thoại", "Mã đơn vị", "Vai trò"]


def xlsx(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    path = tmp_path / "can_bo.xlsx"
    wb.save(path)
    return path


def run(path: Path, *extra: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_officers", str(path), *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_file(tmp_path, unit_a, unit_b, province):
    User.objects.create_user("lan", password="x")  # existing officer gets a role, keeps password
    path = xlsx(
        tmp_path,
        [
            ["hoa.nt", "Nguyễn Thị Hoa", "hoa@example.vn", "0912345678", unit_a.code, "one_stop"],
            ["hoa.nt", "Nguyễn Thị Hoa", "", "", unit_a.code, "specialist"],
            ["binh", "Trần Văn Bình", "", "", unit_b.code, "leader"],
            ["tinh", "Lê Văn Tỉnh", "", "", "19", "province_viewer"],
            ["lan", "", "", "", unit_a.code, "leader"],
        ],
    )
    out, err = run(path)
    assert err == ""
    assert "3 cán bộ mới" in out
    assert set(Membership.objects.values_list("user__username", "role")) == {
        ("hoa.nt", "one_stop"),
        ("hoa.nt", "specialist"),
        ("binh", "leader"),
        ("tinh", "province_viewer"),
        ("lan", "leader"),
    }
    hoa = User.objects.get(username="hoa.nt")
    assert hoa.get_full_name() == "Nguyễn Thị Hoa" and hoa.email == "hoa@example.vn"
    # The printed password of each new officer works; the existing one is unchanged.
    printed = dict(line.split() for line in out.splitlines() if line.startswith("  "))
    assert set(printed) == {"hoa.nt", "binh", "tinh"}
    assert hoa.check_password(printed["hoa.nt"])
    assert User.objects.get(username="lan").check_password("x")
    # One audit entry per unit touched, so each commune's leaders see their part.
    entries = {e.unit_code: e for e in AuditEntry.objects.filter(action="accounts.officers.import")}
    assert set(entries) == {unit_a.code, unit_b.code, "P19"}
    assert sorted(entries[unit_a.code].detail["memberships"]) == [
        "hoa.nt:one_stop",
        "hoa.nt:specialist",
        "lan:leader",
    ]
    # Running again changes nothing and creates nobody.
    out, _ = run(path)
    assert "0 cán bộ mới" in out and Membership.objects.count() == 5
    assert User.objects.count() == 4


def test_english_headers_and_passwords_file(tmp_path, unit_a):
    path = xlsx(
        tmp_path,
        [["eng", "Eng Name", "", "", unit_a.code, "leader"]],
        header=["username", "full_name", "email", "phone", "unit_code", "role"],
    )
    target = tmp_path / "pw.csv"
    out, _ = run(path, "--passwords-out", str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ten_dang_nhap,mat_khau"
    username, password = lines[1].split(",")
    assert username == "eng" and User.objects.get(username="eng").check_password(password)
    assert password not in out


def test_bad_rows_all_reported_nothing_written(tmp_path, unit_a, province):
    path = xlsx(
        tmp_path,
        [
            ["ok.user", "Người Tốt", "", "", unit_a.code, "leader"],  # line 2: fine
            ["user3", "A", "", "", "77777", "leader"],  # 3 unknown unit
            ["user4", "B", "", "", unit_a.code, "mayor"],  # 4 unknown role
            ["user5", "C", "", "", unit_a.code, "province_viewer"],  # 5 province role, commune code
            ["user6", "D", "not-an-email", "", unit_a.code, "leader"],  # 6 bad email
            ["Trần Văn", "E", "", "", unit_a.code, "leader"],  # 7 invalid username
            ["ok.user", "Người Khác", "", "", unit_a.code, "specialist"],  # 8 conflicting names
            ["ok.user", "Người Tốt", "", "", unit_a.code, "leader"],  # 9 duplicate of line 2
        ],
    )
    with pytest.raises(CommandError, match="7 lỗi"):
        run(path)
    with path.open("rb") as fh, pytest.raises(OfficersImportError) as exc:
        officers_import_file(fh, path.name)
    by_line = {e.line: e.message for e in exc.value.errors}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8, 9]
    assert "77777" in by_line[3]
    assert "mayor" in by_line[4]
    assert "mã tỉnh" in by_line[5]
    assert "not-an-email" in by_line[6]
    assert "không hợp lệ" in by_line[7]
    assert "dòng 2" in by_line[8]
    assert "dòng 2" in by_line[9]
    assert not User.objects.exists()
    assert not Membership.objects.exists()
    assert not AuditEntry.objects.exists()


def test_missing_columns_and_broken_files(tmp_path, unit_a):
    path = xlsx(tmp_path, [["x", unit_a.code]], header=["ho_ten", "ma_don_vi"])
    with pytest.raises(CommandError):
        run(path)
    with path.open("rb") as fh, pytest.raises(OfficersImportError) as exc:
        officers_import_file(fh, path.name)
    assert "ten_dang_nhap" in str(exc.value) and "vai_tro" in str(exc.value)

    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"this is not a zip")
    with pytest.raises(CommandError):
        run(broken)
    with pytest.raises(OfficersImportError, match="Excel"):
        officers_import_file(broken.read_bytes(), "hong.xlsx")
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run(tmp_path / "missing.xlsx")
    assert not User.objects.exists()


def test_header_only_file_is_an_error(tmp_path, unit_a):
    with pytest.raises(CommandError):
        run(xlsx(tmp_path, []))


def test_import_query_count_does_not_grow_with_unit_lookups(
    tmp_path, unit_a, django_assert_max_num_queries
):
    from danvan.accounts.importing import officers_check
    from danvan.territory.tabular import read_rows

    rows = [[f"user{i}", f"Tên {i}", "", "", unit_a.code, "one_stop"] for i in range(30)]
    path = xlsx(tmp_path, rows)
    parsed = read_rows(path.read_bytes(), path.name)
    with django_assert_max_num_queries(2):
        assert len(officers_check(parsed)) == 30


# --- the same import from the officers page ------------------------------------------------


def _upload(client, path: Path):
    with path.open("rb") as fh:
        return client.post("/tai-khoan/can-bo/nhap-tu-tep/", {"file": fh})


def test_web_import_by_unit_admin_limited_to_own_unit(tmp_path, unit_a, unit_b, officer_b):
    from django.test import Client

    from danvan.accounts.roles import Role
    from danvan.testing.factories import make_officer

    admin_a = make_officer("admin.a", unit=unit_a, roles=[Role.ADMIN])
    c = Client()
    c.force_login(admin_a)
    assert c.get("/tai-khoan/can-bo/nhap-tu-tep/").status_code == 200
    bad = xlsx(
        tmp_path,
        [
            ["moi.a", "Cán bộ Mới", "", "", unit_a.code, "one_stop"],
            ["moi.b", "Cán bộ B", "", "", unit_b.code, "one_stop"],
            ["bob", "Tên Đổi", "", "", unit_a.code, "front"],
        ],
    )
    response = _upload(c, bad)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dòng 3" in body and unit_b.code in body
    assert not User.objects.filter(username__startswith="moi.").exists()
    good = xlsx(
        tmp_path,
        [
            ["moi.a", "Cán bộ Mới", "", "", unit_a.code, "one_stop"],
            ["bob", "Tên Đổi", "", "", unit_a.code, "front"],
        ],
    )
    response = _upload(c, good)
    assert response.status_code == 200
    passwords = response.context["result"].passwords
    assert list(passwords) == ["moi.a"]
    assert User.objects.get(username="moi.a").check_password(passwords["moi.a"])
    assert passwords["moi.a"] in response.content.decode()
    # bob (officer of B) got a role in A, but his name was not changed by A's administrator.
    officer_b.refresh_from_db()
    assert officer_b.first_name != "Tên Đổi"
    assert Membership.objects.filter(user=officer_b, unit=unit_a, role="front").exists()


def test_web_import_refused_without_admin_role(client_a, client_b, client, tmp_path, unit_a):
    path = xlsx(tmp_path, [["moi.a", "X", "", "", unit_a.code, "one_stop"]])
    assert _upload(client_a, path).status_code == 403  # leader, not admin
    assert _upload(client_b, path).status_code == 403
    response = _upload(client, path)
    assert response.status_code == 302 and "dang-nhap" in response.url
    assert not User.objects.filter(username="moi.a").exists()


def test_web_import_broken_file(tmp_path, unit_a):
    from django.test import Client

    from danvan.accounts.roles import Role
    from danvan.testing.factories import make_officer

    c = Client()
    c.force_login(make_officer("admin.a", unit=unit_a, roles=[Role.ADMIN]))
    broken = tmp_path / "x.xlsx"
    broken.write_bytes(b"garbage")
    response = _upload(c, broken)
    assert response.status_code == 400 and "Excel" in response.content.decode()
    response = c.post("/tai-khoan/can-bo/nhap-tu-tep/", {})
    assert response.status_code == 400
