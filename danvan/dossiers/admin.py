"""Django admin for the one-stop reference data that administrators keep as data: per-unit
settings (agency code, place name, signatory), procedure enablement and the national status
codes. Dossiers themselves are written only by the services, never here."""

from django.contrib import admin

from danvan.dossiers.models import StatusCode, UnitOneStopSettings, UnitProcedure


@admin.register(UnitOneStopSettings)
class UnitOneStopSettingsAdmin(admin.ModelAdmin):
    list_display = ("unit", "agency_code", "place_name", "signer_name")
    search_fields = ("unit__name", "unit__code", "agency_code")
    raw_id_fields = ("unit",)


@admin.register(UnitProcedure)
class UnitProcedureAdmin(admin.ModelAdmin):
    list_display = ("unit", "procedure", "enabled")
    list_filter = ("enabled",)
    raw_id_fields = ("unit", "procedure")


@admin.register(StatusCode)
class StatusCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "name_en", "stages", "confirmed")
