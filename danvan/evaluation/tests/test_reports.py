"""Review reports: asked for through the API (once per Idempotency-Key), built in the
background with progress, downloaded, then opened and read back (python-docx, openpyxl,
pypdf): the indicator tables, the chart as a picture, the findings."""

from __future__ import annotations

import io

import pytest

from danvan.accounts.auth import api_token_create
from danvan.evaluation.models import Finding, ReviewReport
from danvan.evaluation.services import refresh

from .conftest import OCT, SEP

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


@pytest.fixture
def computed(test_indicators, active):
    refresh(periods=[SEP, OCT])
    return active


def _ask(client, user, body, key="k1"):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/evaluation/reports", body, content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key, **_auth(user),
    )  # fmt: skip


def _fetch(client, user, body, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        r = _ask(client, user, body)
    assert r.status_code == 202, r.content
    assert set(r.json()) == {"id", "status"}
    state = client.get(f"/api/v1/evaluation/reports/{r.json()['id']}", **_auth(user)).json()
    assert state["status"] == "done" and state["progress"] == 100, state
    path = state["url"].split("testserver", 1)[1]
    client.force_login(user)
    return client.get(path)


def test_commune_docx_read_back(client, computed, officer_a, django_capture_on_commit_callbacks):
    from docx import Document

    body = {"unit": "99001", "from": "2026-09", "to": "2026-10", "format": "docx"}
    response = _fetch(client, officer_a, body, django_capture_on_commit_callbacks)
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "Sơ kết công tác dân vận chính quyền" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(
        c.text for c in doc.tables[0].rows[0].cells
    )
    # The indicator tables: A's on time over Sep–Oct is (9 + 8) / (10 + 10) = 85 %.
    rows = [[c.text for c in r.cells] for t in doc.tables[1:] for r in t.rows]
    on_time = next(r for r in rows if r[1] == "Tỷ lệ đúng hạn")
    assert on_time[2] == "17 / 20" and on_time[3] == "85,0 %"
    assert any(r[1] == "Đơn xử lý đúng hạn" and r[3] == "50,0 %" for r in rows)
    # The chart is a picture inside the document; the findings have their section.
    images = [rel for rel in doc.part.rels.values() if rel.reltype.endswith("/image")]
    assert len(images) == 2  # the total's and the areas' charts
    assert images[0].target_part.blob.startswith(b"\x89PNG")
    assert "Biểu đồ 2: điểm từng lĩnh vực theo tháng" in text
    assert "ƯU ĐIỂM, HẠN CHẾ VÀ NGUYÊN NHÂN" in text
    findings = Finding.objects.filter(unit=computed[0], period=OCT).exclude(status="dismissed")
    for f in findings:
        assert f.text_vi in text


def test_province_xlsx_has_every_value(
    client, computed, province_viewer, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    from danvan.evaluation.models import IndicatorValue

    body = {"province": "19", "from": "2026-09", "to": "2026-10", "format": "xlsx"}
    response = _fetch(client, province_viewer, body, django_capture_on_commit_callbacks)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã xã", "Tên xã", "Tháng")
    assert len(rows) - 1 == IndicatorValue.objects.filter(province_code="19").count()
    assert rows[next(i for i, r in enumerate(rows) if r[0] == "99002" and r[4] == "t.on_time")][
        :5
    ] == ("99002", "Xã Thử B", "2026-10", 3, "t.on_time")


def test_province_pdf_read_back(
    client, computed, province_viewer, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    body = {"province": "19", "from": "2026-09", "to": "2026-10", "format": "pdf"}
    response = _fetch(client, province_viewer, body, django_capture_on_commit_callbacks)
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "BÁO CÁO" in text and "Xếp hạng các xã tháng 10/2026" in text
    assert "Xã Thử B" in text and "49,5" in text  # the ranking table, B first


def test_idempotency_privacy_and_refusals(
    client, computed, officer_a, officer_b, django_capture_on_commit_callbacks
):
    body = {"unit": "99001", "from": "2026-09", "to": "2026-10", "format": "pdf"}
    with django_capture_on_commit_callbacks(execute=True):
        first = _ask(client, officer_a, body, key="same")
        again = _ask(client, officer_a, body, key="same")
    assert first.status_code == 202 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert ReviewReport.objects.count() == 1
    report = ReviewReport.objects.get()
    assert report.requested_by == officer_a and report.requested_at is not None
    # Another commune's officer: not found, to read or to ask.
    assert (
        client.get(f"/api/v1/evaluation/reports/{report.pk}", **_auth(officer_b)).status_code == 404
    )
    assert _ask(client, officer_b, body, key="b").status_code == 404
    bad = _ask(client, officer_a, {**body, "to": "2026-13"}, key="c")
    assert bad.status_code == 422 and bad.json()["code"] == "bad_period"
    backwards = _ask(client, officer_a, {**body, "from": "2026-11"}, key="d")
    assert backwards.status_code == 422
    assert _ask(client, officer_a, {**body, "format": "odt"}, key="e").status_code == 422
    both = _ask(client, officer_a, {**body, "province": "19"}, key="f")
    assert both.status_code == 422 and both.json()["code"] == "bad_scope"
    client.force_login(officer_b)
    assert client.get(f"/danh-gia/bao-cao/{report.pk}/tai-ve/").status_code == 404


def test_report_page_asks_and_shows_progress(
    client, computed, officer_a, django_capture_on_commit_callbacks
):
    client.force_login(officer_a)
    page = client.get("/danh-gia/bao-cao/").content.decode()
    assert "Xã Thử A" in page and "Xã Thử B" not in page
    bad = client.post("/danh-gia/bao-cao/", {"scope": "u:99001", "from": "9/2026", "to": "2026-10",
                                             "format": "docx"}).content.decode()  # fmt: skip
    assert "Tháng phải có dạng YYYY-MM" in bad and 'value="9/2026"' in bad
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/danh-gia/bao-cao/", {"scope": "u:99001", "from": "2026-09",
                                               "to": "2026-10", "format": "docx"})  # fmt: skip
    assert r.status_code == 302
    detail = client.get(r.url).content.decode()
    assert "Đã xong" in detail and "Tải báo cáo về" in detail
    listing = client.get("/danh-gia/bao-cao/").content.decode()
    assert officer_a.username in listing or officer_a.get_full_name() in listing
