"""Surveys figures: importing an XLSForm, receiving OpenRosa submissions (new and resent),
a web form page checked on the server, the submissions list.

Run: .venv/bin/python bench/surveys_collection.py  (a throw-away SQLite database unless
DATABASE_URL is set; then that database's test copy).
"""

from __future__ import annotations

import os
import uuid
from functools import partial

from _common import run, test_database
from _common import timed as _timed

# This bench's operations take milliseconds.
timed = partial(_timed, unit="ms")

old_name = test_database()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from danvan.accounts.auth import api_token_create
    from danvan.accounts.roles import Role
    from danvan.accounts.services import membership_add, officer_create
    from danvan.surveys.instance import build_instance, instance_bytes
    from danvan.surveys.instruments.build import instrument_bytes
    from danvan.surveys.services.forms import form_import
    from danvan.territory.models import Province, Unit, Village

    province = Province.objects.create(
        code="19", name="Tỉnh Thái Nguyên", division_type="tỉnh", codename="tn"
    )
    unit = Unit.objects.create(
        code="01843", name="Phường Bắc Kạn", kind="phuong", codename="bk", province=province
    )
    for i in range(8):
        Village.objects.create(unit=unit, name=f"Tổ dân phố {i}")
    user, _, _ = officer_create(username="alice", password="x")
    for role in (Role.SPECIALIST, Role.LEADER):
        membership_add(user=user, role=role, unit=unit)
    data = instrument_bytes("citizens")
    counter = iter(range(10_000))
    timed(
        "import the citizens' instrument (.xlsx → XForm)",
        5,
        lambda: form_import(
            actor=user,
            data=instrument_bytes("citizens", form_id=f"b_{next(counter)}"),
            filename="citizens.xlsx",
            unit=unit,
        ),
    )
    survey = form_import(actor=user, data=data, filename="citizens.xlsx", unit=unit).survey
    version = survey.current_version
    values = {
        "commune": "01843",
        "village": "Tổ dân phố 3",
        "consent": "yes",
        "sex": "female",
        "age_group": "30_39",
        "ethnicity": "tay",
        "a1_heard": "yes",
        "a1_channels": ["meeting"],
        "a2_rights": "4",
        "a2_disclosed": "yes",
        "a2_consulted": "no",
        "a3_used": "yes",
        "a3_satisfied": "4",
        "a4_sent": "no",
        "a4_trust": "3",
        "a5_respect": "4",
        "overall": "4",
    }
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}
    sent: list[bytes] = []

    def post_new() -> None:
        xml = instance_bytes(
            build_instance(
                version.questions,
                form_id=survey.form_id,
                version=version.version,
                values=values,
                instance_id=f"uuid:{uuid.uuid4()}",
            )
        )
        sent.append(xml)
        answer = client.post(
            "/openrosa/submission",
            {"xml_submission_file": SimpleUploadedFile("s.xml", xml, "text/xml")},
            **headers,
        )
        assert answer.status_code == 201, answer.content

    def post_again() -> None:
        answer = client.post(
            "/openrosa/submission",
            {"xml_submission_file": SimpleUploadedFile("s.xml", sent[0], "text/xml")},
            **headers,
        )
        assert answer.status_code == 201

    timed("OpenRosa POST of a new submission (Bearer)", 200, post_new)
    timed("OpenRosa POST of a resent submission", 200, post_again)
    with CaptureQueriesContext(connection) as ctx:
        post_new()
    print(f"queries per new submission: {len(ctx)}")

    from danvan.accounts.models import OfficerProfile

    OfficerProfile.objects.filter(user=user).update(must_change_password=False)
    web = Client()
    web.force_login(user)
    start = web.post(f"/khao-sat/{survey.code}/nhap-phieu/", {"unit": "01843"})["Location"]
    page = start.rsplit("/", 2)[0] + "/1/"
    body = {"q__sex": "male", "q__age_group": "40_49", "q__ethnicity": "kinh", "action": "next"}
    assert web.post(page, body).status_code == 302  # checked, saved, on to the next page
    listed = web.get(f"/khao-sat/{survey.code}/phieu/")
    assert listed.status_code == 200, (
        listed.status_code,
        listed.get("Location"),
        listed.content[:300],
    )
    timed("web form page POST, checked on the server (XPath)", 50, lambda: web.post(page, body))
    timed("submissions list page (50 rows)", 20, lambda: web.get(f"/khao-sat/{survey.code}/phieu/"))
    with CaptureQueriesContext(connection) as ctx:
        web.get(f"/khao-sat/{survey.code}/phieu/")
    print(f"queries for the submissions list page: {len(ctx)}")
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        cProfile.runctx(
            "web.get(f'/khao-sat/{survey.code}/phieu/')", globals(), locals(), "/tmp/sf.prof"
        )
        pstats.Stats("/tmp/sf.prof").sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    run(main, old_name)
