"""A commune's public page serves its sections from the shared cache to visitors who are not
signed in (``DANVAN_PUBLIC_SECTIONS_CACHE_SECONDS``), and never to officers."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.dossiers.models import Procedure
from danvan.testing.language import english

pytestmark = pytest.mark.django_db


def _procedure(code: str) -> Procedure:
    return Procedure.objects.create(
        code=code, name=f"Thủ tục {code}", field="Hộ tịch", processing_days=3, online="full"
    )


def _count_line(body: str) -> str:
    start = body.index('data-section="dossiers"')
    return body[start : body.index("</p>", start)]


@pytest.fixture
def cached(settings):
    settings.DANVAN_PUBLIC_SECTIONS_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_visitors_get_the_cached_sections_with_fewer_queries(cached, client, unit_a):
    _procedure("1.000001")
    url = f"/dia-ban/xa/{unit_a.code}/"
    with CaptureQueriesContext(connection) as first:
        body = client.get(url).content.decode()
    assert "1 thủ tục" in _count_line(body)
    _procedure("1.000002")
    with CaptureQueriesContext(connection) as second:
        body = client.get(url).content.decode()
    # Served from the cache: still the figure of a minute ago, and no section's queries.
    assert "1 thủ tục" in _count_line(body)
    assert len(second) < len(first)
    cache.clear()
    assert "2 thủ tục" in _count_line(client.get(url).content.decode())


def test_officers_and_filtered_requests_always_get_fresh_sections(
    cached, client, unit_a, officer_a
):
    _procedure("1.000001")
    url = f"/dia-ban/xa/{unit_a.code}/"
    client.get(url)  # a visitor fills the cache
    _procedure("1.000002")
    assert "2 thủ tục" in _count_line(client.get(url, {"ky": "2026-01"}).content.decode())
    client.force_login(officer_a)
    assert "2 thủ tục" in _count_line(client.get(url).content.decode())


def test_each_language_has_its_own_entry(cached, client, unit_a):
    _procedure("1.000001")
    url = f"/dia-ban/xa/{unit_a.code}/"
    assert "thủ tục được tiếp nhận" in _count_line(client.get(url).content.decode())
    body = english(client).get(url).content.decode()
    assert "thủ tục được tiếp nhận" not in _count_line(body)
    assert "procedure" in _count_line(body).lower()


def test_nothing_is_cached_when_the_setting_is_zero(settings, client, unit_a):
    settings.DANVAN_PUBLIC_SECTIONS_CACHE_SECONDS = 0
    cache.clear()
    _procedure("1.000001")
    url = f"/dia-ban/xa/{unit_a.code}/"
    client.get(url)
    _procedure("1.000002")
    assert "2 thủ tục" in _count_line(client.get(url).content.decode())
