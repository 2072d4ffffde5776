"""Fixtures of the one-stop tests: a small catalogue and a received dossier in commune A."""

from __future__ import annotations

from datetime import datetime

import pytest

from danvan.core.localtime import LOCAL_TZ as VN
from danvan.dossiers.models import Procedure

DOCS = ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)


@pytest.fixture
def procedure(db):
    return Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        processing_days=3,
        fees="Miễn lệ phí",
        required_documents=DOCS,
        legal_basis="Luật Hộ tịch 2014",
        online="full",
    )


@pytest.fixture
def receive(officer_a, unit_a, procedure):
    """Receive a dossier in A (complete unless told otherwise)."""
    from danvan.dossiers.services import dossier_receive

    def make(**kwargs):
        values = {
            "unit": unit_a,
            "procedure": procedure,
            "actor": officer_a,
            "applicant_name": "Nguyễn Văn Đức",
            "applicant_phone": "0912345678",
            "received_at": vn(2026, 10, 5, 9, 0),
        }
        values.update(kwargs)
        return dossier_receive(**values)

    return make
