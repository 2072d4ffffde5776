from __future__ import annotations

import io

import pytest
import vietnam_provinces
from django.core.management import call_command

from danvan.territory.loader import territory_load
from danvan.territory.models import (
    DataLoad,
    LegacyProvince,
    LegacyUnit,
    Province,
    Unit,
    UnitKind,
    Village,
)

pytestmark = pytest.mark.django_db


def test_first_load_creates_the_whole_country(country):
    assert not country.skipped
    assert country.counts["provinces"] == 34
    assert country.counts["units"] == 3321
    assert country.counts["legacy_provinces"] == 63
    assert 9_900 < country.counts["legacy_units"] < 10_200
    assert Unit.objects.filter(kind=UnitKind.XA).count() == 2621
    assert Unit.objects.filter(kind=UnitKind.PHUONG).count() == 687
    assert Unit.objects.filter(kind=UnitKind.DAC_KHU).count() == 13


def test_thai_nguyen_and_old_bac_kan(country):
    assert Unit.objects.filter(province__code="19").count() == 92
    old_bac_kan = LegacyUnit.objects.filter(province__code="06").prefetch_related(
        "successors__province"
    )
    assert old_bac_kan.count() == 108
    for old in old_bac_kan:
        successors = list(old.successors.all())
        assert successors, f"{old.code} {old.name} has no successor"
        assert {s.province.code for s in successors} == {"19"}
    took_in_bac_kan = Unit.objects.filter(predecessors__province__code="06").distinct()
    assert took_in_bac_kan.count() == 37
    assert LegacyProvince.objects.get(code="06").successor.code == "19"


def test_reused_code_lives_in_both_eras_apart(country):
    new = Unit.objects.get(code="01843")
    old = LegacyUnit.objects.select_related("district", "province").get(code="01843")
    assert new.name == "Phường Bắc Kạn"
    assert new.kind == UnitKind.PHUONG
    assert old.name == "Phường Phùng Chí Kiên"
    assert old.province.name == "Tỉnh Bắc Kạn"
    assert list(old.successors.values_list("code", flat=True)) == ["01843"]
    assert set(new.predecessors.values_list("name", flat=True)) == {
        "Phường Sông Cầu",
        "Phường Phùng Chí Kiên",
        "Xã Nông Thượng",
        "Phường Xuất Hóa",
    }


def test_codes_are_zero_padded_strings(country):
    assert Province.objects.filter(code="01").exists()
    assert Unit.objects.filter(code="00004").exists()
    assert LegacyUnit.objects.filter(code="00001").exists()


def test_data_version_is_recorded(country):
    load = DataLoad.objects.latest()
    assert load.data_version == vietnam_provinces.__data_version__
    assert load.package_version == vietnam_provinces.__version__
    assert load.counts["units"] == 3321


def test_second_run_is_skipped_quickly(country, django_assert_max_num_queries):
    before = DataLoad.objects.count()
    with django_assert_max_num_queries(4):
        result = territory_load()
    assert result.skipped
    assert DataLoad.objects.count() == before


def test_forced_run_changes_nothing_and_keeps_edited_attributes(country):
    unit = Unit.objects.get(code="01864")
    unit.is_remote = True
    unit.is_especially_difficult = True
    unit.population = 4321
    unit.households = 987
    unit.save()
    Village.objects.create(unit=unit, name="Bản Khuổi Khí", households=64)
    links = LegacyUnit.successors.through.objects.count()

    result = territory_load(force=True)

    assert not result.skipped
    assert result.changed == 0
    unit.refresh_from_db()
    assert (unit.is_remote, unit.is_especially_difficult, unit.population, unit.households) == (
        True,
        True,
        4321,
        987,
    )
    assert unit.villages.count() == 1
    assert LegacyUnit.successors.through.objects.count() == links
    assert Unit.objects.count() == 3321


def test_forced_run_repairs_names_and_links_from_the_package(country):
    unit = Unit.objects.get(code="01843")
    Unit.objects.filter(pk=unit.pk).update(name="Sai tên", population=100)
    LegacyUnit.objects.get(code="01843").successors.clear()

    result = territory_load(force=True)

    unit.refresh_from_db()
    assert unit.name == "Phường Bắc Kạn"
    assert unit.population == 100  # administrator's figure untouched
    assert result.changes["units"]["updated"] == 1
    assert result.changes["successions"]["created"] == 1
    assert LegacyUnit.objects.get(code="01843").successors.get().code == "01843"


def test_command_reports_counts_and_skip(country):
    out = io.StringIO()
    call_command("load_territory", stdout=out)
    assert "skipped" in out.getvalue()
    assert "units=3321" in out.getvalue()
    out = io.StringIO()
    call_command("load_territory", "--force", stdout=out)
    assert "loaded" in out.getvalue()
    assert "units: created 0, updated 0" in out.getvalue()
