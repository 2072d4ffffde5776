"""The gathering runs, readable in the admin (rows are written only by the gatherer)."""

from django.contrib import admin

from danvan.national.models import GatheringRun


@admin.register(GatheringRun)
class GatheringRunAdmin(admin.ModelAdmin):
    list_display = ("province", "period", "status", "rows", "started_at", "finished_at")
    list_filter = ("status", "province")
    readonly_fields = [f.name for f in GatheringRun._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
