"""What the statistics half contributes to the registries; called from the app's
``contributions.register()``."""

from __future__ import annotations

from danvan.core.registry import ApiRouterMount, DemoSeeder, UrlMount, registries


def _seed(stdout=None) -> None:  # type: ignore[no-untyped-def]
    from danvan.surveys.results.demo import seed

    seed(stdout)


def register() -> None:
    registries.api_routers.register(
        "surveys_estimates",
        ApiRouterMount("surveys_estimates", "danvan.surveys.results.api", order=81),
    )
    registries.url_mounts.register(
        "surveys_results",
        UrlMount("surveys_results", "khao-sat/ket-qua/", "danvan.surveys.results.urls", order=81),
    )
    # After the collection half's seeder (order 80), which fills the demo survey.
    registries.demo_seeders.register(
        "surveys_results", DemoSeeder("surveys_results", _seed, order=85)
    )
    from danvan.surveys.results import indicators, signals

    indicators.register()
    signals.register()
