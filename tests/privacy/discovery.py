"""What the privacy crawl finds by itself, from the registries: every kind of case a
manifest declares and every route an app mounts (``url_mounts``, ``api_routers``), so that a
new app is crawled the day it registers, without editing ``tests/``."""

from __future__ import annotations

from danvan.cases.kinds import CaseKindManifest, kinds
from danvan.core.registry import registries
from tests.robustness.urlwalk import Route, all_routes

API_PREFIX = "api/v1/"


def kinds_to_crawl() -> list[CaseKindManifest]:
    """Every registered kind whose clock the core can start by itself (a rule id in the
    manifest); the others (a dossier: its procedure's rule) are opened by their app in the
    crawl's world."""
    return [m for m in kinds if m.rules]


def mounted_get_routes() -> list[Route]:
    """Every route under an app's URL mount or the API, as discovered from the resolver."""
    prefixes = tuple(m.prefix for m in registries.url_mounts) + (API_PREFIX,)
    return [r for r in all_routes() if r.template.startswith(prefixes)]


def fill(route: Route, values: dict[str, str]) -> str | None:
    """The route with its parameters from ``values``; None if one has no value."""
    names = [name for name, _kind in route.params]
    if any(name not in values for name in names):
        return None
    return "/" + route.template.format(**{n: values[n] for n in names})
