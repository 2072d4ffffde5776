"""What dossiers contributes to the shared registries."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role
from danvan.core.registry import (
    ApiRouterMount,
    DeadlineRuleSource,
    DemoSeeder,
    NavItem,
    PublicPage,
    UnitPageSection,
    UrlMount,
    registries,
)

OFFICER_ROLES = frozenset({Role.ONE_STOP, Role.SPECIALIST, Role.LEADER})


def _seed(stdout=None) -> None:  # type: ignore[no-untyped-def]
    from danvan.dossiers.demo import seed

    seed(stdout)


def _panel(request, case):  # type: ignore[no-untyped-def]
    from danvan.dossiers.views.officer import dossier_panel

    return dossier_panel(request, case)


# A dossier's clock and end go through its own steps on the dossier page (a supplement
# request pauses, the documents restart the clock, the result or a withdrawal ends it), so
# the dossier row always says the same as its case; a provincial dossier moves with the
# next export. Assigning and handing on stay on the generic case page.
DOSSIER_HIDDEN = ("pause", "resume", "extend", "close")


def _hidden_actions(case):  # type: ignore[no-untyped-def]
    return DOSSIER_HIDDEN


def _rating_link(case):  # type: ignore[no-untyped-def]
    """The online rating for the holder of the slip, once the result is ready and until
    the dossier is rated (the same conditions as the rating page itself)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from danvan.cases.models import CaseStatus
    from danvan.dossiers.models import Dossier, DossierStage, Rating

    if case.status not in (CaseStatus.RESOLVED, CaseStatus.RETURNED):
        return []
    stage = Dossier.objects.filter(case=case).values_list("pk", "stage").first()
    if stage is None or stage[1] not in (DossierStage.RESULT_READY, DossierStage.RETURNED):
        return []
    if Rating.objects.filter(dossier_id=stage[0]).exists():
        return []
    url = reverse("dossiers:public_rate", args=[case.code])
    return [(_("Đánh giá việc giải quyết hồ sơ"), f"{url}?{urlencode({'secret': case.secret})}")]


def _unit_section(request, unit):  # type: ignore[no-untyped-def]
    """The commune's page links to the procedures that commune handles (one count query)."""
    from danvan.dossiers.selectors import procedures_for_unit

    return "dossiers/_unit_section.html", {"procedure_count": procedures_for_unit(unit).count()}


def register() -> None:
    from danvan.dossiers import enablement, indicators, rules
    from danvan.dossiers.models import Procedure, UnitProcedure

    registries.url_mounts.register(
        "dossiers", UrlMount("dossiers", "mot-cua/", "danvan.dossiers.urls", order=80)
    )
    registries.api_routers.register(
        "dossiers", ApiRouterMount("dossiers", "danvan.dossiers.api", order=50)
    )
    registries.deadline_rule_sources.register(
        "dossiers",
        DeadlineRuleSource(
            key="dossiers", prefix=rules.PREFIX, resolve=rules.resolve, rules=rules.rules
        ),
    )
    post_save.connect(rules.invalidate, sender=Procedure, dispatch_uid="dossiers.rules.save")
    post_delete.connect(rules.invalidate, sender=Procedure, dispatch_uid="dossiers.rules.delete")
    for signal in (post_save, post_delete):
        signal.connect(
            enablement.invalidate,
            sender=UnitProcedure,
            dispatch_uid=f"dossiers.enablement.{id(signal)}",
        )
    registries.unit_page_sections.register(
        "dossiers.procedures", UnitPageSection("dossiers.procedures", _unit_section, order=20)
    )
    registries.nav.register(
        "dossiers.reception",
        NavItem("dossiers.reception", "dossiers:home", _("Một cửa"), roles=OFFICER_ROLES, order=20),
    )
    registries.nav.register(
        "dossiers.desk",
        NavItem(
            "dossiers.desk",
            "dossiers:desk_units",
            _("Thiết lập một cửa"),
            roles=frozenset({Role.LEADER}),
            order=21,
        ),
    )
    registries.nav.register(
        "dossiers.procedures",
        NavItem(
            "dossiers.procedures",
            "dossiers:public_procedures",
            _("Thủ tục hành chính"),
            public=True,
            order=20,
        ),
    )
    registries.public_pages.register(
        "dossiers.procedures",
        PublicPage(
            "dossiers.procedures",
            "dossiers:public_procedures",
            _("Thủ tục hành chính cấp xã"),
            _("Thành phần hồ sơ, thời hạn giải quyết, phí và lệ phí của từng thủ tục."),
            order=20,
        ),
    )
    for indicator in indicators.INDICATORS:
        registries.indicators.register(indicator.key, indicator)
    registries.demo_seeders.register("dossiers", DemoSeeder("dossiers", _seed, order=40))
    from danvan.cases.actions import register_action_filter
    from danvan.cases.panels import register_panel
    from danvan.cases.tracking import register_tracking_link

    register_panel("dossier", _panel)
    register_action_filter("dossier", _hidden_actions)
    register_tracking_link("dossier", _rating_link)
