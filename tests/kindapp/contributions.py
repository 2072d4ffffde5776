"""Everything the kind adds to the product, in one place: no file of ``danvan/`` names it."""

from __future__ import annotations

from danvan.cases.kinds import register_kind
from danvan.core.registry import DeadlineRuleSource, UrlMount, registries


def register() -> None:
    from tests.kindapp import indicators, rule_data
    from tests.kindapp.kind import MANIFEST

    register_kind(MANIFEST)
    registries.deadline_rule_sources.register(
        "kindapp",
        DeadlineRuleSource(key="kindapp", shipped=rule_data.shipped, areas=rule_data.AREAS),
    )
    registries.indicators.register(
        indicators.STREET_LIGHTS_ON_TIME.key, indicators.STREET_LIGHTS_ON_TIME
    )
    registries.url_mounts.register(
        "kindapp", UrlMount("kindapp", "den-duong/", "tests.kindapp.urls", order=200)
    )
