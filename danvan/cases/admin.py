"""Read-only admin for cases: writes go through the services (timeline, clock, audit)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from danvan.cases.models import Case, CaseEvent


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("at", "kind", "public", "note", "actor")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "unit", "status", "due_date", "on_time", "received_at")
    list_filter = ("kind", "status", "confidential")
    search_fields = ("code",)
    list_select_related = ("unit",)
    show_full_result_count = False  # no COUNT(*) over a million rows
    inlines = [CaseEventInline]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return [f.name for f in Case._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
