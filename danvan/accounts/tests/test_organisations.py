"""The organisation of a front membership: set by command, import and the officers page;
refused on any other role; read through ``access.organisations_for``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from openpyxl import Workbook

from danvan.accounts import access
from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.core.models import AuditEntry
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db
User = get_user_model()


def create(*args: str) -> str:
    out = StringIO()
    call_command("create_officer", *args, stdout=out)
    return out.getvalue()


def test_create_officer_with_an_organisation(unit_a):
    out = create("thao.hlp", "--unit", unit_a.code, "--role", "front", "--organisation", "women")
    m = Membership.objects.get(user__username="thao.hlp")
    assert (m.role, m.organisation, m.unit) == ("front", "women", unit_a)
    assert "front (women)" in out
    # Run again: nothing changes; with another organisation: it moves, audited.
    create("thao.hlp", "--unit", unit_a.code, "--role", "front", "--organisation", "women")
    assert Membership.objects.filter(user__username="thao.hlp").count() == 1
    create("thao.hlp", "--unit", unit_a.code, "--role", "front", "--organisation", "youth")
    assert Membership.objects.get(user__username="thao.hlp").organisation == "youth"
    entry = AuditEntry.objects.get(action="accounts.membership.organisation")
    assert entry.unit_code == unit_a.code and entry.detail == {"before": "women", "after": "youth"}


def test_a_front_member_without_organisation_speaks_for_the_front(unit_a):
    create("hoa.mttq", "--unit", unit_a.code, "--role", "front")
    assert Membership.objects.get(user__username="hoa.mttq").organisation == "front"
    assert access.organisations_for(User.objects.get(username="hoa.mttq"), unit_a) == {"front"}


@pytest.mark.parametrize(
    ("role", "organisation", "message"),
    [
        ("leader", "women", "Chỉ vai trò “front”"),
        ("party_secretary", "front", "Chỉ vai trò “front”"),
        ("front", "unions", "Tổ chức “unions” không tồn tại"),
    ],
)
def test_create_officer_refuses_a_wrong_organisation(unit_a, role, organisation, message):
    with pytest.raises(CommandError, match=message):
        create("x.y", "--unit", unit_a.code, "--role", role, "--organisation", organisation)
    assert not User.objects.filter(username="x.y").exists()


def test_create_officer_for_the_new_roles(unit_a, province):
    create("bithu", "--unit", unit_a.code, "--role", "party_secretary")
    create("dtv", "--unit", unit_a.code, "--role", "enumerator")
    create("thamdinh", "--unit", province.code, "--role", "appraiser")
    assert access.has_role(User.objects.get(username="bithu"), unit_a, Role.PARTY_SECRETARY)
    assert access.has_role(User.objects.get(username="dtv"), unit_a, Role.ENUMERATOR)
    appraiser = User.objects.get(username="thamdinh")
    assert Membership.objects.get(user=appraiser).province == province
    # A province role acts in no commune, and the appraiser's commune code is refused.
    assert not access.has_role(appraiser, unit_a)
    with pytest.raises(CommandError, match="mã tỉnh"):
        create("thamdinh2", "--unit", unit_a.code, "--role", "appraiser")


def _sheet(tmp_path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["Tên đăng nhập", "Họ tên", "Mã đơn vị", "Vai trò", "Tổ chức"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "can_bo.xlsx"
    wb.save(path)
    return path


def test_import_reads_the_organisation_column(tmp_path, unit_a, unit_b):
    path = _sheet(
        tmp_path,
        [
            ["thao", "Hoàng Thị Thảo", unit_a.code, "front", "women"],
            ["nam", "Lục Văn Nam", unit_b.code, "front", "farmers"],
            ["hoa", "Triệu Thị Hoa", unit_a.code, "front", ""],
            ["son", "Ma Văn Sơn", unit_a.code, "leader", ""],
        ],
    )
    call_command("import_officers", str(path), stdout=StringIO())
    got = set(Membership.objects.values_list("user__username", "role", "organisation"))
    assert got == {
        ("thao", "front", "women"),
        ("nam", "front", "farmers"),
        ("hoa", "front", "front"),
        ("son", "leader", ""),
    }


def test_import_refuses_an_organisation_on_another_role(tmp_path, unit_a):
    path = _sheet(
        tmp_path,
        [
            ["thao", "Hoàng Thị Thảo", unit_a.code, "front", "women"],
            ["son", "Ma Văn Sơn", unit_a.code, "leader", "veterans"],
            ["lan", "Lê Thị Lan", unit_a.code, "front", "ngân hàng"],
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_officers", str(path), stdout=StringIO(), stderr=err)
    text = err.getvalue()
    assert "Dòng 3" in text and "Chỉ vai trò “front”" in text and "“leader”" in text
    assert "Dòng 4" in text and "Tổ chức “ngân hàng” không tồn tại" in text
    assert not Membership.objects.exists()  # all or nothing


def test_organisations_for(unit_a, unit_b, officer_a, officer_b, province_viewer):
    women_a = make_officer("thao", unit=unit_a, roles=[Role.FRONT], organisation="women")
    youth_b = make_officer("tuan", unit=unit_b, roles=[Role.FRONT], organisation="youth")
    assert access.organisations_for(women_a, unit_a) == {"women"}
    assert access.organisations_for(women_a, unit_a.pk) == {"women"}
    # An officer of another commune speaks for nothing in A, whatever they are in B.
    assert access.organisations_for(youth_b, unit_a) == set()
    assert access.organisations_for(youth_b, unit_b) == {"youth"}
    assert access.organisations_for(women_a, unit_b) == set()
    # Working roles, province roles and superusers speak for no organisation.
    assert access.organisations_for(officer_a, unit_a) == set()
    assert access.organisations_for(province_viewer, unit_a) == set()
    root = User.objects.create_superuser("root", password="x")
    assert access.organisations_for(root, unit_a) == set()
    women_a.is_active = False
    assert access.organisations_for(women_a, unit_a) == set()
    assert access.organisations_for(women_a, None) == set()


def test_the_database_refuses_an_organisation_on_another_role(officer_a, unit_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=officer_a, role=Role.COUNCIL, unit=unit_a, organisation="women"
        )


def test_officers_page_sets_the_organisation(unit_a, officer_b, client_b):
    admin = make_officer("adminA", unit=unit_a, roles=[Role.ADMIN])
    c = Client()
    c.force_login(admin)
    url = f"/tai-khoan/can-bo/{unit_a.code}/"
    response = c.post(url, {"username": "bob", "role": "front", "organisation": "veterans"})
    assert response.status_code == 302
    assert Membership.objects.get(user=officer_b, unit=unit_a).organisation == "veterans"
    assert "Hội Cựu chiến binh" in c.get(url).content.decode()
    response = c.post(url, {"username": "bob", "role": "council", "organisation": "women"})
    assert response.status_code == 400
    assert "Chỉ vai trò “front”" in response.content.decode()
    assert not Membership.objects.filter(user=officer_b, unit=unit_a, role="council").exists()
    # The admin of another commune is refused, and learns nothing about A.
    response = client_b.post(url, {"username": "bob", "role": "front", "organisation": "women"})
    assert response.status_code == 404


def test_the_admin_says_why_an_organisation_is_refused(unit_a, officer_b):
    root = User.objects.create_superuser("root", password="x")
    c = Client()
    c.force_login(root)
    form = {"user": officer_b.pk, "role": "leader", "unit": unit_a.pk, "organisation": "women"}
    response = c.post("/quan-tri/accounts/membership/add/", form)
    assert response.status_code == 200  # the form again, not a database error
    assert "Chỉ vai trò “front”" in response.content.decode()
    assert not Membership.objects.filter(user=officer_b, unit=unit_a).exists()
    response = c.post("/quan-tri/accounts/membership/add/", {**form, "role": "front"})
    assert response.status_code == 302
    assert Membership.objects.get(user=officer_b, unit=unit_a).organisation == "women"
