"""The study period's figures: yearly figures of the old communes imported from XLSX (all or
nothing, every bad line reported), carried into the successors with the monthly history's
shares, and shown on the yearly axis of a commune's trend."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.roles import Role
from danvan.evaluation.models import YearlyValue
from danvan.evaluation.services import succession_weight_set
from danvan.evaluation.study.services import StudyImportError, study_import
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db
HEAD = ["Mã xã cũ", "Năm", "Chỉ số", "Tử số", "Mẫu số"]


@pytest.fixture
def appraiser(province):
    return make_officer("thamdinh", roles=[Role.APPRAISER], province=province)


def _xlsx(rows: list[list]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEAD)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("so-lieu-2010-2016.xlsx", out.getvalue())


GOOD = [
    ["99001", 2010, "t.on_time", 60, 100],  # split between A and B (equal shares)
    ["01846", 2010, "t.on_time", 30, 40],  # wholly A
    ["99001", 2016, "t.on_time", 90, 100],
]


def test_bad_lines_refuse_the_whole_file(test_indicators, old_communes, province, appraiser):
    rows = GOOD + [
        ["77777", 2011, "t.on_time", 1, 2],
        ["99001", "năm ngoái", "t.on_time", 1, 2],
        ["99001", 2012, "t.khong_co", 1, 2],
        ["99001", 2013, "t.on_time", 5, 2],
        ["99001", 2010, "t.on_time", 1, 2],  # the same figure twice
    ]
    with pytest.raises(StudyImportError) as exc:
        study_import(province=province, upload=_xlsx(rows), filename="a.xlsx", actor=appraiser)
    assert [ln.split(":")[0] for ln in exc.value.lines] == [
        "Dòng 5", "Dòng 6", "Dòng 7", "Dòng 8", "Dòng 9",
    ]  # fmt: skip
    assert "77777" in exc.value.lines[0] and "trùng với dòng 2" in exc.value.lines[4]
    assert not YearlyValue.objects.exists()


def test_a_year_in_other_digits_is_a_bad_line(test_indicators, old_communes, province, appraiser):
    """Years "²" and "٢٠١٠" pass ``str.isdigit``; one crashed ``int()``, the other was taken as 2010."""
    rows = [["99001", "²", "t.on_time", 1, 2], ["99001", "٢٠١٠", "t.on_time", 1, 2]]
    with pytest.raises(StudyImportError) as exc:
        study_import(province=province, upload=_xlsx(rows), filename="a.xlsx", actor=appraiser)
    assert [ln.split(":")[0] for ln in exc.value.lines] == ["Dòng 2", "Dòng 3"]
    assert not YearlyValue.objects.exists()


def test_import_and_carry_into_successors(test_indicators, old_communes, province, appraiser):
    unit_a = old_communes[0].successors.get(code="99001")
    unit_b = old_communes[0].successors.get(code="99002")
    n = study_import(province=province, upload=_xlsx(GOOD), filename="a.xlsx", actor=appraiser)
    assert n == 3
    a2010 = YearlyValue.objects.get(era="current", unit=unit_a, year=2010, key="t.on_time")
    # Half of 60/100 plus all of 30/40: (30 + 30) / (50 + 40) = 66.67 %.
    assert (a2010.numerator, a2010.denominator) == (60, 90)
    assert a2010.value == pytest.approx(66.6667, abs=1e-3)
    b2010 = YearlyValue.objects.get(era="current", unit=unit_b, year=2010)
    assert (b2010.numerator, b2010.denominator, b2010.value) == (30, 50, 60)
    # The province's own shares are used, as for the monthly history.
    succession_weight_set(legacy_unit=old_communes[0], unit=unit_b, share=1.0, actor=appraiser)
    succession_weight_set(legacy_unit=old_communes[0], unit=unit_a, share=0.0, actor=appraiser)
    study_import(province=province, upload=_xlsx(GOOD), filename="a.xlsx", actor=appraiser)
    b2010 = YearlyValue.objects.get(era="current", unit=unit_b, year=2010)
    assert (b2010.numerator, b2010.denominator) == (60, 100)


def test_yearly_axis_on_the_commune_page(
    test_indicators, old_communes, province, appraiser, client_a, client
):
    study_import(province=province, upload=_xlsx(GOOD), filename="a.xlsx", actor=appraiser)
    body = client_a.get("/danh-gia/xa/99001/").content.decode()
    assert "Xu hướng theo năm" in body
    section = body[body.index('data-testid="yearly-trend"') :]
    assert "2010" in section and "2016" in section and "<svg" in section
    assert "66,7" in section or "66.7" in section


def test_import_page_rights(
    test_indicators, old_communes, client_a, client_viewer, appraiser, client
):
    assert client_a.get("/danh-gia/so-lieu-nam/").status_code == 404
    assert client_viewer.get("/danh-gia/so-lieu-nam/").status_code == 200
    refused = client_viewer.post("/danh-gia/so-lieu-nam/", {"file": _xlsx(GOOD)})
    assert refused.status_code == 403
    client.force_login(appraiser)
    bad = client.post(
        "/danh-gia/so-lieu-nam/", {"file": _xlsx([["99001", 1800, "t.on_time", 1, 2]])}
    )
    assert "Dòng 2" in bad.content.decode()
    ok = client.post("/danh-gia/so-lieu-nam/", {"file": _xlsx(GOOD), "source": "Báo cáo năm"})
    assert ok.status_code == 302
    assert YearlyValue.objects.filter(era="legacy", source="Báo cáo năm").count() == 3
