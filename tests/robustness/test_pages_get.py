"""GET every page of the project with junk and missing path values, as the whole cast."""

from __future__ import annotations

import pytest

from tests.robustness.conftest import hit, report
from tests.robustness.urlwalk import all_routes, grouped, urls_for

ROUTES = all_routes()
GROUPS = grouped(ROUTES)
# Filters that list pages read: junk for each, in one query string.
JUNK_QUERY = (
    "?page=99999999999999999999&q=%00&sort=<x>&unit=ZZ&year=abc&month=13&status=%FF"
    "&date=31/02/2026&from=x&to=y&kind=<script>&tab=%C3%28&code=" + "x" * 2000
)


def test_the_walk_covers_every_app():
    # A walk that silently lost an include would pass vacuously. Every app's mount comes
    # from the registry, so a new app is expected here without editing this file.
    from danvan.core.registry import registries

    mounted = {m.prefix.split("/", 1)[0] for m in registries.url_mounts}
    assert {"tai-khoan", "dia-ban", "thoi-han", "ho-so-viec", "tra-cuu"} <= mounted
    for expected in (*mounted, "api", "quan-tri", "(root)"):
        assert expected in GROUPS
    assert len(ROUTES) > 60
    names = {r.id.split(":", 1)[0] for r in ROUTES}
    assert {"unit_edit", "village_import", "public_submit", "act", "notice"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("group", list(GROUPS))
def test_get_never_500(group, cast, world):
    failures = []
    requests = 0
    for route in GROUPS[group]:
        real = world.for_route(route.template)
        urls = urls_for(route, real)
        n_real = sum(1 for u in urls if any(v in u for vs in real.values() for v in vs))
        for who, client in cast.items():
            # Junk values stop at the same lookup for everyone signed in; officer_b and the
            # viewer walk the real objects (scoping code) and the first junk value.
            mine = urls if who in ("anonymous", "officer_a") else urls[: n_real + 1]
            if who in ("anonymous", "officer_a"):
                mine = [*mine, urls[0] + JUNK_QUERY]
            for url in mine:
                requests += 1
                _response, failure = hit(client, who, "get", url)
                if failure:
                    failures.append(failure)
    assert requests >= len(GROUPS[group]) * 4
    assert not failures, report(failures)
