"""Rate limits count each citizen behind a trusted reverse proxy, not the proxy."""

from django.core.cache import cache
from django.test import RequestFactory

from danvan.cases.ratelimit import allow

rf = RequestFactory()


def test_rate_limits_count_each_citizen_behind_the_proxy(settings):
    """Two citizens behind the same nginx do not share one bucket."""
    settings.DANVAN_TRUSTED_PROXIES = ["127.0.0.1"]
    cache.clear()
    first = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    second = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert all(allow(first, "t", limits=(2, 60)) for _ in range(2))
    assert not allow(first, "t", limits=(2, 60))
    assert allow(second, "t", limits=(2, 60))
