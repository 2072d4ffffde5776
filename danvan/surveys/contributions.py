"""What surveys contribute to the shared registries."""

from __future__ import annotations


def register() -> None:
    # Filled in as the pages, API, nav entry and demo seeder land.
    from danvan.surveys.results import contributions as results

    results.register()  # the statistics half: estimates API, results pages, indicators
