"""What evaluation contributes: its pages, its API router, the scorecard on each commune's
public page, the incremental updates and the demo's computed history."""

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role
from danvan.core.registry import (
    ApiRouterMount,
    DeadlineRuleSource,
    DemoSeeder,
    NavItem,
    PeriodicJob,
    PublicPage,
    UnitPageSection,
    UrlMount,
    registries,
)

READERS = frozenset(
    {Role.PROVINCE_VIEWER, Role.APPRAISER, Role.LEADER, Role.PARTY_SECRETARY, Role.ADMIN}
)


def _scorecard(request, unit):  # type: ignore[no-untyped-def]
    from danvan.evaluation.views import scorecard_section

    return scorecard_section(request, unit)


def _published_grade(request, unit):  # type: ignore[no-untyped-def]
    from danvan.evaluation.yearly.public import unit_section

    return unit_section(request, unit)


def _seed(stdout=None) -> None:  # type: ignore[no-untyped-def]
    from danvan.evaluation.demo import seed

    seed(stdout)


def _seed_scoring(stdout=None) -> None:  # type: ignore[no-untyped-def]
    from danvan.evaluation.yearly.demo import seed

    seed(stdout)


def register() -> None:
    from danvan.cases.kinds import register_kind
    from danvan.cases.models import Case, CaseEvent
    from danvan.evaluation import incremental
    from danvan.evaluation.yearly import kinds, rule_data

    # The yearly scoring: its two steps on the clock, with the province's dates.
    register_kind(kinds.SELF_MANIFEST)
    register_kind(kinds.APPRAISAL_MANIFEST)
    registries.deadline_rule_sources.register(
        "evaluation",
        DeadlineRuleSource(key="evaluation", shipped=rule_data.shipped, areas=rule_data.AREAS),
    )
    registries.api_routers.register(
        "evaluation.scoring",
        ApiRouterMount("evaluation.scoring", "danvan.evaluation.yearly.api", order=91),
    )
    registries.api_routers.register(
        "evaluation.reports",
        ApiRouterMount("evaluation.reports", "danvan.evaluation.reports.api", order=92),
    )
    registries.nav.register(
        "evaluation.scoring",
        NavItem(
            "evaluation.scoring",
            "evaluation:scoring",
            _("Chấm điểm hằng năm"),
            roles=READERS,
            order=91,
        ),
    )
    # After the evaluation's history: the cycle is pre-filled from the computed values.
    registries.demo_seeders.register(
        "evaluation.scoring", DemoSeeder("evaluation.scoring", _seed_scoring, order=910)
    )

    # Open months' on-time rates depend on today's date: recompute them once a day.
    registries.periodic_jobs.register(
        "evaluation.open_months",
        PeriodicJob("evaluation.open_months", "compute_indicators", 24 * 3600, ("--open",)),
    )
    # The deferred run after a change is the rule; this catches marks a stopped worker left.
    registries.periodic_jobs.register(
        "evaluation.stale_months",
        PeriodicJob("evaluation.stale_months", "compute_indicators", 15 * 60, ("--stale",)),
    )
    # Review reports whose build task was lost in a crash, or whose builder died.
    registries.periodic_jobs.register(
        "evaluation.reports", PeriodicJob("evaluation.reports", "build_reports", 60)
    )
    registries.url_mounts.register(
        "evaluation", UrlMount("evaluation", "danh-gia/", "danvan.evaluation.urls", order=100)
    )
    registries.api_routers.register(
        "evaluation", ApiRouterMount("evaluation", "danvan.evaluation.api", order=90)
    )
    registries.public_pages.register(
        "evaluation.catalogue",
        PublicPage(
            "evaluation.catalogue",
            "evaluation:catalogue",
            _("Bộ chỉ số đánh giá"),
            _("Các chỉ số đo công tác dân vận chính quyền của từng xã, với nguồn và căn cứ."),
            order=90,
        ),
    )
    registries.public_pages.register(
        "evaluation.scoring_public",
        PublicPage(
            "evaluation.scoring_public",
            "evaluation:scoring_public_index",
            _("Xếp loại dân vận chính quyền"),
            _("Điểm và xếp loại hằng năm của từng xã, phường theo quyết định đã công bố của tỉnh."),
            order=91,
        ),
    )
    registries.nav.register(
        "evaluation.overview",
        NavItem(
            "evaluation.overview", "evaluation:overview", _("Đánh giá"), roles=READERS, order=90
        ),
    )
    registries.unit_page_sections.register(
        "evaluation.scorecard", UnitPageSection("evaluation.scorecard", _scorecard, order=90)
    )
    registries.unit_page_sections.register(
        "evaluation.published_grade",
        UnitPageSection("evaluation.published_grade", _published_grade, order=91),
    )
    # Last: it computes what the other seeders wrote.
    registries.demo_seeders.register("evaluation", DemoSeeder("evaluation", _seed, order=900))
    post_save.connect(incremental.on_case_saved, sender=Case, dispatch_uid="evaluation.case")
    post_save.connect(incremental.on_event_saved, sender=CaseEvent, dispatch_uid="evaluation.event")
    from danvan.core.signals import indicator_inputs_changed

    indicator_inputs_changed.connect(
        incremental.on_indicator_inputs_changed, dispatch_uid="evaluation.indicator_inputs"
    )
