"""Pages: the province overview, a commune's page with findings and their review, the public
scorecard; who may see what; query counts that do not grow with the communes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.accounts.roles import Role
from danvan.evaluation.models import Finding
from danvan.evaluation.services import refresh
from danvan.testing.factories import UnitFactory, make_officer

from .conftest import FIGURES, OCT, SEP, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(test_indicators, active):
    refresh(periods=[SEP, OCT])
    return active


def test_overview_shows_ranking_heat_table_and_charts(client_viewer, computed):
    body = client_viewer.get("/danh-gia/?thang=2026-10").content.decode()
    assert "Xếp hạng" in body and "Xã Thử B" in body
    assert "<svg" in body and 'role="img"' in body  # charts drawn on the server
    assert "49,5" in body or "49.5" in body
    # An area without data says so, never 0.
    assert "chưa có dữ liệu" in body
    assert "không xếp hạng" in body  # C has one area


def test_overview_area_filter(client_viewer, computed):
    body = client_viewer.get("/danh-gia/?thang=2026-10&linh-vuc=3").content.decode()
    assert body.index("Xã Thử A") < body.index("Xã Thử B")  # A leads area 3 (8.5 vs 7.0)


def test_commune_officer_lands_on_own_commune(client_a, client_b, computed):
    r = client_a.get("/danh-gia/")
    assert r.status_code == 302 and r["Location"].endswith("/danh-gia/xa/99001/")
    page = client_a.get("/danh-gia/xa/99001/?thang=2026-10").content.decode()
    assert "40,5/60" in page or "40.5/60" in page
    assert "Tỷ lệ đúng hạn tháng 10/2026 là 80 %" in page  # own findings
    assert "/ho-so-viec/C-1/" in page  # drill-down to the cases
    assert client_b.get("/danh-gia/xa/99001/").status_code == 404


def test_province_appraiser_reviews_findings(client, computed, province, client_viewer):
    from danvan.accounts.models import Membership

    appraiser = make_officer("dung", roles=[Role.PROVINCE_VIEWER], province=province)
    Membership.objects.create(user=appraiser, role=Role.APPRAISER, province=province)
    client.force_login(appraiser)
    finding = Finding.objects.get(unit__code="99001", period=OCT, key="limitation:t.on_time")
    # A viewer may read but not review.
    assert (
        client_viewer.post(
            f"/danh-gia/nhan-dinh/{finding.pk}/", {"status": "confirmed"}
        ).status_code
        == 403
    )
    r = client.post(
        f"/danh-gia/nhan-dinh/{finding.pk}/", {"status": "dismissed", "note": "Đã giải trình"}
    )
    assert r.status_code == 302
    finding.refresh_from_db()
    assert (finding.status, finding.note, finding.reviewed_by) == (
        "dismissed",
        "Đã giải trình",
        appraiser,
    )
    # A regeneration keeps the review; the commune no longer sees a dismissed finding.
    refresh(periods=[OCT])
    finding.refresh_from_db()
    assert finding.status == "dismissed"


def test_other_commune_cannot_review(client_b, computed):
    finding = Finding.objects.filter(unit__code="99001").first()
    assert (
        client_b.post(f"/danh-gia/nhan-dinh/{finding.pk}/", {"status": "confirmed"}).status_code
        == 404
    )


def test_public_scorecard(client, computed):
    body = client.get("/dia-ban/xa/99001/").content.decode()
    assert "Kết quả đánh giá công tác dân vận chính quyền" in body
    assert "40,5/60" in body or "40.5/60" in body
    assert "chưa có dữ liệu" in body  # the areas without data
    assert "C-1" not in body  # aggregates only: no case list on the public page


def test_method_page_is_public(client, test_indicators):
    body = client.get("/danh-gia/phuong-phap/").content.decode()
    assert "Tổng điểm thang 60" in body and "Tỷ lệ đúng hạn" in body


def test_overview_queries_do_not_grow_with_communes(
    client_viewer, test_indicators, province, monkeypatch
):
    def commune(code: str, ok: int) -> None:
        open_case(UnitFactory(code=code, province=province))
        monkeypatch.setitem(FIGURES, ("t.on_time", code, OCT), (ok, 10))
        monkeypatch.setitem(FIGURES, ("t.processed", code, OCT), (ok, 10))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client_viewer.get("/danh-gia/?thang=2026-10").status_code == 200
        return len(ctx)

    for i in range(3):
        commune(f"9910{i}", i + 1)
    refresh(periods=[OCT])
    few = count()
    for i in range(6):
        commune(f"9920{i}", i + 2)
    refresh(periods=[OCT])
    assert count() == few


@pytest.mark.parametrize("area", ["²", "٣", "99999999999999999999999"])
def test_odd_areas_show_the_whole_index(client_viewer, computed, area):
    """A superscript "²" passes ``str.isdigit`` but not ``int()``: it was a 500."""
    assert client_viewer.get(f"/danh-gia/?linh-vuc={area}").status_code == 200


@pytest.mark.parametrize("month", ["abcd", "0001-01", "9999-12", "2026-13", ""])
def test_odd_months_fall_back_to_the_latest(client_viewer, computed, month):
    r = client_viewer.get(f"/danh-gia/?thang={month}&linh-vuc=x")
    assert r.status_code == 200
    assert "Xã Thử B" in r.content.decode()  # the latest month's ranking
    assert client_viewer.get(f"/danh-gia/xa/99001/?thang={month}").status_code == 200
