"""A small fixed-window rate limit per client IP, kept in the Django cache (the database
cache in production, so every web worker shares the counts)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from danvan.core.middleware import client_ip


def track_limit() -> tuple[int, int]:
    """(lookups allowed, window in seconds) for the public tracking page and API."""
    return (
        int(getattr(settings, "DANVAN_TRACK_RATE_LIMIT", 30)),
        int(getattr(settings, "DANVAN_TRACK_RATE_WINDOW", 600)),
    )


def allow(
    request: HttpRequest, scope: str = "track", limits: tuple[int, int] | None = None
) -> bool:
    """Count one attempt from the request's IP; False once the window's quota is spent.
    ``limits`` is (attempts allowed, window in seconds) for a scope with its own settings
    (default: the tracking page's)."""
    limit, window = limits or track_limit()
    # The window's number is part of the key: a backend whose incr() resets the expiry (the
    # database cache does) cannot stretch a window, and old windows simply expire.
    slot = int(time.time() // window)
    key = f"danvan:rl:{scope}:{client_ip(request) or 'unknown'}:{slot}"
    if cache.add(key, 1, window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit
