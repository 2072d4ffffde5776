"""What grassroots democracy contributes to the shared registries and to the case core."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role
from danvan.core.registry import (
    ApiRouterMount,
    DemoSeeder,
    NavItem,
    PublicPage,
    UnitPageSection,
    UrlMount,
    registries,
)

OFFICER_ROLES = frozenset(
    {
        Role.LEADER,
        Role.SPECIALIST,
        Role.FRONT,
        Role.VILLAGE_HEAD,
        Role.INSPECTION_BOARD,
        Role.COUNCIL,
    }
)


def _seed(stdout: Any = None) -> None:
    from danvan.democracy.demo import seed

    seed(stdout)


def _unit_section(request: Any, unit: Any) -> tuple[str, dict[str, Any]] | None:
    from danvan.democracy import selectors

    disclosures = list(selectors.current_disclosures(unit)[:10])
    consultations = list(selectors.open_consultations(unit).order_by("closes")[:10])
    if not disclosures and not consultations:
        return None
    return (
        "democracy/_unit_section.html",
        {"disclosures": disclosures, "consultations": consultations},
    )


def _recommendation_panel(request: Any, case: Any) -> tuple[str, dict[str, Any]] | None:
    from danvan.democracy.models import Recommendation

    found = Recommendation.objects.select_related("board").filter(case=case).first()
    if found is None:
        return None
    return ("democracy/_recommendation_panel.html", {"recommendation": found})


def register() -> None:
    from danvan.cases.kinds import CaseKindManifest, register_kind
    from danvan.democracy import indicators

    registries.url_mounts.register(
        "democracy", UrlMount("democracy", "dan-chu/", "danvan.democracy.urls", order=90)
    )
    registries.api_routers.register(
        "democracy", ApiRouterMount("democracy", "danvan.democracy.api", order=70)
    )
    register_kind(
        CaseKindManifest(
            key="inspection_recommendation",
            app="democracy",
            label=_("Kiến nghị của Ban Thanh tra nhân dân"),
            rules=("inspection.answer",),
            code_prefix="TTND",
            panels=(_recommendation_panel,),
        )
    )
    registries.nav.register(
        "democracy.home",
        NavItem(
            "democracy.home", "democracy:home", _("Dân chủ ở cơ sở"), roles=OFFICER_ROLES, order=40
        ),
    )
    registries.nav.register(
        "democracy.public",
        NavItem(
            "democracy.public",
            "democracy:public_home",
            _("Công khai, lấy ý kiến"),
            public=True,
            order=40,
        ),
    )
    registries.public_pages.register(
        "democracy.public",
        PublicPage(
            "democracy.public",
            "democracy:public_home",
            _("Dân chủ ở cơ sở"),
            _(
                "Thông tin công khai của xã, góp ý các nội dung đang lấy ý kiến, biểu quyết "
                "của hộ gia đình và tra cứu biên nhận."
            ),
            order=40,
        ),
    )
    registries.unit_page_sections.register(
        "democracy", UnitPageSection("democracy", _unit_section, order=40)
    )
    for indicator in indicators.INDICATORS:
        registries.indicators.register(indicator.key, indicator)
    registries.demo_seeders.register("democracy", DemoSeeder("democracy", _seed, order=60))
