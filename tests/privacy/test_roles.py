"""Role escalation: an officer of A without the leader role, an administrator of A acting
on B, and officer_b's API token acting on A are all refused, and nothing is written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.core.models import AuditEntry
from danvan.letters.models import Letter

from .conftest import DENOUNCER_NAME, login, text_of, token_for

pytestmark = pytest.mark.django_db

PURPOSE = {"purpose": "Xác minh"}


def test_one_stop_officer_cannot_do_leader_things(world, one_stop_a, clerk_a):
    from danvan.letters.services.identity import identity_read

    client = login(one_stop_a)
    response = client.post(f"/don-thu/don/{world.denunciation.code}/nguoi-to-cao/", PURPOSE)
    assert response.status_code == 404 and DENOUNCER_NAME not in text_of(response)
    with pytest.raises(PermissionDenied):
        identity_read(user=one_stop_a, letter=world.denunciation, purpose="tò mò")
    refused = AuditEntry.objects.get(action="letters.identity_refused")
    assert refused.actor == one_stop_a and DENOUNCER_NAME not in str(refused.detail)
    assert client.get("/tai-khoan/nhat-ky/").status_code == 403
    before = Membership.objects.count()
    add = client.post(
        f"/tai-khoan/can-bo/{world.unit_a.code}/", {"username": "dora", "role": "leader"}
    )
    assert add.status_code in (403, 404)
    assert Membership.objects.count() == before
    assert not Membership.objects.filter(user=clerk_a, role=Role.LEADER).exists()


def test_admin_of_a_cannot_touch_b(world, admin_a, officer_b, clerk_a):
    from danvan.accounts.services import membership_add, membership_remove

    client = login(admin_a)
    before = Membership.objects.count()
    for method, url, data in (
        ("get", f"/tai-khoan/can-bo/{world.unit_b.code}/", {}),
        ("post", f"/tai-khoan/can-bo/{world.unit_b.code}/", {"username": "dora", "role": "leader"}),
    ):
        assert getattr(client, method)(url, data).status_code in (403, 404)
    b_membership = Membership.objects.filter(user=officer_b).first()
    delete = client.post(f"/tai-khoan/can-bo/{world.unit_b.code}/vai-tro/{b_membership.pk}/xoa/")
    assert delete.status_code in (403, 404)
    # the same through A's page with B's membership id
    delete = client.post(f"/tai-khoan/can-bo/{world.unit_a.code}/vai-tro/{b_membership.pk}/xoa/")
    assert delete.status_code == 404
    # and through the service itself, which must not trust its callers
    with pytest.raises(PermissionDenied):
        membership_add(user=clerk_a, role=Role.LEADER, unit=world.unit_b, actor=admin_a)
    with pytest.raises(PermissionDenied):
        membership_remove(membership=b_membership, actor=admin_a)
    with pytest.raises(PermissionDenied):
        membership_add(user=admin_a, role=Role.ADMIN, unit=world.unit_b, actor=admin_a)
    assert Membership.objects.count() == before
    # an admin is not a leader: no identity for them either
    assert (
        client.post(f"/don-thu/don/{world.denunciation.code}/nguoi-to-cao/", PURPOSE).status_code
        == 404
    )
    # while in A the admin does manage roles (the refusals above are about B)
    ok = client.post(
        f"/tai-khoan/can-bo/{world.unit_a.code}/", {"username": "dora", "role": "leader"}
    )
    assert ok.status_code == 302 and Membership.objects.filter(user=clerk_a, role="leader").exists()


def test_officer_b_token_cannot_act_on_a(world, officer_b, client):
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(officer_b)}"}
    a = world.unit_a.code
    letters_before = Letter.objects.count()
    created = client.post(
        "/api/v1/letters",
        {"unit": a, "kind": "petition", "content": "Kiến nghị giả mạo từ xã B gửi vào xã A."},
        content_type="application/json",
        **bearer,
    )
    assert created.status_code == 403 and created.json()["code"] == "forbidden"
    dossier = client.post(
        "/api/v1/dossiers",
        {"procedure": "1.001193", "unit": a, "applicant_name": "Người Giả"},
        content_type="application/json",
        **bearer,
    )
    assert dossier.status_code in (403, 404), dossier.status_code
    assert Letter.objects.count() == letters_before
    for url in (
        f"/api/v1/letters?unit={a}",
        f"/api/v1/dossiers/{world.dossier.case.code}",
        f"/api/v1/letters/{world.denunciation.code}/identity",
    ):
        response = client.get(url, **bearer)
        assert response.status_code in (403, 404), (url, response.status_code)
    # B's own work does go through with the same token (the refusals are about A)
    own = client.get(f"/api/v1/letters?unit={world.unit_b.code}", **bearer)
    assert own.status_code == 200 and own.json()["count"] == 1


def test_audit_log_is_per_commune(world, officer_a, officer_b):
    a_codes = (world.denunciation.code, world.complaint.code, world.dossier.case.code)
    b_page = text_of(login(officer_b).get("/tai-khoan/nhat-ky/"))
    assert world.b_letter.code in b_page
    assert not any(code in b_page for code in a_codes)
    a_page = text_of(login(officer_a).get("/tai-khoan/nhat-ky/"))
    assert world.complaint.code in a_page and world.b_letter.code not in a_page


def test_officer_b_token_cannot_post_open311_requests_in_a(world, officer_b, client):
    before = Letter.objects.count()
    data = {
        "api_key": token_for(officer_b),
        "jurisdiction_id": world.unit_a.code,
        "service_code": "roads",
        "description": "Phản ánh giả mạo gửi vào xã A bằng khóa của xã B.",
        "address_string": "Thôn Nà Pán",
    }
    for fmt in ("json", "xml"):
        response = client.post(f"/open311/v2/requests.{fmt}", data)
        assert response.status_code == 403, response.content
    assert Letter.objects.count() == before
    ok = client.post("/open311/v2/requests.json", {**data, "jurisdiction_id": world.unit_b.code})
    assert ok.status_code in (200, 201) and Letter.objects.count() == before + 1


def test_removed_leader_loses_the_identity_at_once(world, officer_a, admin_a):
    from danvan.accounts.services import membership_remove

    client = login(officer_a)
    url = f"/don-thu/don/{world.denunciation.code}/nguoi-to-cao/"
    assert client.post(url, PURPOSE).status_code == 200
    leader = Membership.objects.get(user=officer_a, role=Role.LEADER, unit=world.unit_a)
    membership_remove(membership=leader, actor=admin_a)
    refused = client.post(url, PURPOSE)  # same session, next request
    assert refused.status_code == 404 and DENOUNCER_NAME not in text_of(refused)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(officer_a)}"}
    api = client.get(f"/api/v1/letters/{world.denunciation.code}/identity", **bearer)
    assert api.status_code == 404
