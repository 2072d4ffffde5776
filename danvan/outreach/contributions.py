"""What outreach contributes to the shared registries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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
    registries.nav.register(
        "outreach.party_reception",
        NavItem(
            "outreach.party_reception",
            "outreach:party_home",
            _("Tiếp dân của Bí thư"),
            roles=frozenset({"party_secretary"}),
            order=41,
        ),
    )
    registries.dashboard_cards.register(
        "outreach.training",
        DashboardCard(
            key="outreach.training",
            title=_("Bồi dưỡng cán bộ"),
            template="outreach/training_card.html",
            render=_training_card,
            roles=frozenset({"leader", "admin"}),
            order=60,
        ),
    )
    registries.nav.register(
        "outreach.gallery",
        NavItem("outreach.gallery", "outreach:gallery", _("Dân vận khéo"), public=True, order=60),
    )
    registries.public_pages.register(
        "outreach.gallery",
        PublicPage(
            "outreach.gallery",
            "outreach:gallery",
            _("Thư viện mô hình Dân vận khéo"),
            _("Các mô hình dân vận khéo đã được công nhận ở các xã, phường."),
            order=60,
        ),
    )
    from danvan.cases.kinds import register_kind
    from danvan.outreach import kinds, rule_data

    register_kind(kinds.MANIFEST)
    register_kind(kinds.SUPERVISION_MANIFEST)
    registries.deadline_rule_sources.register(
        "outreach",
        DeadlineRuleSource(key="outreach", shipped=rule_data.shipped, areas=rule_data.AREAS),
    )
    for indicator in indicators.INDICATORS:
        registries.indicators.register(indicator.key, indicator)
    registries.demo_seeders.register("outreach", DemoSeeder("outreach", _seed, order=70))


def _training_card(request, units=None):  # type: ignore[no-untyped-def]
    """Officers of the user's communes lacking a required course this term."""
    from django.utils import timezone

    from danvan.accounts.access import acting_units
    from danvan.outreach import training

    term = training.term_of(timezone.localdate())
    if term is None:
        return {}
    rows = []
    for unit in acting_units(request.user, "leader", "admin")[:5]:
        lacking = training.lacking(unit, term)
        if lacking:
            rows.append({"unit": unit, "count": len({r.officer_id for r in lacking})})
    return {"training_lacking": rows, "training_term": term}
