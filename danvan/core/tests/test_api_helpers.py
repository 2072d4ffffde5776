"""The shared API convention for lists: paged the same way everywhere."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from danvan.core.api_helpers import PageQuery, page_of


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
