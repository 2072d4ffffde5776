"""What surveys contribute to the shared registries."""

from __future__ import annotations


def register() -> None:
    # Filled in as the pages, API, nav entry and demo seeder land.
    return None
