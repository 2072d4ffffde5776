"""The client's address behind a trusted reverse proxy, and never a forged one."""

import pytest
from django.test import RequestFactory

from danvan.core.middleware import client_ip

rf = RequestFactory()


def ip_of(remote: str, forwarded: str | None = None) -> str | None:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(rf.get("/", **meta))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.DANVAN_TRUSTED_PROXIES = []
    assert ip_of("203.0.113.9", "198.51.100.7") == "203.0.113.9"


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # nginx on the same machine appends the real client.
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),
        # A client forging its own header: only the right-most hop, added by nginx, counts.
        ("127.0.0.1", "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        # Two proxies of ours (10.0.0.0/8) in front: skip them.
        ("127.0.0.1", "198.51.100.7, 10.1.2.3", "198.51.100.7"),
        # No header, or garbage in it: the proxy's own address, never the garbage.
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "not-an-ip", "127.0.0.1"),
        ("::1", "2001:db8::5", "2001:db8::5"),
        # A direct connection from elsewhere cannot claim another address.
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),
    ],
)
def test_behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client(
    settings, remote, forwarded, expected
):
    settings.DANVAN_TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]
    assert ip_of(remote, forwarded) == expected
