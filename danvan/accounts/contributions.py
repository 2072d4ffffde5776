"""What accounts contributes to the shared registries."""

from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import AUDIT_READERS, Role
from danvan.core.registry import (
    ApiRouterMount,
    DemoSeeder,
    NavItem,
    PeriodicJob,
    UnitPageSection,
    UrlMount,
    registries,
)


def _unit_admin_section(request, unit):  # type: ignore[no-untyped-def]
    """The editing links on a commune's public page, for its administrators only."""
    from danvan.accounts.access import has_role
    from danvan.accounts.views.territory import EDITOR_ROLES

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not has_role(user, unit, *EDITOR_ROLES):
        return None
    return "accounts/territory/_unit_section.html", {"villages": list(unit.villages.all())}


def register() -> None:
    from danvan.accounts import demo

    registries.periodic_jobs.register(
        "accounts.inactive",
        PeriodicJob("accounts.inactive", "disable_inactive_officers", 24 * 3600),
    )
    registries.url_mounts.register(
        "accounts", UrlMount("accounts", "tai-khoan/", "danvan.accounts.urls", order=40)
    )
    registries.url_mounts.register(
        "accounts.territory",
        UrlMount("accounts.territory", "dia-ban/", "danvan.accounts.territory_urls", order=51),
    )
    registries.unit_page_sections.register(
        "accounts.unit_admin", UnitPageSection("accounts.unit_admin", _unit_admin_section, order=5)
    )
    registries.nav.register(
        "accounts.my_units",
        NavItem(
            "accounts.my_units",
            "unit_admin:my_units",
            _("Quản lý địa bàn"),
            roles=frozenset({Role.ADMIN.value, Role.LEADER.value}),
            order=90,
        ),
    )
    registries.api_routers.register(
        "accounts", ApiRouterMount("accounts", "danvan.accounts.api", order=20)
    )
    registries.nav.register(
        "accounts.account",
        NavItem("accounts.account", "accounts:account", _("Tài khoản"), order=900),
    )
    registries.nav.register(
        "accounts.officers",
        NavItem(
            "accounts.officers",
            "accounts:officer_units",
            _("Cán bộ"),
            roles=frozenset({Role.LEADER.value, Role.ADMIN.value}),
            order=880,
        ),
    )
    registries.nav.register(
        "accounts.audit_log",
        NavItem(
            "accounts.audit_log",
            "accounts:audit_log",
            _("Nhật ký"),
            roles=frozenset(r.value for r in AUDIT_READERS),
            order=890,
        ),
    )
    registries.demo_seeders.register("accounts", DemoSeeder("accounts", demo.seed, order=20))
