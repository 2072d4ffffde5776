"""The clock caches the calendar and the rules in memory; a test that changes either inside
a rolled-back transaction must not leak its calendar into the next test."""

import pytest

from danvan.deadlines import loaders


@pytest.fixture(autouse=True)
def _fresh_clock():
    loaders.invalidate_all()
    yield
    loaders.invalidate_all()
