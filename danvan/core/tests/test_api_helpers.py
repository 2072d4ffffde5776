"""The shared API conventions: paged lists and scoped idempotency keys."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from pydantic import ValidationError

from danvan.core.api_helpers import PageQuery, idempotency_digest, idempotency_key, page_of


def test_page_of_a_list():
    rows = list(range(1, 121))
    page = page_of(rows, PageQuery(page=3, page_size=50), lambda n: {"n": n})
    assert page["count"] == 120 and page["page"] == 3 and page["page_size"] == 50
    assert page["results"] == [{"n": n} for n in range(101, 121)]
    assert page_of(rows, PageQuery(page=9, page_size=50))["results"] == []


def test_page_of_a_queryset_costs_two_queries(db, django_assert_num_queries):
    from danvan.core.models import AuditEntry

    for action in ("a", "b", "c"):
        AuditEntry.objects.create(action=action)
    with django_assert_num_queries(2):
        page = page_of(AuditEntry.objects.order_by("id"), PageQuery(page=1, page_size=2), str)
    assert page["count"] == 3 and len(page["results"]) == 2


def test_page_bounds():
    with pytest.raises(ValidationError):
        PageQuery(page=0)
    with pytest.raises(ValidationError):
        PageQuery(page_size=201)
    assert PageQuery().page == 1 and PageQuery().page_size == 50


def test_idempotency_key_is_scoped_to_the_caller():
    user, other = SimpleNamespace(pk=7), SimpleNamespace(pk=8)
    request = RequestFactory().post("/", HTTP_IDEMPOTENCY_KEY=" abc ")
    assert idempotency_key(request, user) == "api:7:abc"
    assert idempotency_key(request, other) == "api:8:abc"
    # The header wins over the body field; none at all is None.
    assert idempotency_key(request, user, "body") == "api:7:abc"
    assert idempotency_key(RequestFactory().post("/"), user, "body") == "api:7:body"
    assert idempotency_key(RequestFactory().post("/"), user) is None


def test_long_keys_are_digested_not_cut():
    user = SimpleNamespace(pk=7)
    a = idempotency_key(RequestFactory().post("/", HTTP_IDEMPOTENCY_KEY="x" * 60 + "a"), user)
    b = idempotency_key(RequestFactory().post("/", HTTP_IDEMPOTENCY_KEY="x" * 60 + "b"), user)
    assert a != b and len(a) == len(b) == 64 and a.startswith("api:")
    assert len(idempotency_digest("api:7:abc")) == 64
