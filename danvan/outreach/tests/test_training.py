"""Officials' training: coverage per officer per term (the boundary day), required courses
as data, the alert card, certificates, the XLSX import (all or nothing) and the API."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from danvan.accounts.roles import Role
from danvan.outreach import training
from danvan.outreach.models import Attendance, Course, RequiredCourse, TrainingSession
from danvan.outreach.services import ImportLine, ImportRefused, attendance_import, training_record
from danvan.testing.factories import make_officer

from .conftest import api_get

pytestmark = pytest.mark.django_db

OLD_TERM_LAST_DAY = date(2026, 3, 14)
NEW_TERM_FIRST_DAY = date(2026, 3, 15)


@pytest.fixture
def clerk(unit_a):
    return make_officer("mai", unit=unit_a, roles=[Role.ONE_STOP])


def _record(unit, officer, actor, code, day):
    return training_record(
        unit=unit,
        course=Course.objects.get(code=code),
        day=day,
        place="Hội trường UBND",
        officer_ids=[officer.pk],
        actor=actor,
    )


def test_terms_and_requirements_are_data():
    assert [t.code for t in training.terms()] == ["2021-2026", "2026-2031"]
    assert training.term_of(OLD_TERM_LAST_DAY).code == "2021-2026"
    assert training.term_of(NEW_TERM_FIRST_DAY).code == "2026-2031"
    assert training.required_by_role()["one_stop"] == ["DV-01", "MC-01"]


def test_coverage_on_the_term_boundary(unit_a, officer_a, clerk):
    old, new = training.term_by_code("2021-2026"), training.term_by_code("2026-2031")
    _record(unit_a, clerk, officer_a, "MC-01", OLD_TERM_LAST_DAY)
    _record(unit_a, clerk, officer_a, "DV-01", NEW_TERM_FIRST_DAY)
    rows = {(r.username, r.role): r for r in training.coverage(unit_a, old)}
    assert rows[("mai", "one_stop")].done == ["MC-01"]
    assert rows[("mai", "one_stop")].missing == ["DV-01"]
    rows = {(r.username, r.role): r for r in training.coverage(unit_a, new)}
    assert rows[("mai", "one_stop")].done == ["DV-01"]
    assert rows[("mai", "one_stop")].missing == ["MC-01"]
    # The leader (officer_a) has trained nothing: every leader course is missing.
    assert rows[("alice", "leader")].missing == ["DC-01", "DT-01", "DV-01", "TCD-01"]


def test_province_edits_requirements(unit_a, officer_a, clerk):
    new = training.term_by_code("2026-2031")
    RequiredCourse.objects.filter(role="one_stop", course__code="DV-01").delete()
    _record(unit_a, clerk, officer_a, "MC-01", NEW_TERM_FIRST_DAY)
    rows = {(r.username, r.role): r for r in training.coverage(unit_a, new)}
    assert rows[("mai", "one_stop")].missing == []


def test_front_member_has_no_requirement(unit_a):
    make_officer("lan", unit=unit_a, roles=[Role.FRONT], organisation="women")
    new = training.term_by_code("2026-2031")
    assert "lan" not in {r.username for r in training.coverage(unit_a, new)}


def test_only_leaders_record_and_only_own_officers(unit_a, unit_b, officer_a, officer_b, clerk):
    from danvan.outreach.services import OutreachError

    with pytest.raises(OutreachError) as err:
        _record(unit_a, clerk, clerk, "MC-01", NEW_TERM_FIRST_DAY)
    assert err.value.code == "forbidden"
    with pytest.raises(OutreachError) as err:
        _record(unit_a, officer_b, officer_a, "MC-01", NEW_TERM_FIRST_DAY)
    assert err.value.code == "officers"
    assert not TrainingSession.objects.exists()


def test_coverage_page_and_card(client_a, unit_a, officer_a, clerk, settings):
    response = client_a.get(
        reverse("outreach:training", args=[unit_a.code]) + "?nhiem_ky=2026-2031"
    )
    assert response.status_code == 200
    lacking = {r.username for r in response.context["lacking"]}
    assert lacking == {"alice", "mai"}
    home = client_a.get(reverse("portal:officer_home"))
    assert 'data-testid="training-card"' in home.content.decode()


def test_record_form_and_certificate(client_a, unit_a, officer_a, clerk):
    url = reverse("outreach:training_record", args=[unit_a.code])
    bad = client_a.post(url, {"course": "MC-01", "date": "32/13/2026", "place": "Hội trường"})
    assert bad.status_code == 422 and 'value="Hội trường"' in bad.content.decode()
    ok = client_a.post(url, {"course": "MC-01", "date": "16/03/2026", "officers": [clerk.pk]})
    assert ok.status_code == 302
    attendance = Attendance.objects.get()
    pdf = client_a.get(reverse("outreach:certificate", args=[attendance.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_another_commune_refused(client_b, unit_a, officer_a, clerk):
    session = _record(unit_a, clerk, officer_a, "MC-01", NEW_TERM_FIRST_DAY)
    attendance = session.attendances.get()
    for url in (
        reverse("outreach:training", args=[unit_a.code]),
        reverse("outreach:training_record", args=[unit_a.code]),
        reverse("outreach:training_import", args=[unit_a.code]),
        reverse("outreach:certificate", args=[attendance.pk]),
    ):
        assert client_b.get(url).status_code == 404, url
    assert api_get(None, "/api/v1/outreach/training/coverage?unit=99001").status_code == 401


def test_clerk_reads_but_does_not_record(unit_a, clerk):
    c = Client()
    c.force_login(clerk)
    assert c.get(reverse("outreach:training", args=[unit_a.code])).status_code == 200
    assert c.get(reverse("outreach:training_record", args=[unit_a.code])).status_code == 403
    assert c.get(reverse("outreach:training_import", args=[unit_a.code])).status_code == 403


def _xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên đăng nhập", "Mã khóa", "Ngày", "Địa điểm"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "tham-du.xlsx"
    return out


def test_import_all_or_nothing(client_a, unit_a, officer_a, clerk, officer_b):
    url = reverse("outreach:training_import", args=[unit_a.code])
    bad = _xlsx(
        [
            ["mai", "MC-01", "10/05/2024", "Huyện"],
            ["bob", "MC-01", "10/05/2024", "Huyện"],  # another commune's officer
            ["alice", "XX-99", "31/02/2024", ""],  # unknown course, impossible date
            ["mai", "MC-01", "10/05/2024", "Huyện"],  # the first line again
        ]
    )
    response = client_a.post(url, {"file": bad})
    assert response.status_code == 422
    text = response.content.decode()
    assert not Attendance.objects.exists()
    for line in ("Dòng 3", "Dòng 4", "Dòng 5"):
        assert line in text
    assert "Dòng 2" not in text
    good = _xlsx([["mai", "mc-01", "10/05/2024", "Huyện"], ["alice", "DV-01", "2024-06-01", ""]])
    assert client_a.post(url, {"file": good}).status_code == 302
    assert Attendance.objects.filter(imported=True).count() == 2
    old = training.term_by_code("2021-2026")
    rows = {(r.username, r.role): r for r in training.coverage(unit_a, old)}
    assert rows[("mai", "one_stop")].done == ["MC-01"]


def test_import_service_reports_every_line(unit_a, officer_a, clerk):
    with pytest.raises(ImportRefused) as err:
        attendance_import(
            unit=unit_a,
            lines=[
                ImportLine(2, "nobody", "MC-01", "01/01/2024"),
                ImportLine(3, "mai", "MC-01", "not a date"),
            ],
            actor=officer_a,
        )
    assert [line for line, _m in err.value.errors] == [2, 3]


def test_import_wrong_file_type(client_a, unit_a):
    upload = io.BytesIO(b"hello")
    upload.name = "x.pdf"
    response = client_a.post(
        reverse("outreach:training_import", args=[unit_a.code]), {"file": upload}
    )
    assert response.status_code == 422
    assert "xlsx" in response.content.decode()


def test_coverage_api(officer_a, officer_b, unit_a, clerk):
    _record(unit_a, clerk, officer_a, "MC-01", NEW_TERM_FIRST_DAY)
    rows = api_get(officer_a, "/api/v1/outreach/training/coverage?unit=99001&term=2026-2031").json()
    mai = next(r for r in rows if r["officer"] == "mai")
    assert mai == {
        "officer": "mai",
        "name": mai["name"],
        "role": "one_stop",
        "required": ["DV-01", "MC-01"],
        "done": ["MC-01"],
        "missing": ["DV-01"],
    }
    assert api_get(officer_b, "/api/v1/outreach/training/coverage?unit=99001").status_code == 404
    response = api_get(officer_a, "/api/v1/outreach/training/coverage?unit=99001&term=1999")
    assert response.status_code == 422 and response.json()["code"] == "term"


def test_certificate_only_for_the_officer_the_leaders_and_the_province(
    client_a, unit_a, officer_a, clerk, province_viewer
):
    session = _record(unit_a, clerk, officer_a, "MC-01", NEW_TERM_FIRST_DAY)
    attendance = Attendance.objects.get(session=session)
    url = reverse("outreach:certificate", args=[attendance.pk])

    def get(user):
        c = Client()
        c.force_login(user)
        return c.get(url)

    # The officer and the commune's leader (client_a) get it; so does the province.
    assert get(clerk).status_code == 200
    assert client_a.get(url).status_code == 200
    assert get(province_viewer).status_code == 200
    # Another reader of the commune does not, nor a Front member, nor a colleague.
    colleague = make_officer("lan", unit=unit_a, roles=[Role.ONE_STOP, Role.SPECIALIST])
    front = make_officer("mttq", unit=unit_a, roles=[Role.FRONT], organisation="front")
    assert get(colleague).status_code == 404
    assert get(front).status_code == 404
