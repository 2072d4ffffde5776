"""The gatherer against real HTTP: the province endpoint served by ``live_server`` with a real
national reader's token, and bad sources (a 500, garbage, a closed port) that must be recorded
as failed runs leaving the previous rows as they were."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from danvan.evaluation.models import IndicatorValue
from danvan.evaluation.periods import month_of, previous_month
from danvan.national import client
from danvan.national.models import GatheredValue, GatheringRun
from danvan.national.sources import Source
from danvan.testing.factories import UnitFactory

from .conftest import OCT, value

pytestmark = pytest.mark.django_db(transaction=True)


def _gather(*args: str) -> None:
    call_command("gather_national_indicators", "--period", "2026-10", *args)


def _table() -> dict[tuple[str, str], tuple[float, float, float | None]]:
    return {
        (g.unit_code, g.key): (g.numerator, g.denominator, g.value)
        for g in GatheredValue.objects.filter(period=OCT)
    }


def test_rows_land_over_several_pages(
    live_server, province_rows, reader_token, sources, monkeypatch, capsys
):
    sources(("19", live_server.url))
    # Three pages of two rows over HTTP: the gatherer must follow the paging.
    monkeypatch.setattr(client, "PAGE_SIZE", 2)
    _gather()
    assert _table() == {
        ("99001", "t.on_time"): (8.0, 10.0, 80.0),
        ("99001", "t.satisfied"): (9.0, 10.0, 90.0),
        ("99002", "t.on_time"): (9.0, 10.0, 90.0),
        ("99002", "t.satisfied"): (5.0, 10.0, 50.0),
    }
    row = GatheredValue.objects.get(unit_code="99001", key="t.on_time")
    assert (row.province.code, row.unit_name) == ("19", "Xã Thử A")
    assert row.source_url.startswith(live_server.url + "/api/v1/evaluation/monthly?")
    run = GatheringRun.objects.get()
    assert (run.status, run.rows, run.error_code, run.period) == ("ok", 4, "", OCT)
    assert (run.data_version, run.method_version) == ("1", "default")
    assert run.finished_at >= run.started_at
    assert "19 10/2026: 4 dòng, thành công. / 4 rows, succeeded." in capsys.readouterr().out


def test_rerun_is_idempotent_and_follows_the_province(
    live_server, province_rows, reader_token, sources
):
    unit_a, unit_b = province_rows
    sources(("19", live_server.url))
    _gather()
    first = _table()
    _gather()
    assert _table() == first
    assert GatheredValue.objects.count() == 4
    assert list(GatheringRun.objects.values_list("status", flat=True)) == ["ok", "ok"]
    # The province recomputed: one value changed, one row gone; the next run follows.
    IndicatorValue.objects.filter(unit=unit_b, key="t.satisfied", period=OCT).update(
        numerator=7, value=70.0
    )
    IndicatorValue.objects.filter(unit=unit_a, key="t.satisfied", period=OCT).delete()
    _gather()
    table = _table()
    assert table[("99002", "t.satisfied")] == (7.0, 10.0, 70.0)
    assert ("99001", "t.satisfied") not in table and len(table) == 3


def test_previous_month_by_default(live_server, province_rows, reader_token, sources):
    sources(("19", live_server.url))
    call_command("gather_national_indicators")
    run = GatheringRun.objects.get()
    assert run.period == previous_month(month_of(timezone.localdate()))


def _gathered_first(live_server, sources) -> dict:
    sources(("19", live_server.url))
    _gather()
    return _table()


@pytest.mark.parametrize(
    ("status", "body", "code", "detail"),
    [
        (500, b"<h1>Server Error</h1>", "http", "HTTP 500"),
        (200, b"\x00garbage", "bad_reply", "not JSON"),
        (200, {"count": 0, "results": []}, "bad_reply", "province None"),
        (200, [1, 2, 3], "bad_reply", "no results list"),
    ],
)
def test_a_bad_reply_fails_and_keeps_the_rows(
    live_server, province_rows, reader_token, sources, fake_province, status, body, code, detail
):
    before = _gathered_first(live_server, sources)
    fake_province.answer = lambda path: (status, body)
    sources(("19", fake_province.url))
    with pytest.raises(CommandError, match="1 lượt thu thập thất bại"):
        _gather()
    run = GatheringRun.objects.order_by("-id").first()
    assert (run.status, run.error_code) == ("failed", code)
    assert detail in run.error
    assert _table() == before


def test_unreachable_source_fails_without_stopping_the_others(
    live_server, province_rows, reader_token, sources, other_province, closed_port_url, capsys
):
    sources(("20", closed_port_url), ("19", live_server.url))
    with pytest.raises(CommandError):
        _gather()
    runs = {r.province.code: r for r in GatheringRun.objects.select_related("province")}
    assert (runs["20"].status, runs["20"].error_code) == ("failed", "unreachable")
    assert (runs["19"].status, runs["19"].rows) == ("ok", 4)
    assert len(_table()) == 4
    err = capsys.readouterr().err
    assert "20 10/2026: Không kết nối được với nguồn / The source could not be reached" in err


def test_a_unit_outside_the_province_is_refused(
    live_server, province_rows, reader_token, sources, other_province
):
    before = _gathered_first(live_server, sources)
    # The province's table carries a commune of another province under its own code.
    stray = UnitFactory(code="99201", name="Xã Xa", province=other_province)
    row = value(stray, "t.on_time", 1, 1)
    IndicatorValue.objects.filter(pk=row.pk).update(province_code="19")
    with pytest.raises(CommandError):
        _gather()
    run = GatheringRun.objects.order_by("-id").first()
    assert (run.status, run.error_code) == ("failed", "bad_row")
    assert "unit '99201' is not a commune of province 19" in run.error
    assert _table() == before


def test_a_wrong_or_missing_token_is_a_failed_run(
    live_server, province_rows, reader_token, sources, monkeypatch
):
    monkeypatch.setenv("DANVAN_TEST_WRONG", "dv_not-a-token")
    sources(("19", live_server.url), token_env="DANVAN_TEST_WRONG")
    with pytest.raises(CommandError):
        _gather()
    assert GatheringRun.objects.get().error == (
        f"HTTP 401 from {client.page_url(Source('19', live_server.url, 'X'), OCT, 1)}"
    )
    sources(("19", live_server.url), token_env="DANVAN_TEST_UNSET")
    with pytest.raises(CommandError):
        _gather()
    assert GatheringRun.objects.order_by("-id").first().error_code == "config"
    assert not GatheredValue.objects.exists()


def test_a_run_left_running_by_a_killed_process_is_closed_by_the_next(other_province):
    from datetime import timedelta

    from danvan.national.models import GatherError, GatheringRun, RunStatus
    from danvan.national.services import gathering_run_start

    now = timezone.now()
    old = GatheringRun.objects.create(
        province=other_province, period=OCT, source_url="https://a.vn/", started_at=now
    )
    GatheringRun.objects.filter(pk=old.pk).update(started_at=now - timedelta(hours=2))
    recent = GatheringRun.objects.create(
        province=other_province, period=OCT, source_url="https://a.vn/", started_at=now
    )
    other_month = GatheringRun.objects.create(
        province=other_province, period=date(2026, 9, 1), source_url="https://a.vn/",
        started_at=now - timedelta(hours=2),
    )  # fmt: skip
    gathering_run_start(province=other_province, period=OCT, source_url="https://a.vn/")
    old.refresh_from_db()
    assert (old.status, old.error_code) == (RunStatus.FAILED, GatherError.INTERRUPTED)
    assert old.finished_at is not None
    # One that may still be working, and another month's, are left alone.
    assert GatheringRun.objects.get(pk=recent.pk).status == RunStatus.RUNNING
    assert GatheringRun.objects.get(pk=other_month.pk).status == RunStatus.RUNNING
