"""Officers' pages: upload with the error table, lists without a query per row, exports
keeping contacts to those entitled, collection passwords shown once, another commune 404."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.accounts.roles import Role
from danvan.surveys.instance import parse_instance
from danvan.surveys.models import EnumeratorAssignment, EnumeratorCredential, Survey
from danvan.surveys.services.collection import submission_receive
from danvan.surveys.tests.conftest import CHOICES, SURVEY_ROWS, form_bytes, instance_xml
from danvan.surveys.xlsform_write import xlsform_bytes
from danvan.testing.factories import make_officer


def _receive(survey, actor, n: int, **kw) -> None:
    for _ in range(n):
        submission_receive(survey=survey, instance=parse_instance(instance_xml(**kw)), actor=actor)


def test_upload_page(client_a, unit_a):
    page = client_a.get("/khao-sat/tai-len/")
    assert page.status_code == 200 and unit_a.code in page.content.decode()
    rows = [*SURVEY_ROWS[:2], {"type": "select_one_wrong", "name": "x", "label": "X"}]
    bad = client_a.post(
        "/khao-sat/tai-len/",
        {
            "unit": unit_a.code,
            "file": SimpleUploadedFile("f.xlsx", xlsform_bytes(rows, CHOICES, {"form_id": "f"})),
        },
    )
    assert bad.status_code == 422
    html = bad.content.decode()
    assert 'data-testid="form-report"' in html and "<td>survey</td><td>4</td>" in html
    assert not Survey.objects.exists()
    good = client_a.post(
        "/khao-sat/tai-len/",
        {"unit": unit_a.code, "file": SimpleUploadedFile("f.xlsx", form_bytes())},
    )
    assert good.status_code == 302
    assert Survey.objects.get().unit == unit_a


def test_upload_refused_to_those_who_cannot(unit_a):
    clerk = make_officer("motcua", unit=unit_a, roles=[Role.ONE_STOP])
    client = Client()
    client.force_login(clerk)
    assert client.get("/khao-sat/tai-len/").status_code == 403


def test_lists_and_detail(client_a, client_b, survey_a, officer_a, villages):
    _receive(survey_a, officer_a, 3)
    assert survey_a.code in client_a.get("/khao-sat/").content.decode()
    assert survey_a.code not in client_b.get("/khao-sat/").content.decode()
    assert client_a.get(f"/khao-sat/{survey_a.code}/").status_code == 200
    assert client_b.get(f"/khao-sat/{survey_a.code}/").status_code == 404
    assert client_b.get(f"/khao-sat/{survey_a.code}/phieu/").status_code == 404
    assert client_b.get(f"/khao-sat/{survey_a.code}/xuat.json").status_code == 404


def test_submissions_list_has_no_query_per_row(client_a, survey_a, officer_a, villages):
    _receive(survey_a, officer_a, 3, name="A")
    with CaptureQueriesContext(connection) as few:
        assert client_a.get(f"/khao-sat/{survey_a.code}/phieu/").status_code == 200
    _receive(survey_a, officer_a, 12, name="B")
    with CaptureQueriesContext(connection) as many:
        page = client_a.get(f"/khao-sat/{survey_a.code}/phieu/")
    assert page.content.decode().count("Thôn Một") == 15
    assert len(many) == len(few)


def test_exports_and_contacts(client_a, survey_a, officer_a, unit_a, villages):
    _receive(survey_a, officer_a, 2, name="Nông Thị Hoa")
    xml = client_a.get(f"/khao-sat/{survey_a.code}/xuat.xml")
    assert xml.status_code == 200 and xml.content.count(b"<instanceID>") == 2
    assert b"0912345678" not in xml.content
    plain = json.loads(client_a.get(f"/khao-sat/{survey_a.code}/xuat.json").content)
    assert len(plain["submissions"]) == 2 and "contact" not in plain["submissions"][0]
    with_contacts = json.loads(
        client_a.get(f"/khao-sat/{survey_a.code}/xuat.json?lien-he=1").content
    )
    assert with_contacts["submissions"][0]["contact"]["name"] == "Nông Thị Hoa"
    specialist = make_officer("cv", unit=unit_a, roles=[Role.SPECIALIST])
    client = Client()
    client.force_login(specialist)
    refused = json.loads(client.get(f"/khao-sat/{survey_a.code}/xuat.json?lien-he=1").content)
    assert "contact" not in refused["submissions"][0]
    clerk = make_officer("mc", unit=unit_a, roles=[Role.ONE_STOP])
    client.force_login(clerk)
    assert client.get(f"/khao-sat/{survey_a.code}/xuat.json").status_code == 403


def test_collection_password_shown_once_and_revoked(client_a, unit_a, survey_a):
    enumerator = make_officer("dtv", unit=unit_a, roles=[Role.ENUMERATOR])
    issued = client_a.post("/khao-sat/dieu-tra-vien/", {"action": "issue", "user": enumerator.pk})
    html = issued.content.decode()
    assert 'data-testid="password-shown"' in html and issued["Cache-Control"] == "no-store"
    credential = EnumeratorCredential.objects.get(user=enumerator)
    later = client_a.get("/khao-sat/dieu-tra-vien/").content.decode()
    assert 'data-testid="password-shown"' not in later
    client_a.post("/khao-sat/dieu-tra-vien/", {"action": "revoke", "credential": credential.pk})
    credential.refresh_from_db()
    assert credential.revoked_at is not None


def test_assignments(client_a, client_b, unit_a, survey_a):
    enumerator = make_officer("dtv", unit=unit_a, roles=[Role.ENUMERATOR])
    page = client_a.get(f"/khao-sat/{survey_a.code}/phan-cong/")
    assert "dtv" in page.content.decode()
    client_a.post(f"/khao-sat/{survey_a.code}/phan-cong/", {"action": "add", "user": enumerator.pk})
    assert EnumeratorAssignment.objects.filter(survey=survey_a, user=enumerator).exists()
    assert (
        client_b.post(
            f"/khao-sat/{survey_a.code}/phan-cong/", {"action": "remove", "user": enumerator.pk}
        ).status_code
        == 404
    )
    client_a.post(
        f"/khao-sat/{survey_a.code}/phan-cong/", {"action": "remove", "user": enumerator.pk}
    )
    assert not EnumeratorAssignment.objects.exists()


def test_nav_entry_for_officers_not_for_citizens(client_a, citizen_client):
    assert 'href="/khao-sat/"' in client_a.get("/tuyen-truyen/", follow=True).content.decode()
    assert 'href="/khao-sat/"' not in citizen_client.get("/").content.decode()
