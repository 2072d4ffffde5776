"""Counting failures (logins, 2FA codes) per key in Django's cache, in fixed windows.

The cache is a DatabaseCache in production, shared by every worker on every machine, so a
guesser cannot spread attempts across processes. Keys are hashed: usernames typed by
strangers never reach the cache table in clear.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def max_failures() -> int:
    return int(getattr(settings, "DANVAN_LOGIN_MAX_FAILURES", 5))


def max_failures_per_ip() -> int:
    # A commune office shares one public IP behind NAT: one clumsy officer must not lock out
    # the whole office, so an address gets more room than a username by default.
    default = 4 * max_failures()
    return int(getattr(settings, "DANVAN_LOGIN_MAX_FAILURES_PER_IP", default))


def window_seconds() -> int:
    return int(getattr(settings, "DANVAN_LOGIN_WINDOW_SECONDS", 900))


def key_for(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"danvan:throttle:{kind}:{digest}"


@dataclass(frozen=True)
class Lock:
    """A refusal: no attempt is checked before ``until`` (a UNIX time)."""

    until: float

    @property
    def seconds_left(self) -> int:
        return max(1, int(self.until - time.time() + 0.999))


Limits = dict[str, int]  # cache key -> failures allowed in the window


def locked(limits: Limits) -> Lock | None:
    """The lock of the first key that has reached its limit, if any."""
    now = time.time()
    found = cache.get_many(list(limits))
    for key, limit in limits.items():
        entry = found.get(key)
        if entry and entry[0] >= limit and entry[1] > now:
            return Lock(until=entry[1])
    return None


def fail(limits: Limits) -> Lock | None:
    """Count one failure on every key; returns the lock if this failure reached a limit."""
    now = time.time()
    found = cache.get_many(list(limits))
    result: Lock | None = None
    updates = {}
    for key, limit in limits.items():
        entry = found.get(key)
        count, reset_at = (
            (entry[0], entry[1]) if entry and entry[1] > now else (0, now + window_seconds())
        )
        count += 1
        updates[key] = (count, reset_at)
        if count >= limit:
            result = Lock(until=reset_at) if result is None else Lock(max(result.until, reset_at))
    for key, value in updates.items():
        cache.set(key, value, timeout=max(1, int(value[1] - now + 1)))
    return result


def clear(keys: list[str]) -> None:
    cache.delete_many(keys)
