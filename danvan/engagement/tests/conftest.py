"""Engagement's test helpers: the Front and the People's Council of commune A, and a
dialogue held on a fixed date."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from danvan.accounts.roles import Role
from danvan.engagement import services
from danvan.engagement.models import DialogueKind
from danvan.testing.factories import make_officer

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, hour: int = 9) -> datetime:
    """``"27/01/2026"`` → an aware datetime in Vietnam."""
    d, m, y = (int(x) for x in day.split("/"))
    return datetime(y, m, d, hour, 0, tzinfo=VN)


def d(day: str) -> date:
    return at(day).date()


@pytest.fixture
def front_a(unit_a):
    return make_officer("mttq_a", unit=unit_a, roles=[Role.FRONT])


@pytest.fixture
def council_a(unit_a):
    return make_officer("hdnd_a", unit=unit_a, roles=[Role.COUNCIL])


@pytest.fixture
def specialist_a(unit_a):
    return make_officer("cv_a", unit=unit_a, roles=[Role.SPECIALIST])


def login(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def schedule(unit, leader, when: datetime, kind: str = DialogueKind.ANNUAL, **kw):  # type: ignore[no-untyped-def]
    return services.dialogue_schedule(
        unit=unit,
        actor=leader,
        data=services.DialogueInput(
            kind=kind,
            title=kw.get("title", "Đối thoại định kỳ"),
            scheduled_at=when,
            place=kw.get("place", "Hội trường UBND"),
            notice=kw.get("notice", "Kính mời Nhân dân tham dự."),
        ),
        idempotency_key=kw.get("key"),
    )


@pytest.fixture
def held_dialogue(unit_a, officer_a):
    dialogue = schedule(unit_a, officer_a, at("10/03/2026", 8))
    return services.dialogue_hold(
        dialogue=dialogue,
        actor=officer_a,
        held_at=at("10/03/2026", 8),
        attendance=80,
        summary="Đã trả lời các câu hỏi.",
    )


def commit(dialogue, leader, committed: date, content: str = "Sửa đường liên thôn", **kw):  # type: ignore[no-untyped-def]
    return services.commitment_record(
        dialogue=dialogue,
        actor=leader,
        data=services.CommitmentInput(
            content=content, responsible="Địa chính", committed_date=committed
        ),
        idempotency_key=kw.get("key"),
    )


def meeting(unit, actor, day: str = "01/03/2026"):  # type: ignore[no-untyped-def]
    return services.meeting_record(unit=unit, actor=actor, held_on=d(day), place="Nhà văn hóa tổ 1")


def petition(
    unit,
    actor,
    *,
    level="commune",
    body="",
    previous=None,
    received="02/03/2026",
    day="01/03/2026",
    source="council",
):  # type: ignore[no-untyped-def]
    return services.petition_record(
        actor=actor,
        data=services.PetitionInput(
            meeting=meeting(unit, actor, day),
            content="Đề nghị sửa cầu treo qua suối.",
            source=source,
            competent_level=level,
            competent_body=body,
            previous=previous,
            received_at=at(received),
        ),
    )
