"""The surveys API contract: create (multipart), the 422 report, list paged, access."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.accounts.roles import Role
from danvan.surveys.models import FormVersion, Survey
from danvan.surveys.services.forms import form_import
from danvan.surveys.tests.conftest import CHOICES, SURVEY_ROWS, auth, form_bytes
from danvan.surveys.xlsform_write import xlsform_bytes
from danvan.testing.factories import make_officer


def _upload(user, unit: str, data: bytes, name: str = "form.xlsx", **headers):
    body = {"unit": unit, "file": SimpleUploadedFile(name, data)}
    return Client().post("/api/v1/surveys", body, **auth(user), **headers)


def test_create_answers_the_contract(officer_a, unit_a):
    answer = _upload(officer_a, unit_a.code, form_bytes())
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"id", "form_id", "version", "warnings"}
    assert body["form_id"] == "ks_thu" and body["version"] == "2026.1"
    assert body["warnings"] == []
    assert Survey.objects.get(code=body["id"]).unit == unit_a


def test_invalid_form_is_422_with_lines(officer_a, unit_a):
    rows = [*SURVEY_ROWS[:2], {"type": "select_one nolist", "name": "x", "label": "X"}]
    answer = _upload(officer_a, unit_a.code, xlsform_bytes(rows, CHOICES, {"form_id": "f"}))
    assert answer.status_code == 422
    body = answer.json()
    assert body["code"] == "invalid_form" and body["message"]
    assert body["errors"] and set(body["errors"][0]) == {"sheet", "row", "column", "message"}
    assert not Survey.objects.exists()


def test_bad_file_is_422(officer_a, unit_a):
    answer = _upload(officer_a, unit_a.code, b"%PDF-1.4", name="form.pdf")
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_form"


def test_oversized_file_is_413(officer_a, unit_a):
    answer = _upload(officer_a, unit_a.code, b"x" * (5 * 1024 * 1024 + 1))
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large"


def test_another_communes_officer_cannot_create(officer_b, unit_a):
    answer = _upload(officer_b, unit_a.code, form_bytes())
    assert answer.status_code == 403
    assert answer.json()["code"] == "forbidden"
    unknown = _upload(officer_b, "99999", form_bytes())
    assert unknown.status_code == 403


def test_idempotency_key(officer_a, unit_a):
    data = form_bytes()  # a retry sends the very same bytes
    first = _upload(officer_a, unit_a.code, data, HTTP_IDEMPOTENCY_KEY="k-1")
    again = _upload(officer_a, unit_a.code, data, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert FormVersion.objects.count() == 1
    reused = _upload(officer_a, unit_a.code, form_bytes(version="2"), HTTP_IDEMPOTENCY_KEY="k-1")
    assert reused.status_code == 422 and reused.json()["code"] == "key_reused"
    long_key = _upload(officer_a, unit_a.code, form_bytes(), HTTP_IDEMPOTENCY_KEY="k" * 256)
    assert long_key.json()["code"] == "bad_idempotency_key"


def test_province_survey_by_appraiser_only(officer_a, province, unit_a):
    refused = _upload(officer_a, province.code, form_bytes(form_id="ks_tinh"))
    assert refused.status_code == 403
    appraiser = make_officer("tham_dinh", roles=[Role.APPRAISER], province=province)
    created = _upload(appraiser, province.code, form_bytes(form_id="ks_tinh"))
    assert created.status_code == 201
    survey = Survey.objects.get(form_id="ks_tinh")
    assert survey.scope == "province" and survey.unit is None


def test_list_paged_and_scoped(officer_a, officer_b, province_viewer, unit_a, unit_b, province):
    for i in range(3):
        form_import(
            actor=officer_a, data=form_bytes(form_id=f"ks_{i}"), filename="f.xlsx", unit=unit_a
        )
    form_import(actor=officer_b, data=form_bytes(form_id="ks_b"), filename="f.xlsx", unit=unit_b)
    client = Client()
    headers = auth(officer_a)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(f"/api/v1/surveys?unit={unit_a.code}&page_size=2", **headers)
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 3 and body["page"] == 1 and body["page_size"] == 2
    assert len(body["results"]) == 2
    assert set(body["results"][0]) == {"id", "form_id", "version", "title"}
    assert body["results"][0]["version"] == "2026.1"
    # Memberships, the unit, a count and one page: no query per row.
    assert len(queries) <= 8
    viewer = client.get(f"/api/v1/surveys?unit={unit_a.code}", **auth(province_viewer))
    assert viewer.json()["count"] == 3
    other = client.get(f"/api/v1/surveys?unit={unit_a.code}", **auth(officer_b))
    assert other.status_code == 404 and other.json()["code"] == "not_found"


def test_submissions_export_hides_contacts_without_role(officer_a, unit_a, survey_a):
    from danvan.surveys.instance import parse_instance
    from danvan.surveys.services.collection import submission_receive
    from danvan.surveys.tests.conftest import instance_xml

    submission_receive(
        survey=survey_a, instance=parse_instance(instance_xml(name="Vàng A Dơ")), actor=officer_a
    )
    specialist = make_officer("chuyen_mon", unit=unit_a, roles=[Role.SPECIALIST])
    rows = (
        Client()
        .get(f"/api/v1/surveys/{survey_a.code}/submissions", **auth(specialist))
        .json()["results"]
    )
    assert rows[0]["contact"] is None and "respondent_name" not in rows[0]["answers"]
    leader_rows = (
        Client()
        .get(f"/api/v1/surveys/{survey_a.code}/submissions", **auth(officer_a))
        .json()["results"]
    )
    assert leader_rows[0]["contact"] == {"name": "Vàng A Dơ", "phone": "0912345678"}


def test_submissions_of_another_commune_404(officer_b, survey_a):
    answer = Client().get(f"/api/v1/surveys/{survey_a.code}/submissions", **auth(officer_b))
    assert answer.status_code == 404


def test_submissions_export_with_contacts_is_audited(officer_a, survey_a):
    from danvan.core.models import AuditEntry
    from danvan.surveys.instance import parse_instance
    from danvan.surveys.services.collection import submission_receive
    from danvan.surveys.tests.conftest import instance_xml

    submission_receive(
        survey=survey_a, instance=parse_instance(instance_xml(name="Vàng A Dơ")), actor=officer_a
    )
    Client().get(f"/api/v1/surveys/{survey_a.code}/submissions", **auth(officer_a))
    assert AuditEntry.objects.filter(
        action="surveys.export", detail__format="api.json", detail__contacts=True
    ).exists()
