from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.core.models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list to look at: rows that only services write (each write audited) or that must
    never change."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_name", "unit_code", "action", "object_repr", "ip")
    list_filter = ("action",)
    search_fields = ("actor_name", "unit_code", "object_repr")
