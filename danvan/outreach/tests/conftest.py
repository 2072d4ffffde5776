"""Outreach fixtures: three villages of commune A with known households, a campaign."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.outreach.services import CampaignInput, campaign_create
from danvan.testing.factories import VillageFactory


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


def api_post(user, url: str, body: dict, **extra):
    headers = auth(user) if user is not None else {}
    return Client().post(url, body, content_type="application/json", **headers, **extra)


def api_get(user, url: str, **extra):
    headers = auth(user) if user is not None else {}
    return Client().get(url, **headers, **extra)


@pytest.fixture
def villages(unit_a):
    return [
        VillageFactory(unit=unit_a, name="Bản Nà Pán", households=120),
        VillageFactory(unit=unit_a, name="Thôn Khuổi Tẳng", households=45),
        VillageFactory(unit=unit_a, name="Tổ 5", households=None),
    ]


@pytest.fixture
def village_b(unit_b):
    return VillageFactory(unit=unit_b, name="Thôn Bên B", households=80)


@pytest.fixture
def campaign(officer_a, unit_a, villages):
    return campaign_create(
        data=CampaignInput(
            unit=unit_a,
            subject="Luật Đất đai 2024: thu hồi đất",
            audiences=["village", "ethnic_group"],
            channels=["meeting", "loudspeaker"],
            languages=["vi", "tay", "dao"],
            starts=date(2026, 3, 1),
            ends=date(2026, 6, 30),
        ),
        actor=officer_a,
    )
