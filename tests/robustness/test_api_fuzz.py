"""Every operation of /api/v1/openapi.json called with junk, with and without a token.

No 5xx, ever; every 4xx answers JSON with ``code`` and ``message``. The operations are read
from the published schema, so a new endpoint is fuzzed the day it is mounted.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.accounts.auth import api_token_create
from tests.robustness.conftest import Failure, hit, report

JUNK = [
    "",
    "99999",
    "ZZ-000000-0000",
    "<script>alert(1)</script>",
    "x" * 3000,
    "Xã ☃ 𝔘",
    "\x00",
    "a\x00b",
    "-1",
    "9" * 400,
    "1e309",
    "2026-02-31",
]
JSON_JUNK = [
    None,
    True,
    -1,
    10**40,
    1.5e308,
    "",
    "\x00",
    "x" * 20000,
    [],
    {},
    ["a", None],
    {"$gt": ""},
    "Xã ☃ 𝔘",
]
# Plausible values for fields the schema names, so one junk field at a time reaches the
# service behind the validation rather than stopping at the first missing field.
PLAUSIBLE = {
    "unit": "99001",
    "procedure": "1.001193",
    "kind": "complaint",
    "content": "Khiếu nại việc thu hồi đất chưa được trả lời đúng hạn.",
    "applicant_name": "Nguyễn Văn Đức",
    "sender_name": "Nguyễn Văn Dân",
    "channel": "desk",
}


def _spec() -> dict:
    import django

    django.setup()
    return json.loads(Client().get("/api/v1/openapi.json").content)


def _operations(spec: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, op)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _body_fields(spec: dict, op: dict) -> list[str]:
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = body.get("schema", {})
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return list(schema.get("properties", {}))


def _url(path: str, path_values: dict[str, str], query: dict[str, str]) -> str:
    for name, value in path_values.items():
        path = path.replace("{" + name + "}", quote(value, safe="") or "%20")
    return path + ("?" + urlencode(query) if query else "")


@pytest.fixture
def tokens(officer_a, officer_b, province_viewer) -> dict[str, str | None]:
    return {
        "none": None,
        "officer_a": api_token_create(user=officer_a, label="fuzz")[1],
        "officer_b": api_token_create(user=officer_b, label="fuzz")[1],
        "province_viewer": api_token_create(user=province_viewer, label="fuzz")[1],
        "forged": "dv_" + "A" * 43,
        "garbage": "x" * 500 + "☃",
    }


def _call(client, who, token, method, url, body=None, raw=None) -> Failure | None:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "get":
        response, failure = hit(client, who, "get", url, **headers)
    else:
        data = raw if raw is not None else json.dumps(body)
        response, failure = hit(
            client, who, method, url, data=data, content_type="application/json", **headers
        )
    if failure or response is None:
        return failure
    if 400 <= response.status_code < 500:
        problem = None
        try:
            payload = json.loads(response.content)
        except ValueError:
            problem = "not JSON"
        else:
            if (
                not isinstance(payload, dict)
                or not payload.get("code")
                or not payload.get("message")
            ):
                problem = f"no code/message: {payload!r:.200}"
        if problem:
            return Failure(
                who,
                method.upper(),
                url,
                response.status_code,
                f"{problem}: {response.content[:200]!r}",
            )
    return None


SPEC = _spec()
OPERATIONS = _operations(SPEC)


def test_the_spec_lists_the_apps_operations():
    paths = {p for _m, p, _o in OPERATIONS}
    assert {"/api/v1/provinces", "/api/v1/letters", "/api/v1/dossiers", "/api/v1/me"} <= paths


@pytest.mark.django_db
@pytest.mark.parametrize("method,path,op", OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_operation_with_junk(method, path, op, tokens, world):
    """Each parameter and each body field in turn gets every junk value, the rest plausible."""
    client = Client()
    params = op.get("parameters", [])
    fields = _body_fields(SPEC, op)
    base_path = {p["name"]: PLAUSIBLE.get(p["name"], "99001") for p in params if p["in"] == "path"}
    base_query = {
        p["name"]: PLAUSIBLE.get(p["name"], "1")
        for p in params
        if p["in"] == "query" and p.get("required")
    }
    base_body = {f: PLAUSIBLE.get(f, "x") for f in fields}
    failures: list[Failure] = []

    def call(who, token, url, body=None, raw=None):
        failure = _call(client, who, token, method, url, body, raw)
        if failure:
            failures.append(failure)

    for who in ("none", "officer_a"):
        token = tokens[who]
        for p in params:
            for value in JUNK:
                pv, qv = dict(base_path), dict(base_query)
                (pv if p["in"] == "path" else qv)[p["name"]] = value
                call(who, token, _url(path, pv, qv), base_body)
        for f in fields:
            for value in JSON_JUNK:
                call(who, token, _url(path, base_path, base_query), {**base_body, f: value})
        if method != "get":
            url = _url(path, base_path, base_query)
            for raw in (b"", b"{", b"[]", b"null", b'"x"', b"\xff\xfe", b'{"a":' * 2000):
                call(who, token, url, raw=raw)
    # The other identities: plausible values and one junk body each.
    for who in ("officer_b", "province_viewer", "forged", "garbage"):
        call(who, tokens[who], _url(path, base_path, base_query), base_body)
        call(who, tokens[who], _url(path, dict.fromkeys(base_path, "\x00"), base_query), {})
    assert not failures, report(failures)


@pytest.mark.django_db
def test_unknown_paths_and_methods_answer_json(tokens):
    client = Client()
    failures = []
    for url in ("/api/v1/khong-co", "/api/v1/units/a/b", "/api/v1/letters/x/y/z", "/api/v1/%00"):
        failure = _call(client, "none", None, "get", url)
        if failure:
            failures.append(failure)
        assert client.get(url).status_code in (400, 404)  # "%00" is refused before routing
    for _method, path, _op in OPERATIONS:
        declared = set(SPEC["paths"][path])
        for method in {"put", "patch", "delete", "post", "get"} - declared:
            url = _url(path, {"code": "99001"}, {})
            response = getattr(client, method)(
                url, HTTP_AUTHORIZATION=f"Bearer {tokens['officer_a']}"
            )
            assert response.status_code == 405, (method, url)
            failure = _call(client, "officer_a", tokens["officer_a"], method, url, body={})
            if failure:
                failures.append(failure)
    assert not failures, report(failures)


# Hypothesis: arbitrary text and JSON in every slot, derandomized so CI is reproducible.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


@pytest.mark.django_db
@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_operations_with_generated_input(data, tokens):
    method, path, op = data.draw(st.sampled_from(OPERATIONS))
    who = data.draw(st.sampled_from(["none", "officer_a", "officer_b"]))
    params = op.get("parameters", [])
    pv = {
        p["name"]: data.draw(st.text(min_size=1, max_size=30)) for p in params if p["in"] == "path"
    }
    qv = {
        p["name"]: data.draw(st.text(max_size=30))
        for p in params
        if p["in"] == "query" and (p.get("required") or data.draw(st.booleans()))
    }
    body = {f: data.draw(json_values) for f in _body_fields(SPEC, op)}
    failure = _call(Client(), who, tokens[who], method, _url(path, pv, qv), body)
    assert failure is None, str(failure)
