"""Django admin for the one-stop reference data. The national status codes are kept here as
data. A commune's desk settings and procedure exceptions are set by its leader on the
officers' page (``/mot-cua/thiet-lap/``), which validates and audits every change; the admin
only lists them. Dossiers themselves are written only by the services, never here."""

from django.contrib import admin

from danvan.core.admin import ReadOnlyAdmin
from danvan.dossiers.models import StatusCode, UnitOneStopSettings, UnitProcedure


@admin.register(UnitOneStopSettings)
class UnitOneStopSettingsAdmin(ReadOnlyAdmin):
    list_display = ("unit", "agency_code", "place_name", "signer_name")
    search_fields = ("unit__name", "unit__code", "agency_code")


@admin.register(UnitProcedure)
class UnitProcedureAdmin(ReadOnlyAdmin):
    list_display = ("unit", "procedure", "enabled")
    list_filter = ("enabled",)
    search_fields = ("unit__code", "procedure__code")


@admin.register(StatusCode)
class StatusCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "name_en", "stages", "import_stage", "confirmed")
