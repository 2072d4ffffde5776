from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.auth import api_token_create
from danvan.democracy.models import Decision, Household
from danvan.testing.factories import VillageFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    # Rate limits live in the cache, shared by the tests of one process.
    from django.core.cache import cache

    cache.clear()
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0


@pytest.fixture
def village_a(unit_a):
    return VillageFactory(unit=unit_a, name="Thôn Nà Pán", households=None)


@pytest.fixture
def village_b(unit_b):
    return VillageFactory(unit=unit_b, name="Thôn Khuổi Hẻo", households=None)


def add_households(village, n: int, start: int = 1) -> list[Household]:
    return Household.objects.bulk_create(
        [
            Household(
                unit=village.unit,
                village=village,
                number=f"H{i:03d}",
                head=f"Chủ hộ {i}",
                members=3,
                representative=f"Đại diện {i}",
            )
            for i in range(start, start + n)
        ]
    )


def open_decision(
    village, *, category="self_managed", form="ballot", commune=False, **kw
) -> Decision:
    """A decision open now (created directly: the notice rule is tested on the service)."""
    now = timezone.now()
    return Decision.objects.create(
        unit=village.unit,
        village=None if commune else village,
        scope="commune" if commune else "village",
        category=category,
        form=form,
        title=kw.pop("title", "Làm đường bê tông liên thôn"),
        noticed_at=now - timedelta(days=5),
        opens=kw.pop("opens", now - timedelta(days=1)),
        closes=kw.pop("closes", now + timedelta(days=2)),
        **kw,
    )


@pytest.fixture
def api():
    return Client()
