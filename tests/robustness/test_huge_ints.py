"""Every query parameter the project reads, given integers no database column holds.

The parameter names are read from the code (``GET.get("…")`` in views, query parameters
in the OpenAPI schema), so a filter added tomorrow is walked the day it is written.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.robustness.conftest import hit, report
from tests.robustness.urlwalk import all_routes, urls_for

ROOT = Path(__file__).resolve().parents[2] / "danvan"
_READ = re.compile(r"""(?:GET|get|params|query)\.get\(\s*["']([a-z_]+)["']""")
HUGE = ["9223372036854775808", "-9223372036854775809", "9" * 40, "²"]


def known_query_params() -> set[str]:
    names: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "/tests/" in str(path) or "/migrations/" in str(path):
            continue
        names.update(_READ.findall(path.read_text("utf-8")))
    from danvan.api.urls import api

    schema = api.get_openapi_schema()
    for operations in schema["paths"].values():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                if param.get("in") == "query":
                    names.add(param["name"])
    return names


def test_the_parameter_list_is_read_from_the_code():
    names = known_query_params()
    # The filter that gave a 500 on SQLite, and ones from the API and the public pages.
    assert {"assignee", "unit", "page", "year", "nam", "page_size"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("value", HUGE)
def test_huge_integers_in_every_query_parameter_never_500(value, cast, world):
    names = sorted(known_query_params())
    query = "?" + urlencode(dict.fromkeys(names, value))
    failures = []
    requests = 0
    for route in all_routes():
        if route.template.startswith("quan-tri/"):
            continue
        url = urls_for(route, world.for_route(route.template))[0]
        for who in ("anonymous", "officer_a"):
            requests += 1
            _response, failure = hit(cast[who], who, "get", url + query)
            if failure:
                failures.append(failure)
    assert requests > 100
    assert not failures, report(failures)


@pytest.mark.django_db
def test_the_queue_filters_by_a_huge_assignee_without_error(client_a, officer_a):
    response = client_a.get("/ho-so-viec/", {"assignee": "9223372036854775808"})
    assert response.status_code == 200
    response = client_a.get("/ho-so-viec/", {"unit": "9223372036854775808", "assignee": "-1"})
    assert response.status_code == 200
