"""Letters' test helpers: encryption keys, an officer of A who is neither leader nor assignee,
and a factory for letters on real dates."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from danvan.accounts.roles import Role
from danvan.core.localtime import LOCAL_TZ as VN
from danvan.letters.services.intake import LetterInput, Sender, letter_receive
from danvan.testing.factories import make_officer

KEY_1 = Fernet.generate_key().decode()
KEY_2 = Fernet.generate_key().decode()

DENOUNCER_NAME = "Hoàng Thị Bí Mật"
DENOUNCER_PHONE = "0912345678"


def at(day: str, hour: int = 9) -> datetime:
    """``"27/01/2026"`` → an aware datetime in Vietnam."""
    d, m, y = (int(x) for x in day.split("/"))
    return datetime(y, m, d, hour, 0, tzinfo=VN)


def _readable(value: object) -> str:
    """A stored value as text. SQLite keeps JSON as text with ``\\u`` escapes, where
    "Nguyễn" would never match: a JSON document is read back as the text it holds."""
    text = str(value)
    if isinstance(value, str) and text[:1] in "{[":
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def raw_database() -> dict[str, str]:
    """Every table's rows as raw text, read with a cursor (no model, no decryption)."""
    out = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            out[table] = " ".join(_readable(v) for row in cursor.fetchall() for v in row)
    return out


def tables_with(secret: str) -> set[str]:
    """The tables where ``secret`` is stored in clear."""
    return {table for table, text in raw_database().items() if secret in text}


@pytest.fixture(autouse=True)
def _keys(settings):
    from django.core.cache import cache

    cache.clear()  # rate-limit counters must not leak from one test into the next
    settings.DANVAN_ENCRYPTION_KEYS = [KEY_1]


@pytest.fixture
def clerk_a(unit_a):
    """Officer of A without the leader role and assigned nothing."""
    return make_officer("dora", unit=unit_a, roles=[Role.ONE_STOP, Role.SPECIALIST])


@pytest.fixture
def receive(officer_a):
    def _receive(
        unit,
        kind="reflection",
        content="Đường liên thôn Nà Pán bị sạt lở, đề nghị sửa chữa.",
        *,
        name="Nguyễn Văn Dân",
        phone="0987000111",
        when=None,
        actor=None,
        **kw,
    ):
        return letter_receive(
            data=LetterInput(
                unit=unit,
                kind=kind,
                content=content,
                channel=kw.pop("channel", "desk"),
                sender=Sender(name=name, phone=phone, address="Thôn Nà Pán"),
                received_at=when or at("27/01/2026"),
                **kw,
            ),
            actor=actor or officer_a,
        )

    return _receive


@pytest.fixture
def denunciation(receive, unit_a):
    return receive(
        unit_a,
        "denunciation",
        f"Tôi là {DENOUNCER_NAME}, SĐT {DENOUNCER_PHONE}, tố cáo cán bộ địa chính thu tiền sai quy định khi cấp giấy chứng nhận.",
        name=DENOUNCER_NAME,
        phone=DENOUNCER_PHONE,
    )
