"""Account page (tokens), officers of a unit, audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.models import ApiToken, Membership
from danvan.accounts.roles import Role
from danvan.accounts.services import api_token_create
from danvan.core.models import AuditEntry
from danvan.core.services import audit_record
from danvan.testing.factories import UserFactory, make_officer

pytestmark = pytest.mark.django_db


# --- account page and tokens -------------------------------------------------------------


def test_account_page_lists_roles(client_a, unit_a):
    response = client_a.get("/tai-khoan/")
    assert response.status_code == 200
    body = response.content.decode()
    assert unit_a.name in body and "Lãnh đạo UBND" in body


def test_account_page_anonymous_redirected(client):
    response = client.get("/tai-khoan/")
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response.url


def test_token_created_shown_once_and_works(client_a, officer_a):
    response = client_a.post("/tai-khoan/khoa-api/", {"label": "đồng bộ"})
    assert response.status_code == 200
    plaintext = response.context["plaintext"]
    assert plaintext.startswith("dv_") and plaintext in response.content.decode()
    assert ApiToken.objects.get(user=officer_a).label == "đồng bộ"
    assert plaintext not in client_a.get("/tai-khoan/").content.decode()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 200


def test_token_form_bad_input_kept(client_a):
    response = client_a.post("/tai-khoan/khoa-api/", {"label": "x" * 101})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_token_revoke_only_own(client_a, client_b, officer_a):
    token, plaintext = api_token_create(user=officer_a, label="x")
    url = f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/"
    assert client_b.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert Client().post(url).status_code == 302  # to login
    assert client_a.get(url).status_code == 405
    assert client_a.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 401


# --- officers of a unit ---------------------------------------------------------------------


@pytest.fixture
def admin_a(unit_a):
    return make_officer("adminA", unit=unit_a, roles=[Role.ADMIN])


def test_leader_lists_officers_of_own_unit(client_a, unit_a, officer_b):
    response = client_a.get(f"/tai-khoan/can-bo/{unit_a.code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "alice" in body and "bob" not in body
    assert response.context["can_manage"] is False
    assert client_a.get("/tai-khoan/can-bo/").url == f"/tai-khoan/can-bo/{unit_a.code}/"


def test_officers_page_refuses_other_units(client_b, unit_a, client, client_viewer):
    assert client_b.get(f"/tai-khoan/can-bo/{unit_a.code}/").status_code == 404
    assert client_viewer.get(f"/tai-khoan/can-bo/{unit_a.code}/").status_code == 404
    assert client_viewer.get("/tai-khoan/can-bo/").status_code == 403
    response = client.get(f"/tai-khoan/can-bo/{unit_a.code}/")
    assert response.status_code == 302 and "dang-nhap" in response.url


def test_admin_adds_and_removes_membership(admin_a, unit_a, officer_b):
    c = Client()
    c.force_login(admin_a)
    url = f"/tai-khoan/can-bo/{unit_a.code}/"
    response = c.post(url, {"username": "bob", "role": "front"})
    assert response.status_code == 302
    m = Membership.objects.get(user=officer_b, unit=unit_a, role="front")
    assert AuditEntry.objects.filter(
        action="accounts.membership.add", unit_code=unit_a.code, actor=admin_a
    ).exists()
    response = c.post(url, {"username": "nobody", "role": "front"})
    assert response.status_code == 400 and "nobody" in response.content.decode()
    response = c.post(url, {"username": "bob", "role": "province_viewer"})
    assert response.status_code == 400
    assert c.post(f"{url}vai-tro/{m.pk}/xoa/").status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()


def test_leader_cannot_add_and_other_admin_refused(
    client_a, client_b, unit_a, officer_b, officer_a
):
    url = f"/tai-khoan/can-bo/{unit_a.code}/"
    assert client_a.post(url, {"username": "bob", "role": "front"}).status_code == 403
    assert client_b.post(url, {"username": "bob", "role": "front"}).status_code == 404
    m = Membership.objects.filter(user=officer_a, unit=unit_a).first()
    assert client_a.post(f"{url}vai-tro/{m.pk}/xoa/").status_code == 403
    assert client_b.post(f"{url}vai-tro/{m.pk}/xoa/").status_code == 404
    assert not Membership.objects.filter(user=officer_b, unit=unit_a).exists()
    assert Membership.objects.filter(pk=m.pk).exists()


def test_officers_page_query_count(client_a, unit_a, django_assert_max_num_queries):
    for i in range(15):
        make_officer(f"officer{i}", unit=unit_a, roles=[Role.ONE_STOP])
    with django_assert_max_num_queries(12):
        response = client_a.get(f"/tai-khoan/can-bo/{unit_a.code}/")
    assert response.status_code == 200 and "officer14" in response.content.decode()


# --- audit log -------------------------------------------------------------------------------


@pytest.fixture
def entries(officer_a, officer_b, unit_a, unit_b):
    for i in range(60):
        audit_record(
            actor=officer_a, action="cases.case.open", unit_code=unit_a.code, object_repr=f"A-{i}"
        )
    audit_record(
        actor=officer_a, action="cases.case.close", unit_code=unit_a.code, object_repr="A-close"
    )
    audit_record(
        actor=officer_b, action="cases.case.open", unit_code=unit_b.code, object_repr="B-secret"
    )


def test_leader_reads_own_unit_entries_paginated(
    client_a, entries, unit_a, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client_a.get("/tai-khoan/nhat-ky/")
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 61
    assert len(response.context["rows"]) == 50
    body = response.content.decode()
    assert "B-secret" not in body and unit_a.name in body
    response = client_a.get("/tai-khoan/nhat-ky/?page=2")
    assert len(response.context["rows"]) == 11
    assert "B-secret" not in response.content.decode()


def test_filters(client_a, entries):
    response = client_a.get("/tai-khoan/nhat-ky/", {"action": "cases.case.close"})
    assert [r.object_repr for r, _ in response.context["rows"]] == ["A-close"]
    today = timezone.localdate()
    response = client_a.get(
        "/tai-khoan/nhat-ky/",
        {"date_from": today.strftime("%d/%m/%Y"), "date_to": today.strftime("%d/%m/%Y")},
    )
    assert response.context["page"].paginator.count == 61
    tomorrow = today + timedelta(days=1)
    response = client_a.get("/tai-khoan/nhat-ky/", {"date_from": tomorrow.strftime("%d/%m/%Y")})
    assert response.context["page"].paginator.count == 0
    response = client_a.get("/tai-khoan/nhat-ky/", {"date_from": "31/02/2026"})
    assert response.status_code == 400
    assert 'value="31/02/2026"' in response.content.decode()
    response = client_a.get(
        "/tai-khoan/nhat-ky/", {"date_from": "02/01/2026", "date_to": "01/01/2026"}
    )
    assert response.status_code == 400


def test_officer_b_sees_none_of_a(client_b, entries):
    response = client_b.get("/tai-khoan/nhat-ky/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "B-secret" in body and "A-close" not in body and "A-1<" not in body
    # B has no such action: the choice is refused, and A's entry is not revealed anyway.
    response = client_b.get("/tai-khoan/nhat-ky/", {"action": "cases.case.close"})
    assert response.status_code == 400
    assert "A-close" not in response.content.decode()


def test_non_leader_and_viewer_refused_anonymous_redirected(unit_a, entries, client_viewer, client):
    clerk = make_officer("clerk", unit=unit_a, roles=[Role.ONE_STOP])
    c = Client()
    c.force_login(clerk)
    assert c.get("/tai-khoan/nhat-ky/").status_code == 403
    assert client_viewer.get("/tai-khoan/nhat-ky/").status_code == 403
    response = client.get("/tai-khoan/nhat-ky/")
    assert response.status_code == 302 and "dang-nhap" in response.url


def test_superuser_sees_all(entries):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    c = Client()
    c.force_login(root)
    response = c.get("/tai-khoan/nhat-ky/")
    assert response.context["page"].paginator.count >= 62


def test_nav_items_follow_roles(client_a, unit_a):
    clerk = make_officer("clerk", unit=unit_a, roles=[Role.ONE_STOP])
    c = Client()
    c.force_login(clerk)
    keys = {i["key"] for i in c.get("/tai-khoan/").context["nav_officer"]}
    assert "accounts.account" in keys and "accounts.audit_log" not in keys
    keys = {i["key"] for i in client_a.get("/tai-khoan/").context["nav_officer"]}
    assert {"accounts.account", "accounts.audit_log", "accounts.officers"} <= keys


def test_sign_in_failures_visible_to_own_unit_leaders_only(client_a, client_b, officer_a):
    Client().post("/tai-khoan/dang-nhap/", {"username": "alice", "password": "wrong"})
    body_a = client_a.get("/tai-khoan/nhat-ky/", {"action": "accounts.login.failure"})
    assert body_a.context["page"].paginator.count == 1
    response = client_b.get("/tai-khoan/nhat-ky/")
    assert "accounts.login.failure" not in response.content.decode()


def test_register_reads_in_words_with_purpose_filters_and_export(
    client_a, client_b, entries, officer_a, unit_a
):
    from io import BytesIO

    from openpyxl import load_workbook

    audit_record(
        actor=officer_a,
        action="letters.identity_read",
        unit_code=unit_a.code,
        object_repr="TC-99001-26-ABCDEFGH",
        detail={"purpose": "Xác minh nội dung tố cáo"},
    )
    body = client_a.get("/tai-khoan/nhat-ky/").content.decode()
    assert "Xem danh tính người tố cáo" in body and "Xác minh nội dung tố cáo" in body
    assert "letters.identity_read<" not in body and ">cases.case.open<" not in body
    assert "Mở việc" in body
    # by person, by case, by date
    by_case = client_a.get("/tai-khoan/nhat-ky/", {"case": "TC-99001-26"})
    assert [r.object_repr for r, _ in by_case.context["rows"]] == ["TC-99001-26-ABCDEFGH"]
    by_person = client_a.get("/tai-khoan/nhat-ky/", {"person": officer_a.get_username()})
    assert by_person.context["page"].paginator.count == 62
    nobody = client_a.get("/tai-khoan/nhat-ky/", {"person": "khong-co-ai"})
    assert nobody.context["page"].paginator.count == 0
    # the inspectors' export: the filtered register, in words, with the purpose
    export = client_a.get("/tai-khoan/nhat-ky/", {"case": "TC-99001-26", "format": "xlsx"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(export.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(values) == 1
    assert "Xem danh tính người tố cáo" in values[0] and "Xác minh nội dung tố cáo" in values[0]
    # B's export holds none of A's entries
    other = client_b.get("/tai-khoan/nhat-ky/", {"format": "xlsx"})
    rows = [[c.value for c in r] for r in load_workbook(BytesIO(other.content)).active.iter_rows()]
    assert not any(v == "A-close" for row in rows for v in row)


def test_a_purpose_stored_before_masking_began_is_never_shown():
    """Readings logged before purposes were masked hold the text as typed (it may name the
    denouncer); the register and its export leave it out."""
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from danvan.accounts.audit_export import PURPOSES_MASKED_FROM, purpose_of

    typed = {"purpose": "Gọi lại cho ông Lò Văn Tám"}
    old = SimpleNamespace(at=datetime(2026, 11, 30, tzinfo=UTC), detail=typed)
    new = SimpleNamespace(at=PURPOSES_MASKED_FROM, detail={"purpose": "Xác minh"})
    assert purpose_of(old) == ""
    assert purpose_of(new) == "Xác minh"
