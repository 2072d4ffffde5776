"""The published decision of the yearly scoring, for everyone: the province's list of
communes (totals and grades only) 404 until the decision is published, the section on a
commune's public page, the query count whatever the number of communes, and English."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.accounts.roles import Role
from danvan.evaluation.yearly.services import (
    appraisal_save,
    cycle_open,
    decision_publish,
    framework_from_template,
    self_assessment_save,
)
from danvan.testing.factories import UnitFactory, make_officer
from danvan.testing.language import english

from .conftest import open_case

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2025
REASON = "Theo số liệu một cửa: 50/100 hồ sơ đúng hạn"


@pytest.fixture
def appraiser(province):
    return make_officer("thamdinh", roles=[Role.APPRAISER], province=province)


def _cycle(province, appraiser, year, plans, publish=True):  # type: ignore[no-untyped-def]
    """Run ``year``'s cycle: per unit, (self points below the maximum, appraisal entries)."""
    for unit in plans:
        open_case(unit)  # the commune uses the system, so the cycle includes it
    fw = framework_from_template(province=province, year=year, actor=appraiser)
    fw.self_due, fw.appraisal_due = date(year, 12, 15), date(year + 1, 1, 15)
    fw.save()
    cycle_open(framework=fw, actor=appraiser, at=datetime(year, 11, 1, 9, tzinfo=VN))
    self_items = list(fw.items.filter(awarded_above=False))
    for unit, (lowered, appraised) in plans.items():
        leader = make_officer(f"ld{year}{unit.code}", unit=unit, roles=[Role.LEADER])
        entries = {i.code: (str(lowered.get(i.code, i.max_points)), "") for i in self_items}
        a = fw.assessments.get(unit=unit)
        a = self_assessment_save(assessment=a, actor=leader, entries=entries, submit=True)
        appraisal_save(assessment=a, actor=appraiser, entries=appraised)
    if publish:
        decision_publish(
            framework=fw, actor=appraiser, number=f"{year - 2000}/QĐ-UBND",
            decided_on=date(year + 1, 1, 20),
        )  # fmt: skip
    return fw


@pytest.fixture
def communes(province, unit_a, unit_b, unit_c):
    return unit_a, unit_b, unit_c


def _plans(a, b, c):  # type: ignore[no-untyped-def]
    return {
        a: ({}, {"3.1": ("3", REASON), "9.1": ("8", "")}),  # 90 − 3 + 8 = 95, Tốt
        b: ({"1.1": 0, "1.2": 0, "2.1": 0}, {"9.1": ("2", "")}),  # 75 + 2 = 77, Khá
        c: ({}, {"9.1": ("5", "")}),  # 90 + 5 = 95, Tốt (tied with A)
    }


def _rows(body: str) -> list[str]:
    table = body.split('data-testid="public-results"', 1)[1].split("</table>", 1)[0]
    return table.split("<tr>")[2:]  # after the header row


def test_404_before_publication_then_totals_and_grades(province, appraiser, communes):
    a, b, c = communes
    anonymous = Client()
    url = f"/danh-gia/cong-khai/cham-diem/{province.code}/{YEAR}/"
    assert anonymous.get(url).status_code == 404  # no framework at all
    fw = _cycle(province, appraiser, YEAR, _plans(a, b, c), publish=False)
    assert fw.assessments.exclude(appraised_total=None).count() == 3
    # Appraised but not decided: still nothing public.
    assert anonymous.get(url).status_code == 404
    assert anonymous.get("/danh-gia/cong-khai/cham-diem/").status_code == 200
    assert url not in anonymous.get("/danh-gia/cong-khai/cham-diem/").content.decode()
    assert (
        'data-testid="yearly-grade"' not in anonymous.get(f"/dia-ban/xa/{a.code}/").content.decode()
    )

    decision_publish(
        framework=fw, actor=appraiser, number="25/QĐ-UBND", decided_on=date(YEAR + 1, 1, 20)
    )
    response = anonymous.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Quyết định số 25/QĐ-UBND ngày 20/01/2026" in body
    rows = _rows(body)
    assert len(rows) == 3
    # Best first; equal totals share a rank; names sort the tie.
    assert "<td>1</td>" in rows[0] and "Xã Thử A" in rows[0] and "<td>95</td>" in rows[0]
    assert "<td>1</td>" in rows[1] and "Xã Thử C" in rows[1] and "<td>95</td>" in rows[1]
    assert "<td>3</td>" in rows[2] and "Xã Thử B" in rows[2] and "<td>77</td>" in rows[2]
    assert "<td>Tốt</td>" in rows[0] and "<td>Khá</td>" in rows[2]
    assert f'href="/dia-ban/xa/{b.code}/"' in rows[2]
    assert "Tốt: 2 xã" in body and "Khá: 1 xã" in body
    # Totals and grades only: no appraiser's reason, no self-score, no internal code.
    assert REASON not in body and "Tự chấm" not in body
    # Listed on the index and on the portal's public pages.
    assert url in anonymous.get("/danh-gia/cong-khai/cham-diem/").content.decode()
    assert "/danh-gia/cong-khai/cham-diem/" in anonymous.get("/").content.decode()


def test_junk_and_unpublished_years_are_not_found(province, appraiser, unit_a):
    _cycle(province, appraiser, YEAR, {unit_a: ({}, {"9.1": ("8", "")})})
    anonymous = Client()
    ok = f"/danh-gia/cong-khai/cham-diem/{province.code}/{YEAR}/"
    assert anonymous.get(ok).status_code == 200
    for url in (
        f"/danh-gia/cong-khai/cham-diem/{province.code}/{YEAR + 1}/",
        f"/danh-gia/cong-khai/cham-diem/{province.code}/0/",
        f"/danh-gia/cong-khai/cham-diem/{province.code}/99999999999999999999/",
        f"/danh-gia/cong-khai/cham-diem/ZZ/{YEAR}/",
        f"/danh-gia/cong-khai/cham-diem/{'9' * 300}/{YEAR}/",
    ):
        assert anonymous.get(url).status_code == 404, url


def test_commune_page_section_latest_year_and_history(province, appraiser, communes):
    a, b, c = communes
    _cycle(province, appraiser, YEAR - 1, {a: ({"1.1": 0, "1.2": 0, "2.1": 0}, {"9.1": ("1", "")})})
    _cycle(province, appraiser, YEAR, _plans(a, b, c))
    # This year's cycle is open: it shows nowhere.
    _cycle(province, appraiser, YEAR + 1, {a: ({}, {"9.1": ("1", "")})}, publish=False)
    body = Client().get(f"/dia-ban/xa/{a.code}/").content.decode()
    section = body.split('data-testid="yearly-grade"', 1)[1].split("</section>", 1)[0]
    assert "Xếp loại công tác dân vận chính quyền" in section
    assert f"Năm {YEAR}: xếp loại <strong>Tốt</strong>, 95/100 điểm." in section
    assert f'href="/danh-gia/cong-khai/cham-diem/{province.code}/{YEAR}/"' in section
    # The history: both published years, newest first, each linking to its province list.
    assert section.index(f">{YEAR}</a>") < section.index(f">{YEAR - 1}</a>")
    assert "<td>76</td><td>Khá</td>" in section  # 75 + 1 in the year before
    assert f'href="/danh-gia/cong-khai/cham-diem/{province.code}/{YEAR - 1}/"' in section
    assert str(YEAR + 1) not in section and REASON not in section


def test_query_count_does_not_grow_with_the_communes(province, appraiser):
    few = [UnitFactory(province=province) for _ in range(2)]
    many = few + [UnitFactory(province=province) for _ in range(5)]
    _cycle(province, appraiser, YEAR - 1, {u: ({}, {"9.1": ("5", "")}) for u in few})
    _cycle(province, appraiser, YEAR, {u: ({}, {"9.1": ("5", "")}) for u in many})
    client = Client()
    queries: list[str] = []

    def count(url: str) -> int:
        client.get(url)  # warm caches (translations, registries)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        queries[:] = [q["sql"] for q in ctx.captured_queries]
        return len(ctx)

    base = "/danh-gia/cong-khai/cham-diem/"
    small, large = (
        count(f"{base}{province.code}/{YEAR - 1}/"),
        count(f"{base}{province.code}/{YEAR}/"),
    )
    assert small == large
    scoring = [q for q in queries if "evaluation_" in q]
    assert len(scoring) == 2, scoring  # the published framework, then the list
    # The commune's section reads its published years in one query, whatever their number.
    two_years = count(f"/dia-ban/xa/{few[0].code}/")
    assert sum('"evaluation_assessment"' in q for q in queries) == 1
    assert two_years == count(f"/dia-ban/xa/{many[-1].code}/")


def test_english_page_and_section(province, appraiser, communes):
    a, b, c = communes
    _cycle(province, appraiser, YEAR, _plans(a, b, c))
    client = english(Client())
    body = client.get(f"/danh-gia/cong-khai/cham-diem/{province.code}/{YEAR}/").content.decode()
    assert f"Grading of dân vận chính quyền in {YEAR}" in body
    assert "By Decision no. 25/QĐ-UBND of 20/01/2026." in body
    assert "Xếp loại" not in body and "Thứ hạng" not in body
    assert "<td>Good</td>" in body and "<td>Fairly good</td>" in body
    assert "Good: 2 communes" in body
    section = client.get(f"/dia-ban/xa/{a.code}/").content.decode()
    assert f"{YEAR}: graded <strong>Good</strong>, 95/100 points." in section
    assert "See the whole province&#x27;s results" in section or "See the whole province" in section


def test_demo_last_year_public_this_year_not(province):
    from django.utils import timezone

    from danvan.evaluation.yearly import demo
    from danvan.evaluation.yearly.models import Assessment

    units = [
        UnitFactory(code=code, name=name, codename=f"u{code}", province=province)
        for code, name in (("01843", "Phường Bắc Kạn"), ("02020", "Xã Chợ Đồn"))
    ]
    for n, unit in enumerate(units):
        make_officer(f"lead{n}", unit=unit, roles=[Role.LEADER])
        open_case(unit)
    demo.seed()
    year = timezone.localdate().year
    client = Client()
    body = client.get(f"/danh-gia/cong-khai/cham-diem/{province.code}/{year - 1}/")
    assert body.status_code == 200
    text = body.content.decode()
    for a in Assessment.objects.filter(framework__year=year - 1).select_related("unit"):
        total = f"{a.appraised_total:g}".replace(".", ",")
        assert a.unit.name in text and f"<td>{total}</td><td>{a.grade}</td>" in text
    assert client.get(f"/danh-gia/cong-khai/cham-diem/{province.code}/{year}/").status_code == 404
    section = client.get("/dia-ban/xa/01843/").content.decode()
    assert f"Năm {year - 1}: xếp loại" in section
