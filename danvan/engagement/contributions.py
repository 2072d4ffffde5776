"""What engagement contributes to the shared registries and to the case core."""

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
    UnitPageSection,
    UrlMount,
    registries,
)

OFFICER_ROLES = frozenset({Role.LEADER, Role.FRONT, Role.COUNCIL})
# Commitments and petitions move through their own pages (the committed date, the answer);
# the generic clock actions would bypass them.
HIDDEN = ("pause", "resume", "extend", "close")


def _seed(stdout: Any = None) -> None:
    from danvan.engagement.demo import seed

    seed(stdout)


def _card(request: Any, units: Any = None) -> dict[str, Any]:
    from danvan.engagement.selectors import dashboard_figures

    return {"engagement_figures": dashboard_figures(request.user)}


def _hidden(case: Any) -> tuple[str, ...]:
    return HIDDEN


def commitment_panel(request: Any, case: Any) -> tuple[str, dict[str, Any]] | None:
    from danvan.engagement import selectors
    from danvan.engagement.models import Commitment

    commitment = Commitment.objects.select_related("dialogue", "unit").filter(case=case).first()
    if commitment is None:
        return None
    commitment.case = case
    return "engagement/_commitment_panel.html", {
        "commitment": commitment,
        "state": selectors.commitment_state(commitment),
    }


def petition_panel(request: Any, case: Any) -> tuple[str, dict[str, Any]] | None:
    from danvan.engagement import selectors
    from danvan.engagement.models import VoterPetition

    petition = (
        VoterPetition.objects.select_related("meeting", "unit", "previous__case")
        .filter(case=case)
        .first()
    )
    if petition is None:
        return None
    petition.case = case
    return "engagement/_petition_panel.html", {
        "petition": petition,
        "unit": petition.unit,
        "chain": selectors.chain(petition),
        "later": list(petition.raised_again.select_related("case")),
    }


def commitment_link(case: Any) -> list[tuple[str, str]]:
    """The holder of a commitment's code sees the dialogue it was made at."""
    from django.urls import reverse

    from danvan.engagement.models import Commitment

    row = Commitment.objects.filter(case=case).values_list("dialogue_id", flat=True).first()
    if row is None:
        return []
    url = reverse("engagement:public_dialogue", args=[case.unit.code, row])
    return [(_("Buổi đối thoại và các cam kết"), url)]


def petition_link(case: Any) -> list[tuple[str, str]]:
    from django.urls import reverse

    url = reverse("engagement:public_petitions", args=[case.unit.code])
    return [(_("Kiến nghị cử tri và trả lời của xã"), url)]


def unit_section(request: Any, unit: Any) -> tuple[str, dict[str, Any]] | None:
    from danvan.engagement import selectors

    summary = selectors.unit_summary(unit)
    if not (
        summary["upcoming"] or summary["commitments"]["total"] or summary["petitions"]["total"]
    ):
        return None
    return "engagement/_section.html", summary


def _register_kinds() -> None:
    from danvan.cases.kinds import CaseKindManifest, register_kind
    from danvan.engagement.rules import COMMITMENT_RULE, PETITION_RULE

    register_kind(
        CaseKindManifest(
            key="commitment",
            app="engagement",
            label=_("Cam kết tại đối thoại"),
            rules=(COMMITMENT_RULE,),
            code_prefix="CK",
            panels=(commitment_panel,),
            hidden_actions=_hidden,
            tracking_links=(commitment_link,),
        )
    )
    register_kind(
        CaseKindManifest(
            key="voter_petition",
            app="engagement",
            label=_("Kiến nghị cử tri"),
            rules=(PETITION_RULE,),
            code_prefix="CT",
            panels=(petition_panel,),
            hidden_actions=_hidden,
            tracking_links=(petition_link,),
        )
    )


def register() -> None:
    from danvan.engagement import indicators, rule_data, rules

    registries.url_mounts.register(
        "engagement", UrlMount("engagement", "doi-thoai/", "danvan.engagement.urls", order=90)
    )
    registries.api_routers.register(
        "engagement", ApiRouterMount("engagement", "danvan.engagement.api", order=70)
    )
    registries.deadline_rule_sources.register(
        "engagement",
        DeadlineRuleSource(
            key="engagement",
            prefix=rules.PREFIX,
            resolve=rules.resolve,
            rules=rules.rules,
            shipped=rule_data.shipped,
            areas=rule_data.AREAS,
        ),
    )
    registries.nav.register(
        "engagement.officer",
        NavItem(
            "engagement.officer",
            "engagement:home",
            _("Đối thoại, kiến nghị cử tri"),
            roles=OFFICER_ROLES,
            order=40,
        ),
    )
    registries.nav.register(
        "engagement.public",
        NavItem(
            "engagement.public",
            "engagement:public_index",
            _("Đối thoại với Nhân dân"),
            public=True,
            order=40,
        ),
    )
    registries.public_pages.register(
        "engagement.dialogues",
        PublicPage(
            "engagement.dialogues",
            "engagement:public_index",
            _("Đối thoại với Nhân dân"),
            _("Lịch đối thoại, gửi câu hỏi trước, cam kết của lãnh đạo và kiến nghị cử tri."),
            order=40,
        ),
    )
    registries.dashboard_cards.register(
        "engagement.work",
        DashboardCard(
            key="engagement.work",
            title=_("Đối thoại, kiến nghị cử tri"),
            template="engagement/card.html",
            render=_card,
            roles=OFFICER_ROLES,
            order=40,
        ),
    )
    registries.unit_page_sections.register(
        "engagement", UnitPageSection("engagement", unit_section, order=60)
    )
    for indicator in indicators.INDICATORS:
        registries.indicators.register(indicator.key, indicator)
    registries.demo_seeders.register("engagement", DemoSeeder("engagement", _seed, order=60))
    _register_kinds()
