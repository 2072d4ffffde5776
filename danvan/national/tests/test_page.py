"""The national page: sums per indicator and province, each province's latest run, for
national readers only, in a number of queries that does not grow with the provinces."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.core.registry import Indicator, registries
from danvan.national import services
from danvan.national.models import GatherError
from danvan.national.validation import CleanRow
from danvan.testing.factories import ProvinceFactory
from danvan.testing.language import english

from .conftest import OCT

pytestmark = pytest.mark.django_db
URL = "/danh-gia/toan-quoc/"


def _row(code: str, key: str, num: float, den: float) -> CleanRow:
    return CleanRow(code, f"Xã {code}", key, num, den, 100 * num / den, None, None)


def _gathered(province, rows) -> None:  # type: ignore[no-untyped-def]
    run = services.gathering_run_start(province=province, period=OCT, source_url="https://x/")
    services.gathered_rows_replace(run=run, rows=rows, data_version="1")


@pytest.fixture
def gathered(province, other_province):
    _gathered(province, [_row("99001", "t.on_time", 8, 10), _row("99002", "t.on_time", 9, 10),
                         _row("99001", "t.days", 20, 4)])  # fmt: skip
    _gathered(other_province, [_row("99201", "t.on_time", 1, 4)])
    # Province 20's latest run failed: its rows stay, its status says so.
    run = services.gathering_run_start(province=other_province, period=OCT, source_url="https://y/")
    services.gathering_run_fail(run=run, code=GatherError.UNREACHABLE, detail="refused")
    return province, other_province


@pytest.fixture
def on_time_registered():
    """``t.on_time`` is a rate this deployment knows (its value in %); ``t.days`` is not
    registered here, so its ratio is shown as it is (Σ numerators ÷ Σ denominators)."""
    saved = dict(registries.indicators._items)
    registries.indicators._items.pop("t.days", None)
    registries.indicators._items["t.on_time"] = Indicator(
        "t.on_time", 3, "Tỷ lệ đúng hạn", "On time", "higher", 95.0, "Thử", lambda *a: {}
    )
    yield
    registries.indicators._items.clear()
    registries.indicators._items.update(saved)


@pytest.fixture
def reader_client(db, on_time_registered):
    reader = services.national_reader_set(username="quocgia")
    c = Client()
    c.force_login(reader)
    return c


def test_sums_per_indicator_and_province(reader_client, gathered):
    r = reader_client.get(f"{URL}?thang=2026-10")
    assert r.status_code == 200
    groups = {g["key"]: g["rows"] for g in r.context["groups"]}
    on_time = {row["province_code"]: row for row in groups["t.on_time"]}
    assert (
        on_time["19"]["communes"],
        on_time["19"]["numerator"],
        on_time["19"]["denominator"],
    ) == (2, 17.0, 20.0)
    assert on_time["19"]["value"] == pytest.approx(85.0)
    assert (on_time["20"]["communes"], on_time["20"]["value"]) == (1, pytest.approx(25.0))
    assert [(row["province_code"], row["value"]) for row in groups["t.days"]] == [("19", 5.0)]
    assert [g["name"] for g in r.context["groups"]] == ["t.days", "Tỷ lệ đúng hạn"]
    runs = {run.province.code: run for run in r.context["runs"]}
    assert (runs["19"].status, runs["20"].status) == ("ok", "failed")
    html = r.content.decode()
    assert "Số liệu chỉ số toàn quốc" in html
    assert "Không kết nối được với nguồn: refused" in html
    # Pages stay Vietnamese whatever the browser says; the switch gives English.
    assert "National indicator" not in html
    page = english(reader_client).get(f"{URL}?thang=2026-10").content.decode()
    assert "National indicator figures" in page and "On time" in page
    assert "The source could not be reached: refused" in page


def test_the_latest_month_by_default(reader_client, gathered):
    assert reader_client.get(URL).context["period"] == OCT


def test_queries_do_not_grow_with_provinces(reader_client, gathered):
    with CaptureQueriesContext(connection) as two:
        reader_client.get(f"{URL}?thang=2026-10")
    for code in ("21", "22", "23"):
        p = ProvinceFactory(code=code, name=f"Tỉnh {code}", codename=f"t{code}")
        _gathered(p, [_row(f"9{code}01", "t.on_time", 1, 2), _row(f"9{code}02", "t.days", 3, 1)])
    with CaptureQueriesContext(connection) as five:
        r = reader_client.get(f"{URL}?thang=2026-10")
    assert len(r.context["runs"]) == 5
    assert len(five) == len(two)


def test_csv(reader_client, gathered):
    r = reader_client.get(f"{URL}?thang=2026-10&dinh-dang=csv")
    assert r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode())))
    assert rows[0][:8] == ["period", "key", "province", "province_name", "communes",
                           "numerator", "denominator", "value"]  # fmt: skip
    assert ["2026-10", "t.on_time", "19", "Tỉnh Thái Nguyên", "2", "17.0", "20.0", "85.0"] in [
        row[:8] for row in rows
    ]


def test_only_national_readers(client, client_a, client_viewer, gathered):
    assert client.get(URL).status_code == 302  # to the sign-in page
    assert client_a.get(URL).status_code == 404
    assert client_viewer.get(URL).status_code == 404


def test_months_listed_once_each_newest_first(reader_client, gathered, province):
    sep = OCT.replace(month=9)
    for _ in range(3):  # several runs of a month, as the daily job makes
        services.gathering_run_start(province=province, period=sep, source_url="https://x/")
    months = reader_client.get(URL).context["months"]
    assert [m["value"] for m in months] == ["2026-10", "2026-09"]
