"""The whole country, loaded once for the territory tests that need it, then removed.

Loading 34 provinces, 3,321 units and ~10,000 legacy units costs a couple of seconds, so it is
done once per test package, committed outside the tests' transactions (each test still runs in
its own rolled-back transaction on top of it) and deleted afterwards: other apps' tests assume
an empty territory apart from their cast. Tests here must not use ``transaction=True``, whose
flush would remove the country under the tests that follow.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from danvan.territory.loader import LoadResult, territory_load
from danvan.territory.models import (
    DataLoad,
    LegacyDistrict,
    LegacyProvince,
    LegacyUnit,
    Province,
    Unit,
    Village,
)


def wipe_territory() -> None:
    # Raw deletes, children first: the ORM's cascade collector would visit every other app's
    # tables that point at Unit, which hold nothing committed here.
    for model in (
        LegacyUnit.successors.through,
        LegacyUnit,
        LegacyDistrict,
        LegacyProvince,
        Village,
        Unit,
        Province,
        DataLoad,
    ):
        model.objects.all()._raw_delete(using="default")


@pytest.fixture(scope="package")
def country(django_db_setup, django_db_blocker) -> Iterator[LoadResult]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        result = territory_load()
    try:
        yield result
    finally:
        with django_db_blocker.unblock():
            wipe_territory()
