"""What surveys contribute to the shared registries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.registry import ApiRouterMount, DemoSeeder, NavItem, UrlMount, registries


def _seed(stdout=None) -> None:  # type: ignore[no-untyped-def]
    from danvan.surveys.demo import seed

    seed(stdout)


def register() -> None:
    registries.url_mounts.register(
        "surveys", UrlMount("surveys", "khao-sat/", "danvan.surveys.urls", order=95)
    )
    registries.url_mounts.register(
        "openrosa", UrlMount("openrosa", "openrosa/", "danvan.surveys.openrosa_urls", order=96)
    )
    registries.api_routers.register(
        "surveys", ApiRouterMount("surveys", "danvan.surveys.api", order=65)
    )
    registries.nav.register(
        "surveys.home",
        NavItem(
            "surveys.home",
            "surveys:home",
            _("Khảo sát"),
            roles=frozenset(
                {"leader", "admin", "specialist", "enumerator", "province_viewer", "appraiser"}
            ),
            order=45,
        ),
    )
    registries.demo_seeders.register("surveys", DemoSeeder("surveys", _seed, order=80))
