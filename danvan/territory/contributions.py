"""What territory contributes to the shared registries."""

from django.utils.translation import gettext_lazy as _

from danvan.core.registry import (
    ApiRouterMount,
    DemoSeeder,
    NavItem,
    PublicPage,
    UrlMount,
    registries,
)


def _seed(stdout=None) -> None:  # type: ignore[no-untyped-def]
    # Imported on use: the demo module pulls in the loader and services, not needed at startup.
    from danvan.territory.demo import seed

    seed(stdout)


def register() -> None:
    registries.url_mounts.register(
        "territory", UrlMount("territory", "dia-ban/", "danvan.territory.urls", order=50)
    )
    registries.api_routers.register(
        "territory", ApiRouterMount("territory", "danvan.territory.api", order=10)
    )
    registries.nav.register(
        "territory.provinces",
        NavItem("territory.provinces", "territory:provinces", _("Địa bàn"), public=True, order=50),
    )
    registries.public_pages.register(
        "territory.provinces",
        PublicPage(
            "territory.provinces",
            "territory:provinces",
            _("Tỉnh, xã, thôn"),
            _("34 tỉnh, 3.321 xã, phường, đặc khu; xã cũ trước 1/7/2025 nay thuộc đâu."),
        ),
    )
    registries.demo_seeders.register("territory", DemoSeeder("territory", _seed, order=10))
