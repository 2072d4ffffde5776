"""Helpers for the case core's tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from danvan.cases.services import case_open
from danvan.core.localtime import LOCAL_TZ as VN

_counter = {"n": 0}


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    """An aware datetime in Vietnam's time zone."""
    return datetime(y, m, d, hh, mm, tzinfo=VN)


def open_case(unit, **kwargs):  # type: ignore[no-untyped-def]
    _counter["n"] += 1
    defaults = {
        "unit": unit,
        "kind": "reflection",
        "code": f"T-{unit.code}-{_counter['n']:06d}",
        "title": "Đèn đường thôn 3 hỏng",
        "rule_id": "letter.process",
        "received_at": at(2026, 3, 2),
        "actor": None,
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_phone": "0912345678",
        "applicant_address": "Thôn 3",
        "secret": "ABCD2345",
    }
    defaults.update(kwargs)
    return case_open(**defaults)


@pytest.fixture(autouse=True)
def _empty_cache(_test_settings):  # type: ignore[no-untyped-def]
    # The local-memory cache outlives a test; rate-limit counts must not leak between tests.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def case_a(unit_a, officer_a):  # type: ignore[no-untyped-def]
    return open_case(unit_a, actor=officer_a)


@pytest.fixture
def case_b(unit_b, officer_b):  # type: ignore[no-untyped-def]
    return open_case(unit_b, actor=officer_b, applicant_name="Trần Văn Bình")
