"""Results pages, plan pages, enumerator lists and exports (real XLSX, PDF, ZIP)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.surveys.models import RespondentContact, SamplingPlan, Submission
from danvan.surveys.results import services
from danvan.surveys.tests.test_estimates_service import QUESTIONS, _submit, _survey, _villages
from danvan.testing.language import english


@pytest.fixture
def survey_a(unit_a, officer_a):
    unit_a.population = 5000
    unit_a.save()
    survey = _survey(unit_a)
    villages = _villages(unit_a, 4)
    subs = _submit(survey, unit_a, villages)
    subs[0].answers = {**subs[0].answers, "children": [{"child_age": 3}, {"child_age": 7}]}
    subs[0].save()
    RespondentContact.objects.create(
        submission=subs[0], name="Nguyễn Văn Riêng", phone="0912345678"
    )
    services.estimates_compute(survey=survey, reps=30)
    return survey


def test_results_page_shows_tables_charts_and_flags(client_a, survey_a):
    response = client_a.get("/khao-sat/ket-qua/KS1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 2  # the two select questions get a chart
    assert "Khoảng tin cậy 95 %" in html and "40 phiếu" in html
    assert "badge-warn" not in html  # 40 respondents: no row is flagged


def test_results_page_in_english(client_a, survey_a):
    html = english(client_a).get("/khao-sat/ket-qua/KS1/").content.decode()
    assert "95 % confidence interval" in html


def test_results_page_queries_do_not_grow_with_questions(client_a, survey_a):
    client_a.get("/khao-sat/ket-qua/KS1/")
    with CaptureQueriesContext(connection) as ctx:
        client_a.get("/khao-sat/ket-qua/KS1/")
    assert len(ctx) < 15


def test_other_commune_gets_404_everywhere(client_b, survey_a):
    for url in (
        "/khao-sat/ket-qua/KS1/",
        "/khao-sat/ket-qua/KS1/xuat.xlsx",
        "/khao-sat/ket-qua/KS1/ke-hoach/",
    ):
        assert client_b.get(url).status_code == 404
    assert client_b.post("/khao-sat/ket-qua/KS1/tinh-lai/").status_code == 404


def test_exports_hold_answers_with_repeats_linked_never_contacts(client_a, survey_a):
    from openpyxl import load_workbook

    response = client_a.get("/khao-sat/ket-qua/KS1/xuat.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["submissions", "children"]
    main = list(book["submissions"].values)
    assert main[0][:4] == ("_key", "_unit", "_village", "_received")
    assert "satisfaction" in main[0] and "child_age" not in main[0]
    assert len(main) == 41
    children = list(book["children"].values)
    assert children[0] == ("_parent", "_index", "child_age")
    assert children[1] == ("uuid:KS1-0", 1, 3) and children[2] == ("uuid:KS1-0", 2, 7)
    everything = str(main) + str(children)
    assert "Nguyễn Văn Riêng" not in everything and "0912345678" not in everything
    from danvan.core.models import AuditEntry

    assert AuditEntry.objects.filter(
        action="surveys.export", detail__format="answers.xlsx"
    ).exists()
    csv = client_a.get("/khao-sat/ket-qua/KS1/xuat.csv")
    assert csv.content.decode("utf-8-sig").splitlines()[0].startswith("_key,_unit")
    archive = zipfile.ZipFile(io.BytesIO(client_a.get("/khao-sat/ket-qua/KS1/xuat.zip").content))
    assert sorted(archive.namelist()) == ["children.csv", "submissions.csv"]
    assert client_a.get("/khao-sat/ket-qua/KS1/xuat.exe").status_code == 404


def test_export_counts_an_edit_once(client_a, survey_a):
    from openpyxl import load_workbook

    original = Submission.objects.get(instance_id="uuid:KS1-1")
    edit = Submission.objects.create(
        survey=survey_a, form_version=survey_a.current_version, instance_id="uuid:edit",
        deprecated_id=original.instance_id, xml="<x/>", unit=original.unit, source="web",
        answers={"satisfaction": "5"},
    )  # fmt: skip
    original.superseded_by = edit
    original.save()
    book = load_workbook(io.BytesIO(client_a.get("/khao-sat/ket-qua/KS1/xuat.xlsx").content))
    keys = [row[0] for row in book["submissions"].values][1:]
    assert len(keys) == 40 and "uuid:KS1-1" not in keys and "uuid:edit" in keys


def test_formula_like_answers_are_not_formulas():
    from danvan.surveys.results.exports import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell(["a", "b"]) == "a b" and _cell(3) == 3


def test_plan_page_draws_a_plan_and_prints_lists(client_a, survey_a):
    response = client_a.post(
        "/khao-sat/ket-qua/KS1/ke-hoach/",
        {"villages": "2", "respondents": "5", "method": "systematic", "seed": "42"},
    )
    assert response.status_code == 302
    plan = SamplingPlan.objects.get(survey=survey_a)
    assert plan.seed == 42 and plan.villages.count() == 2 and plan.households.count() == 10
    page = client_a.get("/khao-sat/ket-qua/KS1/ke-hoach/").content.decode()
    assert "10 hộ được chọn" in page
    pdf = client_a.get("/khao-sat/ket-qua/KS1/ke-hoach/danh-sach.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(client_a.get("/khao-sat/ket-qua/KS1/ke-hoach/danh-sach.xlsx").content)
    )
    values = list(book.active.values)
    assert sum(1 for row in values if row and row[1] and str(row[1]).startswith("Hộ số")) == 10


def test_plan_bad_input_keeps_what_was_typed(client_a, survey_a):
    response = client_a.post(
        "/khao-sat/ket-qua/KS1/ke-hoach/",
        {"villages": "hai", "respondents": "5", "method": "systematic", "seed": ""},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="hai"' in html and "phải là số nguyên" in html
    assert not SamplingPlan.objects.filter(survey=survey_a).exists()


def test_only_managers_draw_plans_and_recompute(client, survey_a, unit_a):
    from danvan.accounts.models import Role
    from danvan.testing.factories import make_officer

    clerk = make_officer("clerk", unit=unit_a, roles=[Role.ONE_STOP])
    client.force_login(clerk)
    assert (
        client.post(
            "/khao-sat/ket-qua/KS1/ke-hoach/", {"villages": "2", "respondents": "5"}
        ).status_code
        == 403
    )
    assert client.post("/khao-sat/ket-qua/KS1/tinh-lai/").status_code == 403
    assert client.get("/khao-sat/ket-qua/KS1/xuat.xlsx").status_code == 403
    assert client.get("/khao-sat/ket-qua/KS1/").status_code == 200


def test_recompute_button(client_a, survey_a):
    response = client_a.post("/khao-sat/ket-qua/KS1/tinh-lai/", follow=True)
    assert "Đã tính lại kết quả từ 40 phiếu" in response.content.decode()


assert QUESTIONS  # the same form as the service tests


def test_province_results_narrowed_to_a_commune_flag_small_samples(
    client_a, client_b, unit_a, unit_b
):
    unit_a.population, unit_b.population = 3000, 4000
    unit_a.save()
    unit_b.save()
    survey = _survey(unit_a, scope="province", code="KSP")
    _submit(survey, unit_a, _villages(unit_a, 2))  # 20 respondents: a small sample
    _submit(survey, unit_b, _villages(unit_b, 3), start=100)
    services.estimates_compute(survey=survey, reps=30)
    whole = client_a.get("/khao-sat/ket-qua/KSP/").content.decode()
    assert "badge-warn" not in whole and 'value="99002"' in whole
    mine = client_a.get("/khao-sat/ket-qua/KSP/?unit=99001").content.decode()
    assert "Xã Thử A" in mine and "badge-warn" in mine
    assert client_b.get("/khao-sat/ket-qua/KSP/?unit=99001").status_code == 404
    assert client_b.get("/khao-sat/ket-qua/KSP/?unit=99002").status_code == 200


def test_household_lists_only_for_those_who_may_export_and_logged(
    client, client_a, survey_a, unit_a
):
    """The plan's households carry the heads' names (democracy's household lists): a reader
    of the survey without the export right sees the villages, not the lists."""
    from danvan.accounts.models import Role
    from danvan.core.models import AuditEntry
    from danvan.testing.factories import make_officer

    client_a.post(
        "/khao-sat/ket-qua/KS1/ke-hoach/",
        {"villages": "2", "respondents": "5", "method": "systematic", "seed": "42"},
    )
    clerk = make_officer("clerk", unit=unit_a, roles=[Role.ONE_STOP])
    client.force_login(clerk)
    page = client.get("/khao-sat/ket-qua/KS1/ke-hoach/")
    assert page.status_code == 200 and "danh-sach.xlsx" not in page.content.decode()
    assert client.get("/khao-sat/ket-qua/KS1/ke-hoach/danh-sach.xlsx").status_code == 403
    assert client_a.get("/khao-sat/ket-qua/KS1/ke-hoach/danh-sach.xlsx").status_code == 200
    assert (
        AuditEntry.objects.filter(action="surveys.export", detail__format="plan.xlsx").count() == 1
    )
