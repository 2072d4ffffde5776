from __future__ import annotations

import io

import pytest

from danvan.core.registry import registries
from danvan.territory.models import Unit, Village

pytestmark = pytest.mark.django_db


def test_demo_seeder_is_registered_first():
    seeder = registries.demo_seeders.get("territory")
    assert seeder.order == 10


def test_demo_seed_is_idempotent_and_keeps_edits(country):
    seed = registries.demo_seeders.get("territory").seed
    edited = Unit.objects.get(code="01864")
    Unit.objects.filter(pk=edited.pk).update(population=1111, households=222)

    seed(io.StringIO())

    bac_kan = Unit.objects.get(code="01843")
    assert 5 <= bac_kan.villages.count() <= 12
    assert not bac_kan.is_remote  # a phường of the provincial town is not remote
    assert Unit.objects.get(code="01864").is_remote  # old Pác Nặm highland commune (demo)
    assert Unit.objects.filter(province__code="19", is_remote=True).count() >= 20
    assert Unit.objects.filter(province__code="19", villages__isnull=False).distinct().count() >= 10
    assert not Unit.objects.filter(province__code="19", population__isnull=True).exists()
    edited.refresh_from_db()
    assert (edited.population, edited.households) == (1111, 222)
    # Only Thái Nguyên is touched.
    assert not Unit.objects.exclude(province__code="19").filter(population__isnull=False).exists()

    villages = Village.objects.count()
    remote = Unit.objects.filter(is_remote=True).count()
    seed(io.StringIO())
    assert Village.objects.count() == villages
    assert Unit.objects.filter(is_remote=True).count() == remote
