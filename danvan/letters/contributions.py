"""What letters contributes to the shared registries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role
from danvan.core.registry import (
    ApiRouterMount,
    DashboardCard,
    DeadlineRuleSource,
    DemoSeeder,
    NavItem,
    PublicPage,
    UrlMount,
    registries,
)

OFFICER_ROLES = frozenset({Role.ONE_STOP, Role.SPECIALIST, Role.LEADER, Role.PROVINCE_VIEWER})
# Who deals with letters in a commune (reception desk, specialists, leaders): the roles that
# may act on letters (services.decisions.ACTING_ROLES); the card is theirs.
CARD_ROLES = frozenset({Role.ONE_STOP, Role.SPECIALIST, Role.LEADER})


def _seed(stdout: Any = None) -> None:
    from danvan.letters.demo import seed

    seed(stdout)


def _card(request: Any, units: Any = None) -> dict[str, Any]:
    from danvan.letters.selectors import dashboard_figures

    return {"letters_figures": dashboard_figures(request.user)}


def register() -> None:
    from danvan.letters import checks, indicators, rule_data  # noqa: F401  (checks register)

    registries.url_mounts.register(
        "letters", UrlMount("letters", "don-thu/", "danvan.letters.urls", order=90)
    )
    registries.url_mounts.register(
        "letters.open311",
        UrlMount("letters.open311", "open311/v2/", "danvan.letters.open311.urls", order=91),
    )
    registries.deadline_rule_sources.register(
        "letters",
        DeadlineRuleSource(key="letters", shipped=rule_data.shipped, areas=rule_data.AREAS),
    )
    registries.api_routers.register(
        "letters", ApiRouterMount("letters", "danvan.letters.api", order=60)
    )
    registries.nav.register(
        "letters.list",
        NavItem(
            "letters.list", "letters:list", _("Đơn thư, tiếp dân"), roles=OFFICER_ROLES, order=30
        ),
    )
    registries.nav.register(
        "letters.submit",
        NavItem(
            "letters.submit", "letters:public_submit", _("Gửi phản ánh"), public=True, order=30
        ),
    )
    registries.public_pages.register(
        "letters.submit",
        PublicPage(
            "letters.submit",
            "letters:public_submit",
            _("Gửi phản ánh, kiến nghị"),
            _("Gửi phản ánh, kiến nghị đến UBND xã, phường và theo dõi kết quả bằng mã tra cứu."),
            order=30,
        ),
    )
    registries.dashboard_cards.register(
        "letters.work",
        DashboardCard(
            key="letters.work",
            title=_("Đơn thư, tiếp dân"),
            template="letters/card.html",
            render=_card,
            roles=CARD_ROLES,
            order=30,
        ),
    )
    for indicator in indicators.INDICATORS:
        registries.indicators.register(indicator.key, indicator)
    registries.demo_seeders.register("letters", DemoSeeder("letters", _seed, order=50))
    from danvan.cases.kinds import register_kind
    from danvan.letters.kinds import manifests

    for manifest in manifests():
        register_kind(manifest)
