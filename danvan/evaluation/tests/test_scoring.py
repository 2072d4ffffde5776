"""The yearly scoring: the cycle end to end on the shipped template (Decision 1878-QĐ/TU's
shape) with a flagged self-score; appraisal refused without a reason and for a commune
officer; grade bands on their boundaries; the XLSX import refused whole on bad lines; the
API contract; query counts of the results list."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.accounts.auth import api_token_create
from danvan.accounts.roles import Role
from danvan.cases.models import Case
from danvan.evaluation.models import Era, IndicatorValue, Origin
from danvan.evaluation.yearly import rules
from danvan.evaluation.yearly.kinds import APPRAISAL_KIND, SELF_KIND
from danvan.evaluation.yearly.models import AssessmentStatus, Framework, FrameworkStatus
from danvan.evaluation.yearly.services import (
    ScoringError,
    appraisal_save,
    cycle_open,
    decision_publish,
    framework_from_template,
    framework_import,
    self_assessment_save,
    template_data,
)
from danvan.testing.factories import UnitFactory, make_officer

from .conftest import open_case

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2025


@pytest.fixture
def appraiser(province):
    return make_officer("thamdinh", roles=[Role.APPRAISER], province=province)


def _value(unit, key, month, num, den):  # type: ignore[no-untyped-def]
    from danvan.core.registry import registries

    ind = registries.indicators.get(key)
    IndicatorValue.objects.create(
        era=Era.CURRENT, unit=unit, province_code=unit.province.code, period=month, key=key,
        area=ind.area, numerator=num, denominator=den, value=ind.value_of(num, den),
        origin=Origin.COMPUTED, computed_at=timezone.now(), data_version="t",
    )  # fmt: skip


@pytest.fixture
def measured(unit_a, unit_b):
    """Two months of 2025 for A: one-stop dossiers 50 % on time (score 5/10 → 3.0 of 6
    points), satisfaction 90 % (4.5 of 5). Both communes use the system."""
    open_case(unit_a)
    open_case(unit_b)
    _value(unit_a, "dossiers.on_time_rate", date(YEAR, 3, 1), 20, 40)
    _value(unit_a, "dossiers.on_time_rate", date(YEAR, 9, 1), 30, 60)
    _value(unit_a, "dossiers.satisfaction", date(YEAR, 9, 1), 9, 10)
    _value(unit_a, "dossiers.on_time_rate", date(YEAR + 1, 1, 1), 60, 60)  # another year
    return unit_a, unit_b


@pytest.fixture
def framework(province, appraiser):
    fw = framework_from_template(province=province, year=YEAR, actor=appraiser)
    fw.self_due, fw.appraisal_due = date(YEAR, 12, 15), date(YEAR + 1, 1, 15)
    fw.save()
    return fw


def _at(m: int, d: int) -> datetime:
    return datetime(YEAR, m, d, 9, tzinfo=VN)


def _self_entries(framework, points: dict[str, float]) -> dict[str, tuple[str, str]]:
    """Every self-assessed item at its maximum unless given."""
    return {
        i.code: (str(points.get(i.code, i.max_points)), "")
        for i in framework.items.filter(awarded_above=False)
    }


def test_template_has_the_shape_of_decision_1878(framework):
    groups = list(framework.groups.all())
    items = list(framework.items.all())
    self_items = [i for i in items if not i.awarded_above]
    above = [i for i in items if i.awarded_above]
    assert len({i.group_id for i in self_items}) == 8
    assert sum(i.max_points for i in self_items) == 90
    assert sum(i.max_points for i in above) == 10
    assert len(groups) == 9  # the 8 self-assessed groups and the level above's 10 points
    bands = {b.code: b.min_points for b in framework.bands.all()}
    assert bands["tot"] == 80 and bands["kha"] == 75


@pytest.mark.parametrize(
    ("total", "grade"),
    [(100, "Tốt"), (80, "Tốt"), (79.99, "Khá"), (75, "Khá"), (74.99, "Trung bình"),
     (50, "Trung bình"), (49.99, "Yếu"), (0, "Yếu")],
)  # fmt: skip
def test_grade_bands_on_their_boundaries(total, grade):
    bands = [(b["label"], b["min"]) for b in template_data().bands]
    assert rules.grade_of(total, bands) == grade


def test_lower_bands_are_configurable():
    bands = [("Tốt", 80), ("Khá", 75), ("Đạt", 60), ("Chưa đạt", 0)]
    assert rules.grade_of(59.99, bands) == "Chưa đạt"
    assert rules.grade_of(60, bands) == "Đạt"


def test_cycle_end_to_end_with_a_flagged_self_score(framework, measured, appraiser, officer_a):
    unit_a, unit_b = measured
    assert cycle_open(framework=framework, actor=appraiser, at=_at(11, 1)) == 2
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.OPEN
    a = framework.assessments.get(unit=unit_a)
    lines = {ln.item.code: ln for ln in a.lines.select_related("item")}
    # Pre-filled from the measurements: 50 % on time → 3.0 of 6; satisfaction 9/10 → 4.5 of 5.
    assert lines["3.1"].measured == 3.0 and lines["3.1"].self_points == 3.0
    assert lines["3.1"].evidence["numerator"] == 50 and lines["3.1"].evidence["denominator"] == 100
    assert lines["3.2"].measured == 4.5
    assert lines["1.1"].measured is None  # no indicator: the commune's own evidence
    # The self-assessment runs on the clock to the province's date.
    assert a.self_case.kind == SELF_KIND and a.self_case.due_date == date(YEAR, 12, 15)

    # The commune rounds up: 6/6 on on-time dossiers where the measurements give 3.
    a = self_assessment_save(
        assessment=a, actor=officer_a, entries=_self_entries(framework, {}), submit=True,
        at=_at(12, 10),
    )  # fmt: skip
    assert a.status == AssessmentStatus.SUBMITTED and a.self_total == 90
    flagged = {ln.item.code for ln in a.lines.select_related("item") if ln.flagged}
    assert "3.1" in flagged and "3.2" not in flagged  # 5 vs 4.5 is within 0.2 × 5
    assert a.flagged_items == len(flagged)
    a.self_case.refresh_from_db()
    assert a.self_case.closed_at is not None and a.self_case.on_time is True
    assert a.appraisal_case.kind == APPRAISAL_KIND
    assert a.appraisal_case.due_date == date(YEAR + 1, 1, 15)

    # Appraisal: cut 3.1 to the measured 3 with a reason, award the level above's 8 points.
    a = appraisal_save(
        assessment=a, actor=appraiser,
        entries={"3.1": ("3", "Số liệu một cửa: 50/100 hồ sơ đúng hạn"), "9.1": ("8", "")},
        at=datetime(YEAR + 1, 1, 5, 9, tzinfo=VN),
    )  # fmt: skip
    assert a.status == AssessmentStatus.APPRAISED
    assert a.appraised_total == 90 - 3 + 8 == 95 and a.grade == "Tốt"
    line = a.lines.get(item__code="3.1")
    assert (line.self_points, line.appraised_points) == (6, 3)
    assert line.reason.startswith("Số liệu")
    assert Case.objects.get(pk=a.appraisal_case_id).closed_at is not None

    # The decision waits for every commune.
    with pytest.raises(ScoringError) as exc:
        decision_publish(framework=framework, actor=appraiser, number="12/QĐ-UBND",
                         decided_on=date(YEAR + 1, 1, 20))  # fmt: skip
    assert exc.value.code == "pending"
    b = framework.assessments.get(unit=unit_b)
    officer_b = make_officer("lanhdao_b", unit=unit_b, roles=[Role.LEADER])
    b = self_assessment_save(
        assessment=b, actor=officer_b, entries=_self_entries(framework, {"1.1": 2}), submit=True
    )
    b = appraisal_save(assessment=b, actor=appraiser, entries={"9.1": ("5", "")})
    assert b.appraised_total == 87 + 5 and b.grade == "Tốt"
    decision_publish(
        framework=framework, actor=appraiser, number="12/QĐ-UBND", decided_on=date(YEAR + 1, 1, 20)
    )
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.DECIDED and framework.published_at is not None
    with pytest.raises(ScoringError):
        appraisal_save(assessment=b, actor=appraiser, entries={"9.1": ("10", "")})


def _submitted(framework, measured, appraiser, officer_a):  # type: ignore[no-untyped-def]
    cycle_open(framework=framework, actor=appraiser, at=_at(11, 1))
    a = framework.assessments.get(unit=measured[0])
    return self_assessment_save(
        assessment=a, actor=officer_a, entries=_self_entries(framework, {}), submit=True
    )


def test_appraisal_refused_without_a_reason(framework, measured, appraiser, officer_a):
    a = _submitted(framework, measured, appraiser, officer_a)
    with pytest.raises(ScoringError) as exc:
        appraisal_save(
            assessment=a, actor=appraiser,
            entries={"3.1": ("3", ""), "2.1": ("1", "  "), "9.1": ("8", "")},
        )  # fmt: skip
    assert set(exc.value.errors) == {"3.1", "2.1"}  # every change without a reason, at once
    assert "lý do" in exc.value.errors["3.1"]
    a.refresh_from_db()
    assert a.status == AssessmentStatus.SUBMITTED  # nothing written
    assert not a.lines.filter(appraised_points__isnull=False).exists()


def test_appraisal_refused_for_a_commune_officer(framework, measured, appraiser, officer_a):
    a = _submitted(framework, measured, appraiser, officer_a)
    with pytest.raises(ScoringError) as exc:
        appraisal_save(assessment=a, actor=officer_a, entries={"3.1": ("6", "tự chấm lại")})
    assert exc.value.code == "forbidden"


def test_self_assessment_refused_for_another_commune_and_for_bad_points(
    framework, measured, appraiser, officer_a, officer_b
):
    cycle_open(framework=framework, actor=appraiser, at=_at(11, 1))
    a = framework.assessments.get(unit=measured[0])
    with pytest.raises(ScoringError) as exc:
        self_assessment_save(assessment=a, actor=officer_b, entries={})
    assert exc.value.code == "forbidden"
    with pytest.raises(ScoringError) as exc:
        self_assessment_save(
            assessment=a, actor=officer_a, entries={"3.1": ("7", ""), "3.2": ("nhiều", "")}
        )
    assert set(exc.value.errors) == {"3.1", "3.2"}


def _xlsx(rows: list[list]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Loại", "Nhóm", "Tên nhóm", "Mã", "Nội dung", "Điểm", "Chỉ số", "Cấp trên chấm"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("tieu-chi.xlsx", out.getvalue())


def test_import_with_bad_lines_is_refused_whole(province, appraiser):
    upload = _xlsx(
        [
            ["Tiêu chí", "I", "Lãnh đạo", "1.1", "Kế hoạch năm", 10, "", ""],
            ["Tiêu chí", "I", "Lãnh đạo", "1.2", "Sơ kết", "mười", "", ""],
            ["Tiêu chí", "II", "Một cửa", "2.1", "Đúng hạn", 20, "khong.co.chi.so", ""],
            ["Tiêu chí", "", "", "2.2", "", 5, "", ""],
            ["Xếp loại", "", "", "tot", "Tốt", 80, "", ""],
            ["Xếp loại", "", "", "yeu", "Yếu", 0, "", ""],
        ]
    )
    with pytest.raises(ScoringError) as exc:
        framework_import(
            province=province, year=2027, upload=upload, filename="tieu-chi.xlsx", actor=appraiser
        )
    lines = list(exc.value.errors.values())
    assert [ln.split(":")[0] for ln in lines] == ["Dòng 3", "Dòng 4", "Dòng 5"]
    assert "không phải là số" in lines[0] and "khong.co.chi.so" in lines[1]
    assert not Framework.objects.filter(year=2027).exists()


def test_import_of_a_good_file(province, appraiser):
    upload = _xlsx(
        [
            ["Tiêu chí", "I", "Lãnh đạo", "1.1", "Kế hoạch năm", 60, "", ""],
            ["Tiêu chí", "II", "Một cửa", "2.1", "Đúng hạn", "30", "dossiers.on_time_rate", ""],
            ["Tiêu chí", "III", "Cấp trên", "3.1", "Cấp trên chấm", 10, "", "x"],
            ["Xếp loại", "", "", "tot", "Tốt", 80, "", ""],
            ["Xếp loại", "", "", "kha", "Khá", "75", "", ""],
            ["Xếp loại", "", "", "con_lai", "Chưa đạt", 0, "", ""],
        ]
    )
    fw = framework_import(
        province=province, year=2027, upload=upload, filename="tieu-chi.xlsx", actor=appraiser
    )
    assert fw.items.count() == 3 and fw.items.get(code="3.1").awarded_above
    assert fw.items.get(code="2.1").indicator_key == "dossiers.on_time_rate"
    assert fw.bands.count() == 3


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


def test_api_contract_and_privacy(client, framework, measured, appraiser, officer_a, officer_b):
    a = _submitted(framework, measured, appraiser, officer_a)
    appraisal_save(
        assessment=a,
        actor=appraiser,
        entries={"3.1": ("3", "Theo số liệu một cửa"), "9.1": ("8", "")},
    )
    r = client.get(f"/api/v1/evaluation/scoring/{YEAR}?unit=99001", **_auth(officer_a))
    assert r.status_code == 200, r.content
    body = r.json()
    assert set(body) == {"unit", "year", "self_total", "appraised_total", "grade", "items"}
    assert (body["unit"], body["year"], body["self_total"]) == ("99001", YEAR, 90)
    assert (body["appraised_total"], body["grade"]) == (95, "Tốt")
    item = next(i for i in body["items"] if i["code"] == "3.1")
    assert item == {"code": "3.1", "max": 6.0, "self": 6.0, "appraised": 3.0,
                    "reason": "Theo số liệu một cửa", "flagged": True}  # fmt: skip
    other = client.get(f"/api/v1/evaluation/scoring/{YEAR}?unit=99001", **_auth(officer_b))
    assert other.status_code == 404 and other.json()["code"] == "not_found"
    assert (
        client.get("/api/v1/evaluation/scoring/1999?unit=99001", **_auth(officer_a)).status_code
        == 404
    )


def test_pages_self_assessment_appraisal_and_results(
    client, framework, measured, appraiser, officer_a
):
    cycle_open(framework=framework, actor=appraiser, at=_at(11, 1))
    client.force_login(officer_a)
    url = f"/danh-gia/cham-diem/{YEAR}/xa/99001/"
    page = client.get(url).content.decode()
    assert 'name="self-3.1"' in page and 'name="appraised-3.1"' not in page
    # A bad point keeps what was typed and says which item.
    data = {
        f"self-{i.code}": str(i.max_points) for i in framework.items.filter(awarded_above=False)
    }
    data.update({"self-3.2": "9", "note-1.1": "Kế hoạch số 5/KH-UBND", "action": "submit"})
    bad = client.post(url, data).content.decode()
    assert "Điểm phải từ 0 đến 5" in bad and "Kế hoạch số 5/KH-UBND" in bad
    data["self-3.2"] = "5"
    assert client.post(url, data).status_code == 302
    # A commune officer cannot appraise through the page either.
    refused = client.post(url, {"action": "appraise", "appraised-3.1": "1", "reason-3.1": "x" * 9})
    assert refused.status_code == 403
    client.force_login(appraiser)
    page = client.get(url).content.decode()
    assert 'name="appraised-3.1"' in page and "tự chấm cao hơn số liệu" in page
    no_reason = client.post(url, {"action": "appraise", "appraised-3.1": "3", "appraised-9.1": "8"})
    assert "Thay đổi điểm xã tự chấm phải ghi rõ lý do" in no_reason.content.decode()
    ok = client.post(url, {"action": "appraise", "appraised-3.1": "3",
                           "reason-3.1": "Theo số liệu một cửa", "appraised-9.1": "8"})  # fmt: skip
    assert ok.status_code == 302
    results = client.get(f"/danh-gia/cham-diem/{YEAR}/ket-qua/").content.decode()
    assert "Xã Thử A" in results and "95" in results and "<svg" in results
    xlsx = client.get(f"/danh-gia/cham-diem/{YEAR}/ket-qua/?format=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "99001")
    assert row[3:6] == (90, 95, "Tốt")
    client.force_login(officer_a)
    history = client.get("/danh-gia/cham-diem/lich-su/99001/").content.decode()
    assert str(YEAR) in history and "Tốt" in history


def test_results_list_query_count_does_not_grow(client, framework, appraiser, province):
    units = [UnitFactory(province=province) for _ in range(3)]
    for u in units:
        open_case(u)
    cycle_open(framework=framework, actor=appraiser, at=_at(11, 1))
    client.force_login(appraiser)
    url = f"/danh-gia/cham-diem/{YEAR}/ket-qua/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        open_case(UnitFactory(province=province))
    # The new communes get their assessments through a fresh framework of the next year.
    fw2 = framework_from_template(province=province, year=YEAR + 1, actor=appraiser)
    fw2.self_due, fw2.appraisal_due = date(YEAR + 1, 12, 1), date(YEAR + 2, 1, 1)
    fw2.save()
    cycle_open(framework=fw2, actor=appraiser, at=_at(11, 2))
    url2 = f"/danh-gia/cham-diem/{YEAR + 1}/ket-qua/"
    client.get(url2)
    with CaptureQueriesContext(connection) as many:
        client.get(url2)
    assert fw2.assessments.count() == 8 and framework.assessments.count() == 3
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_framework_page_edit_validation(client, framework, appraiser, province_viewer):
    client.force_login(province_viewer)
    assert client.get(f"/danh-gia/cham-diem/{YEAR}/").status_code == 200
    assert client.post(f"/danh-gia/cham-diem/{YEAR}/", {"action": "template"}).status_code == 403
    client.force_login(appraiser)
    data = {
        "action": "edit", "band-tot-min": "80", "band-tot-label": "Tốt", "band-kha-min": "80",
        "band-kha-label": "Khá", "band-trung_binh-min": "50", "band-trung_binh-label": "TB",
        "band-yeu-min": "0", "band-yeu-label": "Yếu", "flag_margin": "2",
        "self_due": "2025-12-15", "appraisal_due": "2025-12-01",
    }  # fmt: skip
    body = client.post(f"/danh-gia/cham-diem/{YEAR}/", data).content.decode()
    assert "cùng điểm sàn" in body and "tỷ lệ từ 0 đến 1" in body
    assert "Hạn thẩm định phải sau hạn tự đánh giá" in body
    assert framework.bands.get(code="kha").min_points == 75  # nothing written
    data.update({"band-kha-min": "70", "flag_margin": "0,3", "appraisal_due": "2026-01-10"})
    assert client.post(f"/danh-gia/cham-diem/{YEAR}/", data).status_code == 302
    framework.refresh_from_db()
    assert framework.flag_margin == 0.3 and framework.bands.get(code="kha").min_points == 70


def test_demo_seed_last_year_decided_this_year_open(province):
    from danvan.evaluation.yearly import demo

    units = [
        UnitFactory(code=code, name=name, codename=f"u{code}", province=province)
        for code, name in (("01843", "Phường Bắc Kạn"), ("02020", "Xã Chợ Đồn"))
    ]
    for n, unit in enumerate(units):
        make_officer(f"lead{n}", unit=unit, roles=[Role.LEADER])
        open_case(unit)
        _value(unit, "dossiers.on_time_rate", date(timezone.localdate().year - 1, 5, 1), 3, 10)
    demo.seed()
    demo.seed()  # idempotent
    year = timezone.localdate().year
    last = Framework.objects.get(province=province, year=year - 1)
    assert last.status == FrameworkStatus.DECIDED and last.decision_number
    for a in last.assessments.all():
        assert a.status == AssessmentStatus.APPRAISED and a.grade
        changed = a.lines.exclude(appraised_points=None).exclude(item__awarded_above=True)
        changed = [ln for ln in changed if ln.appraised_points != ln.self_points]
        assert changed and all(len(ln.reason) > 10 for ln in changed)
        assert a.lines.get(item__code="3.1").flagged  # 30 % on time, self-scored high
    this = Framework.objects.get(province=province, year=year)
    assert this.status == FrameworkStatus.OPEN
    assert {a.status for a in this.assessments.all()} == {AssessmentStatus.DRAFT}
    assert this.assessments.count() == 2


def test_years_and_ids_no_column_holds_are_not_found(client, appraiser, officer_a):
    client.force_login(appraiser)
    for url in ("/danh-gia/cham-diem/99999999999999999999/", "/danh-gia/cham-diem/0/ket-qua/",
                "/danh-gia/cham-diem/minh-chung/9223372036854775808/",
                "/danh-gia/bao-cao/9223372036854775808/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post("/danh-gia/cham-diem/70000/", {"action": "template"}).status_code == 404
    api = client.get("/api/v1/evaluation/scoring/99999999999?unit=99001", **_auth(officer_a))
    assert api.status_code == 404
    report = client.get("/api/v1/evaluation/reports/9223372036854775808", **_auth(officer_a))
    assert report.status_code in (404, 422)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def test_evidence_files_recognised_by_content_and_kept_private(
    client, framework, measured, appraiser, officer_a, officer_b
):
    from danvan.evaluation.yearly.services import evidence_add

    cycle_open(framework=framework, actor=appraiser, at=_at(11, 1))
    a = framework.assessments.get(unit=measured[0])
    with pytest.raises(ScoringError) as exc:  # a PNG renamed .pdf
        evidence_add(
            assessment=a, actor=officer_a, upload=SimpleUploadedFile("ke-hoach.pdf", _png())
        )
    assert exc.value.code == "bad_file"
    with pytest.raises(ScoringError):
        evidence_add(assessment=a, actor=officer_b, upload=SimpleUploadedFile("x.png", _png()))
    row = evidence_add(
        assessment=a, actor=officer_a, upload=SimpleUploadedFile("anh-hop.png", _png()),
        item_code="1.1",
    )  # fmt: skip
    assert row.content_type == "image/png" and row.item.code == "1.1"
    client.force_login(officer_a)
    page = client.get(f"/danh-gia/cham-diem/{YEAR}/xa/99001/").content.decode()
    assert "anh-hop.png" in page
    assert client.get(f"/danh-gia/cham-diem/minh-chung/{row.pk}/").status_code == 200
    client.force_login(officer_b)
    assert client.get(f"/danh-gia/cham-diem/minh-chung/{row.pk}/").status_code == 404
    assert client.get(f"/danh-gia/cham-diem/{YEAR}/xa/99001/").status_code == 404


def test_case_page_links_to_the_assessment_and_english_refusal(
    client, framework, measured, appraiser, officer_a
):
    from danvan.testing.language import english

    cycle_open(framework=framework, actor=appraiser, at=_at(11, 1))
    a = framework.assessments.get(unit=measured[0])
    client.force_login(officer_a)
    case_page = client.get(f"/ho-so-viec/{a.self_case.code}/").content.decode()
    assert f"/danh-gia/cham-diem/{YEAR}/xa/99001/" in case_page
    data = {
        f"self-{i.code}": str(i.max_points) for i in framework.items.filter(awarded_above=False)
    }
    data.update({"self-3.2": "9", "action": "save"})
    body = english(client).post(f"/danh-gia/cham-diem/{YEAR}/xa/99001/", data).content.decode()
    assert "The points must be from 0 to 5." in body


def test_lower_bands_added_and_removed_on_the_page(client, framework, appraiser):
    client.force_login(appraiser)
    url = f"/danh-gia/cham-diem/{YEAR}/"
    base = {"action": "edit", "flag_margin": "0,2"}
    bad = client.post(url, {**base, "band-yeu-remove": "on", "new-band-code": "dat",
                            "new-band-label": "Đạt", "new-band-min": "sáu mươi"})  # fmt: skip
    body = bad.content.decode()
    assert "Điểm sàn phải là số từ 0 đến 100" in body and 'value="dat"' in body
    assert framework.bands.count() == 4  # nothing written
    # Removing the 0-point band leaves no floor at 0: refused too.
    body = client.post(url, {**base, "band-yeu-remove": "on"}).content.decode()
    assert "thấp nhất phải bắt đầu từ 0 điểm" in body
    ok = client.post(url, {**base, "band-trung_binh-remove": "on", "new-band-code": "dat",
                           "new-band-label": "Đạt", "new-band-min": "60"})  # fmt: skip
    assert ok.status_code == 302
    bands = {b.code: b.min_points for b in framework.bands.all()}
    assert bands == {"tot": 80, "kha": 75, "dat": 60, "yeu": 0}
    assert rules.grade_of(59.99, [(b.label, b.min_points) for b in framework.bands.all()]) == "Yếu"
