"""The built-in instruments: reproducible from their script, imported cleanly, bilingual,
and asking what weights need (commune, village, sex, age group)."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.surveys.instruments.build import INSTRUMENTS, instrument_bytes
from danvan.surveys.services.instruments import instrument_survey_create
from danvan.surveys.xlsform import parse_xlsform

HERE = Path(__file__).resolve().parents[1] / "instruments"


@pytest.mark.parametrize("key", sorted(INSTRUMENTS))
def test_shipped_file_is_what_the_script_writes(key):
    assert (HERE / f"{key}.xlsx").read_bytes() == instrument_bytes(key)


@pytest.mark.parametrize("key", sorted(INSTRUMENTS))
def test_instrument_imports_cleanly_and_is_bilingual(key):
    form = parse_xlsform((HERE / f"{key}.xlsx").read_bytes(), f"{key}.xlsx")
    assert form.warnings == []
    assert form.languages == ["Tiếng Việt (vi)", "English (en)"]
    names = {q["name"]: q for q in form.questions}
    for needed in ("commune", "village", "sex", "age_group"):
        assert needed in names
    assert [c["name"] for c in names["sex"]["choices"]] == ["male", "female"]
    for question in form.questions:
        if question["type"] in ("calculate", "begin_group") and not question["label"]:
            continue
        assert set(question["label"]) == {"Tiếng Việt (vi)", "English (en)"}, question["name"]


def test_survey_from_instrument(officer_a, unit_a):
    result = instrument_survey_create(actor=officer_a, key="citizens", year=2026, unit=unit_a)
    assert result.survey.form_id == f"danvan_citizens_{unit_a.code}_2026"
    assert result.survey.title.endswith("2026")
    assert result.version.warnings == []
