"""The streaming-replica tests run only from ``.ci/replica``, against a real primary and a
real hot standby it started; they use those databases as they are (no test database can be
created on a read-only standby), so they are skipped everywhere else."""

from __future__ import annotations

import os

import pytest

REPLICA_TEST = os.environ.get("DANVAN_REPLICA_TEST") == "1"


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    if REPLICA_TEST:
        return
    skip = pytest.mark.skip(reason="needs .ci/replica (a real primary and hot standby)")
    for item in items:
        if "tests/replica/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup():  # type: ignore[no-untyped-def]
    """Use the throwaway primary that .ci/replica migrated, and its standby, as they are."""
    if not REPLICA_TEST:
        pytest.skip("needs .ci/replica")
