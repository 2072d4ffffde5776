"""OpenRosa for ODK Collect: digest authentication, form list and download, submissions
stored once, edits replacing their original, errors with a code and a message."""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.roles import Role
from danvan.surveys import digest
from danvan.surveys.models import EnumeratorCredential, Submission, SubmissionAttachment
from danvan.surveys.services.credentials import credential_issue, credential_revoke
from danvan.surveys.services.forms import form_import
from danvan.surveys.tests.conftest import auth, form_bytes, instance_xml
from danvan.surveys.tests.digestclient import authorization, digest_request
from danvan.testing.factories import make_officer

XFORMS = "{http://openrosa.org/xforms/xformsList}"


def _post(client, user, xml: bytes, *extra_files, password=None, headers=None):
    def files() -> dict:
        out = {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, "text/xml")}
        for f in extra_files:
            f.seek(0)
            out[f.name] = SimpleUploadedFile(f.name, f.read(), f.content_type)
        return out

    return digest_request(
        client,
        "POST",
        "/openrosa/submission",
        user.username,
        password or user.collection_password,
        data=files,
        **(headers or {}),
    )


def test_form_list_needs_digest_and_lists_assigned_forms(enumerator, survey_a, villages):
    client = Client()
    first = client.get("/openrosa/formList")
    assert first.status_code == 401
    assert first["X-OpenRosa-Version"] == "1.0"
    assert first["WWW-Authenticate"].startswith('Digest realm="danvan", qop="auth"')
    answer = digest_request(
        client, "GET", "/openrosa/formList", "enum1", enumerator.collection_password
    )
    assert answer.status_code == 200
    assert answer["X-OpenRosa-Version"] == "1.0"
    assert answer["Content-Type"].startswith("text/xml")
    root = ET.fromstring(answer.content)
    forms = root.findall(f"{XFORMS}xform")
    assert [f.findtext(f"{XFORMS}formID") for f in forms] == ["ks_thu"]
    version = survey_a.current_version
    assert forms[0].findtext(f"{XFORMS}hash") == f"md5:{version.xml_md5}"
    assert forms[0].findtext(f"{XFORMS}version") == "2026.1"
    url = forms[0].findtext(f"{XFORMS}downloadUrl")
    assert url.endswith(f"/openrosa/forms/{survey_a.code}/form.xml")
    path = url.split("testserver", 1)[1]
    xml = digest_request(client, "GET", path, "enum1", enumerator.collection_password)
    assert xml.status_code == 200 and xml.content.decode() == version.xml


def test_wrong_password_and_revoked_credential_are_refused(enumerator, survey_a, officer_a):
    client = Client()
    wrong = digest_request(client, "GET", "/openrosa/formList", "enum1", "not-the-password")
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "unauthenticated"
    credential = EnumeratorCredential.objects.get(user=enumerator, revoked_at__isnull=True)
    credential_revoke(actor=officer_a, credential=credential)
    revoked = digest_request(
        client, "GET", "/openrosa/formList", "enum1", enumerator.collection_password
    )
    assert revoked.status_code == 401
    # A new password works; the old one stays dead.
    fresh = credential_issue(actor=officer_a, user=enumerator).password
    ok = digest_request(client, "GET", "/openrosa/formList", "enum1", fresh)
    assert ok.status_code == 200


def test_only_the_digest_ha1_is_stored(enumerator):
    credential = EnumeratorCredential.objects.get(user=enumerator, revoked_at__isnull=True)
    assert credential.ha1 == digest.ha1_for("enum1", enumerator.collection_password)
    assert enumerator.collection_password not in str(
        EnumeratorCredential.objects.values().get(pk=credential.pk)
    )


def test_unassigned_survey_is_invisible_and_refused(enumerator, officer_a, unit_a, survey_a):
    other = form_import(
        actor=officer_a, data=form_bytes(form_id="ks_khac"), filename="k.xlsx", unit=unit_a
    ).survey
    client = Client()
    listed = digest_request(
        client, "GET", "/openrosa/formList", "enum1", enumerator.collection_password
    )
    assert b"ks_khac" not in listed.content
    path = f"/openrosa/forms/{other.code}/form.xml"
    assert (
        digest_request(client, "GET", path, "enum1", enumerator.collection_password).status_code
        == 404
    )
    answer = _post(client, enumerator, instance_xml(form_id="ks_khac"))
    assert answer.status_code == 404
    assert answer.json()["code"] == "unknown_form"
    assert not Submission.objects.exists()


def test_expired_nonce_is_stale(enumerator, survey_a, monkeypatch):
    client = Client()
    first = client.get("/openrosa/formList")
    header = authorization(
        first["WWW-Authenticate"],
        "enum1",
        enumerator.collection_password,
        "GET",
        "/openrosa/formList",
    )
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + digest.NONCE_SECONDS + 5)
    answer = client.get("/openrosa/formList", HTTP_AUTHORIZATION=header)
    assert answer.status_code == 401
    assert "stale=true" in answer["WWW-Authenticate"]


def test_head_submission_gives_accepted_length(enumerator, survey_a):
    answer = digest_request(
        Client(), "HEAD", "/openrosa/submission", "enum1", enumerator.collection_password
    )
    assert answer.status_code == 204
    assert int(answer["X-OpenRosa-Accept-Content-Length"]) == 10 * 1024 * 1024
    assert answer["X-OpenRosa-Version"] == "1.0"


def test_resent_three_times_is_stored_once(enumerator, survey_a, villages):
    client = Client()
    xml = instance_xml(instance_id="uuid:11111111-2222-3333-4444-555555555555", name="Lò Thị Mai")
    answers = [_post(client, enumerator, xml) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert all(b"OpenRosaResponse" in a.content for a in answers)
    assert Submission.objects.count() == 1
    stored = Submission.objects.get()
    assert stored.unit == survey_a.unit and stored.village.name == "Thôn Một"
    assert stored.sex == "female" and stored.age_group == "30_49"
    assert stored.answers["household_size"] == 4
    assert stored.answers["members"] == [{"member_age": 40}, {"member_age": 12}]
    assert stored.enumerator == enumerator
    # The respondent's name and phone are kept apart: not in answers, not in the XML.
    assert "respondent_name" not in stored.answers
    assert "Lò Thị Mai" not in stored.xml and "0912345678" not in stored.xml
    assert stored.contact.name == "Lò Thị Mai" and stored.contact.phone == "0912345678"


def test_resend_with_more_attachments_adds_them(enumerator, survey_a):
    client = Client()
    xml = instance_xml(instance_id="uuid:aaaaaaaa-2222-3333-4444-555555555555")
    photo1 = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff one", "image/jpeg")
    photo2 = SimpleUploadedFile("b.jpg", b"\xff\xd8\xff two", "image/jpeg")
    assert _post(client, enumerator, xml, photo1).status_code == 201
    assert _post(client, enumerator, xml, photo2).status_code == 201
    assert Submission.objects.count() == 1
    assert sorted(SubmissionAttachment.objects.values_list("name", flat=True)) == ["a.jpg", "b.jpg"]


def test_deprecated_id_replaces_its_original(enumerator, survey_a):
    client = Client()
    original = "uuid:" + str(uuid.uuid4())
    edit = "uuid:" + str(uuid.uuid4())
    _post(client, enumerator, instance_xml(instance_id=original, satisfied="yes"))
    answer = _post(
        client,
        enumerator,
        instance_xml(instance_id=edit, deprecated_id=original, satisfied="no"),
    )
    assert answer.status_code == 201
    old = Submission.objects.get(instance_id=original)
    new = Submission.objects.get(instance_id=edit)
    assert old.superseded_by == new and new.superseded_by is None
    current = Submission.objects.filter(survey=survey_a, superseded_by__isnull=True)
    assert [s.answers["satisfied"] for s in current] == ["no"]


def test_edit_arriving_before_its_original(enumerator, survey_a):
    client = Client()
    original, edit = "uuid:" + str(uuid.uuid4()), "uuid:" + str(uuid.uuid4())
    _post(client, enumerator, instance_xml(instance_id=edit, deprecated_id=original))
    _post(client, enumerator, instance_xml(instance_id=original))
    assert Submission.objects.get(instance_id=original).superseded_by.instance_id == edit


@pytest.mark.parametrize(
    ("xml", "status", "code"),
    [
        (b"<data id='ks_thu'><unclosed></data>", 400, "bad_xml"),
        (b"<!DOCTYPE x [<!ENTITY a 'b'>]><data id='ks_thu'/>", 400, "bad_xml"),
        (b"<data id='ks_thu' version='2026.1'><village/></data>", 422, "no_instance_id"),
        (
            b"<data id='ks_thu' version='9.9'><meta><instanceID>uuid:1</instanceID></meta></data>",
            422,
            "unknown_version",
        ),
    ],
)
def test_bad_submissions_get_code_and_message(enumerator, survey_a, xml, status, code):
    answer = _post(Client(), enumerator, xml)
    assert answer.status_code == status
    body = answer.json()
    assert body["code"] == code and body["message"]
    assert not Submission.objects.exists()


def test_collect_gets_an_openrosa_error_document(enumerator, survey_a):
    answer = _post(Client(), enumerator, b"<broken", headers={"HTTP_X_OPENROSA_VERSION": "1.0"})
    assert answer.status_code == 400
    assert b"<OpenRosaResponse" in answer.content and b'nature="error"' in answer.content


def test_oversized_attachment_is_413(enumerator, survey_a, settings):
    big = SimpleUploadedFile("big.jpg", b"\xff" * (10 * 1024 * 1024 + 10), "image/jpeg")
    answer = _post(Client(), enumerator, instance_xml(), big)
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large"
    assert not Submission.objects.exists()


def test_bearer_token_of_a_manager_may_submit(officer_a, survey_a):
    files = {"xml_submission_file": SimpleUploadedFile("s.xml", instance_xml(), "text/xml")}
    answer = Client().post("/openrosa/submission", files, **auth(officer_a))
    assert answer.status_code == 201
    assert Submission.objects.get().enumerator == officer_a


def test_bearer_of_another_commune_cannot_submit(officer_b, survey_a):
    files = {"xml_submission_file": SimpleUploadedFile("s.xml", instance_xml(), "text/xml")}
    answer = Client().post("/openrosa/submission", files, **auth(officer_b))
    assert answer.status_code == 404
    assert not Submission.objects.exists()


def test_enumerator_of_another_commune_sees_nothing(unit_b, survey_a, officer_a):
    other = make_officer("enum2", unit=unit_b, roles=[Role.ENUMERATOR])
    password = credential_issue(actor=officer_a, user=other).password
    listed = digest_request(Client(), "GET", "/openrosa/formList", "enum2", password)
    assert listed.status_code == 200 and b"<xform>" not in listed.content


def test_closed_survey_refuses(enumerator, survey_a, officer_a):
    from danvan.surveys.services.forms import survey_set_flags

    survey_set_flags(actor=officer_a, survey=survey_a, is_open=False)
    answer = _post(Client(), enumerator, instance_xml())
    assert answer.status_code in (404, 409)
    assert not Submission.objects.exists()


MEDIA_ROWS = [
    {"type": "select_one pic", "name": "face", "label": "Mặt", "media::image": "face.png"},
]
MEDIA_CHOICES = [
    {"list_name": "pic", "name": "happy", "label": "Vui", "media::image": "happy.png"},
    {"list_name": "pic", "name": "sad", "label": "Buồn", "media::image": "sad.png"},
]


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


def test_form_media_in_manifest(officer_a, unit_a, client_a):
    from danvan.surveys.services.credentials import assignment_add
    from danvan.surveys.xlsform_write import xlsform_bytes

    data = xlsform_bytes(MEDIA_ROWS, MEDIA_CHOICES, {"form_id": "ks_anh", "version": "1"})
    survey = form_import(actor=officer_a, data=data, filename="a.xlsx", unit=unit_a).survey
    detail = client_a.get(f"/khao-sat/{survey.code}/").content.decode()
    assert "happy.png" in detail and "còn thiếu" in detail
    wrong = client_a.post(
        f"/khao-sat/{survey.code}/",
        {"action": "media", "media": SimpleUploadedFile("other.png", _png())},
    )
    assert wrong.status_code == 422
    fake = client_a.post(
        f"/khao-sat/{survey.code}/",
        {"action": "media", "media": SimpleUploadedFile("sad.png", b"not a picture")},
    )
    assert fake.status_code == 422
    png = _png()
    ok = client_a.post(
        f"/khao-sat/{survey.code}/",
        {"action": "media", "media": SimpleUploadedFile("happy.png", png)},
    )
    assert ok.status_code == 302
    enumerator = make_officer("enum9", unit=unit_a, roles=[Role.ENUMERATOR])
    assignment_add(actor=officer_a, survey=survey, user=enumerator)
    password = credential_issue(actor=officer_a, user=enumerator).password
    client = Client()
    listed = digest_request(client, "GET", "/openrosa/formList", "enum9", password)
    root = ET.fromstring(listed.content)
    manifest_url = root.find(f"{XFORMS}xform").findtext(f"{XFORMS}manifestUrl")
    assert manifest_url.endswith(f"/openrosa/forms/{survey.code}/manifest")
    manifest = digest_request(
        client, "GET", manifest_url.split("testserver", 1)[1], "enum9", password
    )
    ns = "{http://openrosa.org/xforms/xformsManifest}"
    files = ET.fromstring(manifest.content).findall(f"{ns}mediaFile")
    assert [f.findtext(f"{ns}filename") for f in files] == ["happy.png"]
    import hashlib

    assert files[0].findtext(f"{ns}hash") == "md5:" + hashlib.md5(png).hexdigest()  # noqa: S324
    url = files[0].findtext(f"{ns}downloadUrl").split("testserver", 1)[1]
    got = digest_request(client, "GET", url, "enum9", password)
    assert got.status_code == 200 and got.content == png


def test_instance_leaves_the_parser_without_control_characters():
    from danvan.surveys.instance import parse_instance

    parsed = parse_instance(instance_xml(village="Thôn\u0085 Một", name="Vàng\u009b A Dơ"))
    assert parsed.contact["name"] == "Vàng A Dơ"
    assert "\u0085" not in parsed.xml and "Thôn Một" in parsed.xml
