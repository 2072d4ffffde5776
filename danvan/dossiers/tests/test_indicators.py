"""Indicators on a small fixture whose values were worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.registry import registries
from danvan.dossiers import indicators as ind
from danvan.dossiers.services import (
    dossier_apologise,
    dossier_rate,
    dossier_receive,
    dossier_result_ready,
    dossier_supplement_received,
)

from .conftest import DOCS, vn

ALL2 = dict.fromkeys(
    ("time", "bodies", "visits", "publicity", "attitude", "fees", "complaints", "online", "other"),
    2,
)
OCT = (date(2026, 10, 1), date(2026, 10, 31))


@pytest.fixture
def month(receive, officer_a, officer_b, unit_a, unit_b, procedure):
    # d1: 5/10 → result 7/10, on time, rated all 2.
    d1 = dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 7, 9, 0))
    dossier_rate(dossier=d1, scores=ALL2, channel="online", at=vn(2026, 10, 8, 9, 0))
    # d2: 5/10, apology on 6/10 (new date 13/10), result 12/10: late, rated with a 0.
    d2 = dossier_apologise(
        dossier=receive(),
        actor=officer_a,
        new_date=date(2026, 10, 13),
        reason="Chờ xác minh",
        at=vn(2026, 10, 6, 9, 0),
    )
    d2 = dossier_result_ready(dossier=d2, actor=officer_a, at=vn(2026, 10, 12, 9, 0))
    dossier_rate(
        dossier=d2,
        scores={**ALL2, "time": 0},
        channel="desk",
        actor=officer_a,
        at=vn(2026, 10, 12, 10, 0),
    )
    # d3: online 6/10, incomplete, completed 8/10 (2 visits), still open, due 13/10 (past).
    d3 = receive(channel="online", documents_received=[DOCS[0]], received_at=vn(2026, 10, 6, 9, 0))
    dossier_supplement_received(dossier=d3, actor=officer_a, at=vn(2026, 10, 8, 9, 0))
    # d4: refused — not a received dossier.
    receive(refusal_reason="Không thuộc thẩm quyền")
    # unit B: one on time; and an A dossier of November, outside the month.
    b = dossier_receive(
        unit=unit_b,
        procedure=procedure,
        actor=officer_b,
        applicant_name="Lê Văn C",
        received_at=vn(2026, 10, 5, 9, 0),
    )
    dossier_result_ready(dossier=b, actor=officer_b, at=vn(2026, 10, 6, 9, 0))
    receive(received_at=vn(2026, 11, 2, 9, 0))
    return unit_a.pk, unit_b.pk


def test_values_worked_by_hand(month, django_assert_max_num_queries):
    a, b = month
    ids = [a, b]
    with django_assert_max_num_queries(2):
        assert ind.on_time_rate(ids, *OCT) == {a: (1.0, 3.0), b: (1.0, 1.0)}
    assert ind.avg_processing_days(ids, *OCT)[a] == (9.0, 2.0)  # 2 days + 7 days
    assert ind.multi_visit_share(ids, *OCT)[a] == (1.0, 3.0)
    assert ind.apology_rate(ids, *OCT)[a] == (1.0, 2.0)
    assert ind.satisfaction(ids, *OCT) == {a: (1.0, 2.0)}
    assert ind.online_share(ids, *OCT)[a] == (1.0, 3.0)


def test_exclusive_month_end_is_accepted(month):
    a, _ = month
    assert ind.multi_visit_share([a], date(2026, 10, 1), date(2026, 11, 1))[a] == (1.0, 3.0)
    assert ind.multi_visit_share([a], date(2026, 11, 1), date(2026, 12, 1))[a] == (0.0, 1.0)


def test_registered_for_the_evaluation():
    keys = {i.key for i in registries.indicators if i.key.startswith("dossiers.")}
    assert keys == {
        "dossiers.on_time_rate",
        "dossiers.avg_processing_days",
        "dossiers.multi_visit_share",
        "dossiers.apology_rate",
        "dossiers.satisfaction",
        "dossiers.online_share",
    }
    assert all(i.area == 3 and i.source for i in ind.INDICATORS)


def test_on_time_failures_are_explained_in_one_query(month, django_assert_max_num_queries):
    a, b = month
    with django_assert_max_num_queries(1):
        explained = ind.explain_on_time([a, b], *OCT)
    # A: d2 finished late and d3 still open past its due date; B had no failure.
    assert set(explained) == {a}
    assert len(explained[a]["cases"]) == 2
    assert sum(explained[a]["groups"].values()) == 2
    assert explained[a]["queue"] == {"unit": a, "kind": "dossier"}
