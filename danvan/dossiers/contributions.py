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
    UrlMount,
    registries,
)

OFFICER_ROLES = frozenset({Role.ONE_STOP, Role.SPECIALIST, Role.LEADER})


def _seed(stdout=None) -> None:  # type: ignore[no-untyped-def]
    from danvan.dossiers.demo import seed

    seed(stdout)


def register() -> None:
    from danvan.dossiers import enablement, indicators, rule_data, rules
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
            key="dossiers",
            prefix=rules.PREFIX,
            resolve=rules.resolve,
            rules=rules.rules,
            shipped=rule_data.shipped,
            areas=rule_data.AREAS,
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
    from danvan.cases.kinds import register_kind
    from danvan.dossiers.kinds import manifest

    register_kind(manifest())
