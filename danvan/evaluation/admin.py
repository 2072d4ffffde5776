"""The province's levers on the index, with their history: method versions (a new version is a
new row, the old ones stay) and the shares carried from old communes to their successors."""

from django.contrib import admin

from danvan.evaluation.models import Finding, IndexMethod, SuccessionWeight


@admin.register(IndexMethod)
class IndexMethodAdmin(admin.ModelAdmin):
    list_display = (
        "valid_from",
        "province",
        "normalisation",
        "mc_draws",
        "min_cases",
        "created_at",
    )
    list_filter = ("province", "normalisation")
    readonly_fields = ("created_at", "created_by")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SuccessionWeight)
class SuccessionWeightAdmin(admin.ModelAdmin):
    list_display = ("legacy_unit", "unit", "share", "updated_at", "updated_by")
    raw_id_fields = ("legacy_unit", "unit")
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("unit", "period", "area", "kind", "severity", "status")
    list_filter = ("kind", "severity", "status", "area")
    raw_id_fields = ("unit", "reviewed_by")
