"""Django admin for memberships and tokens (the officers' pages are the everyday tools)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from danvan.accounts.models import ApiToken, Membership, OfficerProfile
from danvan.accounts.services import password_set_by_other


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation", "unit", "province", "created_at")
    list_filter = ("role", "organisation")
    search_fields = ("user__username", "user__first_name", "unit__code", "unit__name")
    raw_id_fields = ("user", "unit")
    list_select_related = ("user", "unit", "province")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    # The digest is useless to a reader and the plaintext is never stored: tokens are
    # issued from the account page or ``create_api_token``, and only revoked here.
    list_display = ("prefix", "user", "label", "created_at", "last_used_at", "revoked_at")
    search_fields = ("user__username", "prefix", "label")
    readonly_fields = ("user", "digest", "prefix", "label", "last_used_at", "created_at")
    list_select_related = ("user",)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(OfficerProfile)
class OfficerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "phone", "must_change_password")
    list_filter = ("must_change_password",)
    search_fields = ("user__username", "phone")
    raw_id_fields = ("user",)
    # Set by the password services only, each time audited.
    readonly_fields = ("must_change_password",)


class OfficerUserAdmin(UserAdmin):
    """Django's user admin, where every password an administrator sets is temporary
    (docs/domain.md §9): the officer replaces it at the next sign-in. Audited."""

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)  # inside the admin's transaction
        if not change and obj.has_usable_password():
            password_set_by_other(user=obj, actor=request.user)

    def user_change_password(self, request, id, form_url=""):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, unquote(id))
                if user is not None and user.has_usable_password():
                    password_set_by_other(user=user, actor=request.user)
        return response


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), OfficerUserAdmin)
