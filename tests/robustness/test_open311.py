"""Open311 GeoReport v2: junk parameters get the spec's error list, never a 5xx.

Errors in GeoReport v2 are a list of ``{code, description}``: ``[{"code": 400, ...}]`` in
JSON, ``<errors><error><code/><description/></error></errors>`` in XML.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from django.test import Client

from danvan.accounts.auth import api_token_create
from tests.robustness.conftest import Failure, hit, report

JUNK = [
    "",
    "99999",
    "<x>",
    "x" * 3000,
    "Xã ☃",
    "\x00",
    "-1",
    "9" * 400,
    "nan",
    "inf",
    "2026-02-30",
    "2026-02-31T00:00:00Z",
    "2026-13-45T25:61:00",
    "31/01/2026",
    "open,closed,x",
    ",,,",
    "a" * 101 + ",",
]
GET_PARAMS = [
    "jurisdiction_id",
    "service_request_id",
    "service_code",
    "start_date",
    "end_date",
    "status",
]
POST_FIELDS = [
    "jurisdiction_id",
    "service_code",
    "description",
    "lat",
    "long",
    "address_string",
    "first_name",
    "last_name",
    "phone",
    "email",
    "account_id",
]


def _check_error_shape(fmt: str, response) -> str | None:
    """None if ``response`` (a 4xx) is a GeoReport v2 error list, else what is wrong."""
    try:
        if fmt == "json":
            items = json.loads(response.content)
            ok = (
                isinstance(items, list)
                and items
                and all(
                    isinstance(i, dict) and i.get("code") and i.get("description") for i in items
                )
            )
        else:
            root = ElementTree.fromstring(response.content)
            ok = (
                root.tag == "errors"
                and all(
                    e.findtext("code") and e.findtext("description") for e in root.findall("error")
                )
                and len(root.findall("error")) > 0
            )
    except (ValueError, ElementTree.ParseError) as exc:
        return f"unparsable: {exc}"
    return None if ok else f"not a GeoReport error list: {response.content[:200]!r}"


def _go(client, failures, fmt, method, url, **kwargs):
    response, failure = hit(client, "open311", method, url, **kwargs)
    if failure:
        failures.append(failure)
    elif (
        400 <= response.status_code < 500
        and url.endswith(("json", "xml"))
        or (400 <= response.status_code < 500 and "?" in url)
    ):
        problem = _check_error_shape(fmt, response)
        if problem:
            failures.append(Failure("open311", method.upper(), url, response.status_code, problem))
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_with_junk_parameters(fmt, world, unit_a):
    client, failures = Client(), []
    for path in ("discovery", "services", "requests"):
        _go(client, failures, fmt, "get", f"/open311/v2/{path}.{fmt}")
    for param in GET_PARAMS:
        for value in JUNK:
            query = (
                {param: value}
                if param == "jurisdiction_id"
                else {param: value, "jurisdiction_id": unit_a.code}
            )
            _go(client, failures, fmt, "get", f"/open311/v2/requests.{fmt}?{urlencode(query)}")
    for path in ("services", "requests", "tokens"):
        for value in ("99999", "ZZ-000000-0000", "x" * 3000, "khong_co"):
            _go(client, failures, fmt, "get", f"/open311/v2/{path}/{value}.{fmt}")
    assert not failures, report(failures)
    bad = client.get(f"/open311/v2/requests.{fmt}", {"status": "maybe"})
    assert bad.status_code == 400
    assert _check_error_shape(fmt, bad) is None


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_with_junk_fields(fmt, unit_a, officer_a, officer_b):
    client, failures = Client(), []
    key_a = api_token_create(user=officer_a, label="open311")[1]
    key_b = api_token_create(user=officer_b, label="open311")[1]
    base = {
        "api_key": key_a,
        "jurisdiction_id": unit_a.code,
        "service_code": "roads",
        "description": "Đường liên thôn bị sạt lở sau mưa lớn.",
        "address_string": "Thôn Nà Pán",
    }
    url = f"/open311/v2/requests.{fmt}"
    for field in POST_FIELDS:
        for value in JUNK:
            _go(client, failures, fmt, "post", url, data={**base, field: value})
    for api_key in ("", "dv_" + "A" * 43, "x" * 500, key_b):
        response = _go(client, failures, fmt, "post", url, data={**base, "api_key": api_key})
        assert response is None or response.status_code == 403
    assert not failures, report(failures)
