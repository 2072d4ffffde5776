"""XLSForm import: the fixtures of pyxform import or are refused with a reason; our own
forms keep their languages, questions and binds; a refused file stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.surveys.models import FormVersion, Survey
from danvan.surveys.services.forms import form_import
from danvan.surveys.tests.conftest import CHOICES, SURVEY_ROWS, form_bytes
from danvan.surveys.xlsform import FormRefused, parse_xlsform
from danvan.surveys.xlsform_write import xlsform_bytes

FIXTURES = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "xlsform" / "pyxform"
)
# What each fixture must give: "ok", or the words its refusal must contain (and where).
EXPECTED = {
    "UCL_Biomass_Plot_Form.xlsx": ("refused", "select_one_from_file", "survey", 16),
    "bad_calc.xlsx": ("ok",),
    "cascading_select_test_equivalent.xls": ("ok",),
    "choice_filter_test.xlsx": ("ok",),
    "duplicate_columns.xlsx": ("refused", "Duplicate column header", "survey", 1),
    "flat_xlsform_test.xlsx": ("ok",),
    "gps.xls": ("ok",),
    "loop.xlsx": ("ok",),
    "repeat_date_test.xls": ("ok",),
    "specify_other.xlsx": ("ok",),
    "survey_no_name.xlsx": ("refused", "survey", "survey", None),
    "table-list.xls": ("ok",),
    "tutorial.xls": ("ok",),
    "unknown_question_type.xls": ("refused", "relevance", "survey", 1),
    "widgets.xls": ("ok",),
    "xlsform_spec_test.xlsx": ("ok",),
    "yes_or_no_question.xlsx": ("ok",),
}


def _fixtures() -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".xls", ".xlsx"))


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures/xlsform absent")
@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.name)
def test_fixture_imports_or_is_refused_with_reason(path, officer_a, unit_a):
    expected = EXPECTED.get(path.name, ("ok",))
    if expected[0] == "ok":
        result = form_import(
            actor=officer_a, data=path.read_bytes(), filename=path.name, unit=unit_a
        )
        version = result.version
        assert version.xml.startswith("<?xml") and "<h:html" in version.xml
        assert version.questions, "a form has questions"
        assert Survey.objects.filter(form_id=version.survey.form_id).count() == 1
        return
    with pytest.raises(FormRefused) as refused:
        form_import(actor=officer_a, data=path.read_bytes(), filename=path.name, unit=unit_a)
    first = refused.value.errors[0]
    _, words, sheet, row = expected
    assert words.lower() in first.message.lower()
    assert first.sheet == sheet
    assert first.row == row
    assert not Survey.objects.exists() and not FormVersion.objects.exists()


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures/xlsform absent")
def test_every_fixture_is_expected():
    assert {p.name for p in _fixtures()} <= set(EXPECTED)


def test_own_form_questions_languages_and_binds():
    form = parse_xlsform(form_bytes(), "ks.xlsx")
    assert form.form_id == "ks_thu" and form.version == "2026.1"
    assert form.languages[0] == "Tiếng Việt (vi)" and "English (en)" in form.languages
    by_name = {q["name"]: q for q in form.questions}
    assert by_name["sex"]["choices"][1] == {
        "name": "female",
        "label": {"Tiếng Việt (vi)": "Nữ", "English (en)": "Female"},
    }
    assert by_name["why_not"]["relevant"] == " /data/satisfied  = 'no'"
    assert by_name["household_size"]["constraint"] == ". > 0 and . < 30"
    assert by_name["household_size"]["constraint_message"]["English (en)"] == "From 1 to 29 people"
    assert by_name["satisfied"]["required"] is True
    assert by_name["member_age"]["repeat"] == "members"
    assert by_name["size_twice"]["calculation"] == " /data/household_size  * 2"
    assert form.warnings == []


def test_new_version_then_same_version_changed_is_refused(officer_a, unit_a):
    first = form_import(actor=officer_a, data=form_bytes(), filename="a.xlsx", unit=unit_a)
    again = form_import(actor=officer_a, data=form_bytes(), filename="a.xlsx", unit=unit_a)
    assert again.created is False and again.version.pk == first.version.pk
    second = form_import(
        actor=officer_a, data=form_bytes(version="2026.2"), filename="a.xlsx", unit=unit_a
    )
    assert second.survey.pk == first.survey.pk
    assert second.survey.current_version.version == "2026.2"
    with pytest.raises(FormRefused) as refused:
        form_import(
            actor=officer_a,
            data=form_bytes(version="2026.2", form_title="Đổi tên"),
            filename="a.xlsx",
            unit=unit_a,
        )
    assert refused.value.errors[0].column == "version"
    assert FormVersion.objects.count() == 2


def test_form_id_of_another_commune_is_refused(officer_a, officer_b, unit_a, unit_b):
    form_import(actor=officer_a, data=form_bytes(), filename="a.xlsx", unit=unit_a)
    with pytest.raises(FormRefused) as refused:
        form_import(actor=officer_b, data=form_bytes(), filename="a.xlsx", unit=unit_b)
    assert refused.value.errors[0].sheet == "settings"
    assert refused.value.errors[0].column == "form_id"


def test_unknown_type_is_reported_on_its_row():
    rows = [*SURVEY_ROWS[:2], {"type": "select_one_wrong", "name": "x", "label": "X"}]
    with pytest.raises(FormRefused) as refused:
        parse_xlsform(xlsform_bytes(rows, CHOICES, {"form_id": "f", "version": "1"}), "f.xlsx")
    error = refused.value.errors[0]
    assert error.sheet == "survey" and error.row == 4


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("a.pdf", b"%PDF-1.4 nothing", ".xlsx"),
        ("a.xlsx", b"not a zip at all", "hỏng"),
        ("a.xls", b"PK\x03\x04 not ole", "97"),
    ],
)
def test_bad_files_are_refused(name, data, words):
    with pytest.raises(FormRefused) as refused:
        parse_xlsform(data, name)
    assert words in refused.value.errors[0].message
