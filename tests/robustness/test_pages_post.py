"""POST junk to every page that accepts POST, as the whole cast."""

from __future__ import annotations

import pytest

from tests.robustness.conftest import hit, report
from tests.robustness.junkforms import bodies, form_fields
from tests.robustness.urlwalk import all_routes, grouped, urls_for

# The JSON API and Open311 have their own tests (JSON bodies, spec errors).
ROUTES = [r for r in all_routes() if not r.template.startswith(("api/", "open311/"))]
GROUPS = grouped(ROUTES)
REFUSAL_BODIES = ("empty", "junk 0", "invalid utf-8 multipart")


def _fields_for(client, url: str) -> dict[str, str]:
    """Field names of the page's forms; for an action URL (POST only), its parent page's,
    which is where the action's form is shown (e.g. a case page holds the pause form)."""
    for candidate in (url, url.rstrip("/").rsplit("/", 1)[0] + "/"):
        page, _failure = hit(client, "officer_a", "get", candidate)
        if (
            page is not None
            and page.status_code == 200
            and page.get("Content-Type", "").startswith("text/html")
        ):
            return form_fields(page.content)
    return {}


def _post_route(route, cast, world, failures: list) -> int:
    real = world.for_route(route.template)
    urls = urls_for(route, real)
    # The fields the page really shows to officer_a (who may see most forms): junk typed
    # into them is what reaches the form's cleaning and the service behind it.
    fields = _fields_for(cast["officer_a"], urls[0])
    probe, failure = hit(cast["officer_a"], "officer_a", "post", urls[0])
    if failure:
        failures.append(failure)
    if probe is not None and probe.status_code == 405:
        for who in ("anonymous", "officer_b"):
            _r, failure = hit(cast[who], who, "post", urls[0])
            if failure:
                failures.append(failure)
        return 0
    every = bodies(fields)
    for who, client in cast.items():
        # officer_a reaches the forms, so meets every body; the others are refused (or see
        # public forms) before parsing matters, so three bodies each prove the refusal holds.
        mine = every if who == "officer_a" else [b for b in every if b[0] in REFUSAL_BODIES]
        for label, kwargs in mine:
            _r, failure = hit(client, who, "post", urls[0], **kwargs)
            if failure:
                failure.error = f"[{label}] {failure.error}"
                failures.append(failure)
        # Junk in the path with an empty body: the 404 must come before any parsing.
        for url in urls[1:] if who in ("anonymous", "officer_a") else urls[1:2]:
            _r, failure = hit(client, who, "post", url, data={})
            if failure:
                failures.append(failure)
    return 1


@pytest.mark.django_db
@pytest.mark.parametrize("group", list(GROUPS))
def test_post_never_500(group, cast, world):
    failures: list = []
    accepting = sum(_post_route(route, cast, world, failures) for route in GROUPS[group])
    assert not failures, report(failures)
    if group in ("dia-ban", "don-thu", "mot-cua", "ho-so-viec", "tai-khoan"):
        assert accepting > 0  # the walk did reach views that take POST
