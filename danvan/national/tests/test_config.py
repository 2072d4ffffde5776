"""The sources' configuration, the daily job's registration, the reader's grant, and the
command's answers when there is nothing (or nothing valid) to gather."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from danvan.accounts.auth import api_token_create
from danvan.core.registry import registries
from danvan.national.contributions import GATHER_JOB, register_gathering_job
from danvan.national.models import GatheringRun
from danvan.national.sources import Source, SourceConfigError, configured_sources

GOOD = '[{"province": "19", "url": "https://tn.example/", "token_env": "TOKEN_19"}]'


def test_sources_are_parsed():
    assert configured_sources(GOOD) == [Source("19", "https://tn.example", "TOKEN_19")]
    assert configured_sources("") == [] and configured_sources("  ") == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"province": "19"}', "must be a JSON list"),
        ('["19"]', "entry 0: not an object"),
        ('[{"province": "1", "url": "https://a", "token_env": "T"}]', "two-digit"),
        ('[{"province": "19", "url": "file:///etc/passwd", "token_env": "T"}]', "an http"),
        ('[{"province": "19", "url": "https://a", "token_env": "dv_secret-token"}]', "token_env"),
        (GOOD[:-1] + "," + GOOD[1:], "listed twice"),
    ],
)
def test_bad_sources_are_refused(raw, message):
    with pytest.raises(SourceConfigError, match=message):
        configured_sources(raw)


def test_the_daily_job_only_where_sources_are_configured(settings):
    saved = dict(registries.periodic_jobs._items)
    try:
        registries.periodic_jobs._items.pop(GATHER_JOB.key, None)
        settings.DANVAN_NATIONAL_SOURCES = ""
        assert register_gathering_job() is False
        assert GATHER_JOB.key not in registries.periodic_jobs
        settings.DANVAN_NATIONAL_SOURCES = GOOD
        assert register_gathering_job() is True
        job = registries.periodic_jobs.get(GATHER_JOB.key)
        assert (job.command, job.every_seconds, job.args) == (
            "gather_national_indicators", 86400, ("--recent",)
        )  # fmt: skip
    finally:
        registries.periodic_jobs._items.clear()
        registries.periodic_jobs._items.update(saved)


@pytest.mark.django_db
def test_nothing_configured_is_said_and_nothing_runs(settings, capsys):
    settings.DANVAN_NATIONAL_SOURCES = ""
    call_command("gather_national_indicators", "--recent")
    assert "Chưa cấu hình nguồn số liệu của các tỉnh. / No province sources are configured." in (
        capsys.readouterr().out
    )
    assert not GatheringRun.objects.exists()


@pytest.mark.django_db
def test_bad_arguments_and_configuration_are_refused(settings):
    settings.DANVAN_NATIONAL_SOURCES = GOOD
    with pytest.raises(CommandError, match="Tháng phải có dạng YYYY-MM. / The month must"):
        call_command("gather_national_indicators", "--period", "2026-13")
    with pytest.raises(CommandError, match="Không có nguồn nào cho tỉnh này"):
        call_command("gather_national_indicators", "--province", "20")
    settings.DANVAN_NATIONAL_SOURCES = "[oops"
    with pytest.raises(CommandError, match="DANVAN_NATIONAL_SOURCES không hợp lệ"):
        call_command("gather_national_indicators")
    assert not GatheringRun.objects.exists()


@pytest.mark.django_db
def test_a_source_for_an_unknown_province_is_reported(settings, capsys):
    settings.DANVAN_NATIONAL_SOURCES = GOOD.replace('"19"', '"88"')
    with pytest.raises(CommandError, match="1 lượt thu thập thất bại"):
        call_command("gather_national_indicators")
    assert "88: Không có tỉnh này trong danh mục." in capsys.readouterr().err


@pytest.mark.django_db
def test_grant_and_revoke_the_national_reader(client, province, capsys):
    call_command("grant_national_reader", "QuocGia")
    user = get_user_model().objects.get(username="quocgia")
    assert not user.has_usable_password() and not user.memberships.exists()
    assert user.has_perm("evaluation.read_all_provinces")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}
    url = "/api/v1/evaluation/monthly?province=19&period=2026-10"
    assert client.get(url, **auth).status_code == 200
    call_command("grant_national_reader", "quocgia", "--revoke")
    assert client.get(url, **auth).status_code == 404
    with pytest.raises(CommandError):
        call_command("grant_national_reader", "x")
    assert "Revoked" in capsys.readouterr().out
