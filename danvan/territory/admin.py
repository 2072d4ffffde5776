"""Django admin for the territory tables (reference data is read-only except the attributes
administrators own)."""

from __future__ import annotations

from django.contrib import admin

from danvan.territory.models import (
    DataLoad,
    LegacyDistrict,
    LegacyProvince,
    LegacyUnit,
    Province,
    Unit,
    Village,
)

# Fields the loader owns: editing them by hand would be undone by the next load.
LOADED = ("code", "name", "codename")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "division_type")
    search_fields = ("code", "name", "codename")
    readonly_fields = (*LOADED, "division_type")


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0
    fields = ("name", "kind", "households", "population")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "province",
        "is_remote",
        "is_especially_difficult",
        "population",
        "households",
    )
    list_filter = ("kind", "is_remote", "is_especially_difficult", "province")
    search_fields = ("code", "name", "codename")
    list_select_related = ("province",)
    readonly_fields = (*LOADED, "kind", "province")
    inlines = [VillageInline]


@admin.register(LegacyProvince)
class LegacyProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "successor")
    list_select_related = ("successor",)
    search_fields = ("code", "name", "codename")
    readonly_fields = (*LOADED, "successor")


@admin.register(LegacyDistrict)
class LegacyDistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "province")
    list_select_related = ("province",)
    list_filter = ("province",)
    search_fields = ("code", "name", "codename")
    readonly_fields = (*LOADED, "province")


@admin.register(LegacyUnit)
class LegacyUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "district", "province")
    list_select_related = ("district", "province")
    list_filter = ("province",)
    search_fields = ("code", "name", "codename")
    readonly_fields = (*LOADED, "kind", "district", "province", "successors")


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit", "households", "population")
    list_select_related = ("unit",)
    list_filter = ("kind",)
    search_fields = ("name", "unit__name", "unit__code")
    autocomplete_fields = ("unit",)


@admin.register(DataLoad)
class DataLoadAdmin(admin.ModelAdmin):
    list_display = ("loaded_at", "source", "package_version", "data_version")
    readonly_fields = ("source", "package_version", "data_version", "loaded_at", "counts")
