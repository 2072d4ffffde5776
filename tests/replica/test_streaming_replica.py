"""Against a real primary and hot standby (``.ci/replica``): what the router promises."""

from __future__ import annotations

import time

import pytest
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.core.dbrouter import PIN_COOKIE, replica_reads
from danvan.territory.models import Province

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def _replayed(code: str, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Province.objects.using("replica").filter(code=code).exists():
            return True
        time.sleep(0.1)
    return False


def _new_province(code: str, name: str = "Tỉnh Bản Sao") -> Province:
    # Each test starts from an empty database (transaction=True flushes the primary after it).
    return Province.objects.create(code=code, name=name, division_type="tỉnh", codename="ban_sao")


def test_the_standby_is_a_read_only_replica():
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)


def test_a_row_written_on_the_primary_is_read_back_from_the_replica():
    province = _new_province("R1")
    assert _replayed(province.code)
    with replica_reads(), CaptureQueriesContext(connections["replica"]) as on_replica:
        read = Province.objects.get(code=province.code)
    assert read._state.db == "replica"
    assert (read.name, read.division_type) == ("Tỉnh Bản Sao", "tỉnh")
    assert len(on_replica.captured_queries) == 1


def test_writes_never_go_to_the_standby_even_inside_replica_reads():
    province = _new_province("R2")
    assert _replayed(province.code)
    with replica_reads():
        read = Province.objects.get(code=province.code)
        read.name = "Tỉnh Đã Sửa"
        read.save()  # the standby would refuse: "cannot execute UPDATE in a read-only transaction"
        created = Province.objects.create(
            code="R3", name="Tỉnh Mới", division_type="tỉnh", codename="moi"
        )
        Province.objects.filter(pk=created.pk).update(name="Tỉnh Mới Sửa")
    assert Province.objects.using("default").get(pk=province.pk).name == "Tỉnh Đã Sửa"
    assert Province.objects.using("default").get(pk=created.pk).name == "Tỉnh Mới Sửa"


def test_reads_inside_a_transaction_stay_on_the_primary():
    with replica_reads(), transaction.atomic():
        province = _new_province("R4", "Tỉnh Trong Giao Dịch")
        # Not yet committed, so only the primary's transaction can see it.
        assert Province.objects.get(pk=province.pk).name == "Tỉnh Trong Giao Dịch"


def test_a_public_page_reads_the_replica_and_a_writer_is_pinned_to_the_primary():
    province = _new_province("R5", "Tỉnh Trang Công Khai")
    assert _replayed(province.code)
    client = Client()
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.get("/dia-ban/")
    assert response.status_code == 200
    assert "Tỉnh Trang Công Khai" in response.content.decode()
    assert on_replica.captured_queries, "the province list should be read from the replica"

    client.cookies[PIN_COOKIE] = "1"  # what a POST sets for the next seconds
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/dia-ban/").status_code == 200
    assert on_replica.captured_queries == []
