"""Administration of the statistics' inputs: each commune's population by sex × age group
(the targets of post-stratification; a commune without rows is weighted to its total
population), and a read-only view of the estimate runs."""

from django.contrib import admin

from danvan.surveys.models import EstimateRun, PopulationCell


@admin.register(PopulationCell)
class PopulationCellAdmin(admin.ModelAdmin):
    list_display = ("unit", "sex", "age_group", "count")
    list_filter = ("sex", "age_group")
    search_fields = ("unit__code", "unit__name")
    autocomplete_fields = ("unit",)


@admin.register(EstimateRun)
class EstimateRunAdmin(admin.ModelAdmin):
    list_display = ("survey", "computed_at", "submissions", "replicates", "seconds", "period")
    readonly_fields = (
        "survey",
        "computed_at",
        "submissions",
        "replicates",
        "seed",
        "levels",
        "seconds",
        "period",
    )

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
