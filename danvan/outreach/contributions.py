"""What outreach contributes to the shared registries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.registry import ApiRouterMount, DemoSeeder, NavItem, UrlMount, registries


def _seed(stdout=None) -> None:  # type: ignore[no-untyped-def]
    from danvan.outreach.demo import seed

    seed(stdout)


def register() -> None:
    from danvan.outreach import indicators
    from danvan.outreach.services import ACTING_ROLES

    registries.url_mounts.register(
        "outreach", UrlMount("outreach", "tuyen-truyen/", "danvan.outreach.urls", order=90)
    )
    registries.api_routers.register(
        "outreach", ApiRouterMount("outreach", "danvan.outreach.api", order=60)
    )
    registries.nav.register(
        "outreach.campaigns",
        NavItem(
            "outreach.campaigns",
            "outreach:home",
            _("Tuyên truyền"),
            roles=frozenset(str(r) for r in ACTING_ROLES),
            order=40,
        ),
    )
    for indicator in indicators.INDICATORS:
        registries.indicators.register(indicator.key, indicator)
    registries.demo_seeders.register("outreach", DemoSeeder("outreach", _seed, order=70))
