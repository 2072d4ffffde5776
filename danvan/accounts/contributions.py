"""What accounts contributes to the shared registries."""

from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import AUDIT_READERS, Role
from danvan.core.registry import (
    ApiRouterMount,
    DemoSeeder,
    NavItem,
    PeriodicJob,
    UrlMount,
    registries,
)


def register() -> None:
    from danvan.accounts import demo

    registries.periodic_jobs.register(
        "accounts.inactive",
        PeriodicJob("accounts.inactive", "disable_inactive_officers", 24 * 3600),
    )
    registries.url_mounts.register(
        "accounts", UrlMount("accounts", "tai-khoan/", "danvan.accounts.urls", order=40)
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
