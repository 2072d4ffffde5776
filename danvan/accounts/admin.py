"""Django admin for memberships and tokens (the officers' pages are the everyday tools)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm

from danvan.accounts.models import ApiToken, Membership, OfficerProfile


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "province", "created_at")
    list_filter = ("role",)
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


class ResetPasswordForm(AdminPasswordChangeForm):
    """A password an administrator sets for somebody is temporary (DOMAIN §9): the officer
    replaces it at the next sign-in."""

    def save(self, commit: bool = True):  # type: ignore[no-untyped-def]
        user = super().save(commit=commit)
        if commit and user.has_usable_password():
            OfficerProfile.objects.update_or_create(
                user=user, defaults={"must_change_password": True}
            )
        return user


class OfficerUserAdmin(UserAdmin):
    change_password_form = ResetPasswordForm


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), OfficerUserAdmin)
