"""Django admin for the one-stop reference data. The national status codes are kept here as
data. A commune's desk settings and procedure exceptions are set by its leader on the
officers' page (``/mot-cua/thiet-lap/``), which validates and audits every change; the admin
only lists them. Dossiers themselves are written only by the services, never here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.dossiers.models import StatusCode, UnitOneStopSettings, UnitProcedure


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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
