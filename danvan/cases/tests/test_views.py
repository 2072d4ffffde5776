"""The work queue and the case page."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.cases import services
from danvan.cases.kinds import kind_manifest, temporary_kind
from danvan.cases.models import Case, CaseEventKind, CaseStatus
from danvan.cases.selectors_queue import COUNT_CAP, QueueFilters, phone_variants, queue_cases
from danvan.cases.tests.conftest import open_case

pytestmark = pytest.mark.django_db


def _recent(unit, **kwargs):  # type: ignore[no-untyped-def]
    """A case received today, so that its due date is in the future."""
    return open_case(unit, received_at=timezone.now() - timedelta(minutes=5), **kwargs)


def test_queue_lists_and_badges(client_a, unit_a, officer_a):
    overdue = open_case(unit_a)  # received March 2026, long overdue by now or soon
    fresh = _recent(unit_a, applicant_name="Lê Văn Đức", applicant_phone="0987654321")
    page = client_a.get(reverse("cases:queue")).content.decode()
    assert overdue.code in page and fresh.code in page
    today = timezone.localdate()
    if overdue.due_date < today:
        assert "Quá hạn" in page
    assert "Còn " in page


def test_queue_quick_filters(client_a, unit_a, officer_a):
    old = open_case(unit_a)
    fresh = _recent(unit_a)
    waiting = _recent(unit_a)
    services.case_pause(case=waiting, actor=officer_a, at=timezone.now(), reason="Chờ")
    done = _recent(unit_a)
    services.case_close(case=done, actor=officer_a, status=CaseStatus.RESOLVED, at=timezone.now())

    def codes(**params):  # type: ignore[no-untyped-def]
        html = client_a.get(reverse("cases:queue"), params).content.decode()
        return {c.code for c in (old, fresh, waiting, done) if c.code in html}

    today = timezone.localdate()
    assert codes() == {old.code, fresh.code, waiting.code}
    assert codes(quick="waiting") == {waiting.code}
    assert codes(quick="closed") == {done.code}
    if old.due_date < today:
        assert codes(quick="overdue") == {old.code}
    assert fresh.code not in codes(quick="today") or fresh.due_date == today
    assert codes(status="resolved") == {done.code}


def test_queue_tabs_and_filters(client_a, unit_a, officer_a):
    mine = _recent(unit_a, kind="petition")
    services.case_assign(case=mine, actor=officer_a, assignee=officer_a)
    other = _recent(unit_a)
    html = client_a.get(reverse("cases:queue"), {"tab": "mine"}).content.decode()
    assert mine.code in html and other.code not in html
    html = client_a.get(reverse("cases:queue"), {"kind": "petition"}).content.decode()
    assert mine.code in html and other.code not in html
    html = client_a.get(reverse("cases:queue"), {"assignee": officer_a.pk}).content.decode()
    assert mine.code in html and other.code not in html
    # Garbage in the query string is ignored, never a 500.
    response = client_a.get(reverse("cases:queue"), {"unit": "x'; drop", "kind": "?", "page": "-3"})
    assert response.status_code == 200


def test_search_by_code_name_without_accents_and_phone(officer_a, unit_a):
    hoa = _recent(unit_a, applicant_name="Nguyễn Thị Hoà", applicant_phone="0912000111")
    duc = _recent(unit_a, applicant_name="Lê Văn Đức", applicant_phone="0987000222")

    def found(q):  # type: ignore[no-untyped-def]
        return set(queue_cases(officer_a, QueueFilters(q=q)).values_list("code", flat=True))

    assert found("le van duc") == {duc.code}
    assert found("Hoà") == {hoa.code}
    assert found("+84 912 000 111") == {hoa.code}
    assert found("0987000222") == {duc.code}
    assert found(duc.code) == {duc.code}
    assert found("không có ai") == set()
    assert "0912000111" in phone_variants("84912000111")


def test_queue_pagination_and_constant_queries(
    client_a, client_viewer, unit_a, officer_a, django_assert_max_num_queries
):
    for _ in range(55):
        _recent(unit_a)
    with django_assert_max_num_queries(9):
        first = client_a.get(reverse("cases:queue"))
    assert first.status_code == 200
    assert len(first.context["page"].object_list) == 50
    second = client_a.get(reverse("cases:queue"), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    for _ in range(30):
        _recent(unit_a)
    # Same number of queries with more rows in the table, for a search, for the viewer.
    with django_assert_max_num_queries(9):
        client_a.get(reverse("cases:queue"))
    with django_assert_max_num_queries(9):
        client_a.get(reverse("cases:queue"), {"q": "nguyen", "quick": "week"})
    with django_assert_max_num_queries(9):
        assert client_viewer.get(reverse("cases:queue")).status_code == 200


def test_capped_count(officer_a, unit_a, monkeypatch):
    from danvan.cases import selectors_queue

    monkeypatch.setattr(selectors_queue, "COUNT_CAP", 3)
    for _ in range(5):
        _recent(unit_a)
    page = selectors_queue.paginate(queue_cases(officer_a, QueueFilters()), 1)
    assert page.paginator.count == 4 and page.paginator.capped
    assert COUNT_CAP == 1_000


def test_case_page_shows_timeline_explanation_and_actions(client_a, case_a):
    html = client_a.get(reverse("cases:detail", args=[case_a.code])).content.decode()
    assert "Nguyễn Thị Hoa" in html and "16/03/2026" in html
    assert "Các bước xử lý" in html and "Cách tính hạn" in html
    for action in ("assign", "pause", "extend", "close"):
        assert reverse("cases:act", args=[case_a.code, action]) in html
    assert reverse("cases:act", args=[case_a.code, "resume"]) not in html


def test_pause_and_resume_through_the_page(client_a, case_a):
    url = reverse("cases:act", args=[case_a.code, "pause"])
    response = client_a.post(url, {"pause-reason": "Thiếu bản sao giấy tờ"})
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.WAITING_CITIZEN
    response = client_a.post(reverse("cases:act", args=[case_a.code, "resume"]), {})
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.IN_PROGRESS


def test_bad_input_re_renders_with_message_and_keeps_input(client_a, case_a):
    url = reverse("cases:act", args=[case_a.code, "extend"])
    response = client_a.post(
        url, {"extend-reason": "", "extend-days": "abc", "extend-criteria": "Giữ lại"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Giữ lại" in html and "errorlist" in html
    # A refusal from the legal clock (no extension allowed) is a message too, not a 500.
    response = client_a.post(url, {"extend-reason": "Cần thêm thời gian"})
    assert response.status_code == 400
    assert "gia hạn" in response.content.decode()
    assert not Case.objects.get(pk=case_a.pk).events.filter(kind=CaseEventKind.EXTENDED).exists()


def test_close_through_the_page(client_a, case_a):
    url = reverse("cases:act", args=[case_a.code, "close"])
    response = client_a.post(
        url, {"close-status": "resolved", "close-public_note": "Đã sửa đèn", "close-note": "ok"}
    )
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.RESOLVED and case_a.on_time is not None
    # No action forms on a closed case; acting anyway is refused with a message.
    response = client_a.post(url, {"close-status": "resolved"}, follow=True)
    assert "Thao tác này không áp dụng" in response.content.decode()


def test_assign_through_the_page_refuses_outsiders(client_a, case_a, officer_b):
    url = reverse("cases:act", args=[case_a.code, "assign"])
    response = client_a.post(url, {"assign-assignee": officer_b.pk})
    assert response.status_code == 400  # bob is not an officer of A: not a valid choice
    case_a.refresh_from_db()
    assert case_a.assignee is None


def test_kind_panels_are_rendered(client_a, case_a):
    def panel(request, case):  # type: ignore[no-untyped-def]
        return "cases/_due_badge.html", {"css": "x", "text": f"PANEL {case.code}"}

    def nothing(request, case):  # type: ignore[no-untyped-def]
        return None

    with temporary_kind(replace(kind_manifest(case_a.kind), panels=(nothing, panel))):
        html = client_a.get(reverse("cases:detail", args=[case_a.code])).content.decode()
    assert html.count(f"PANEL {case_a.code}") == 1
    html = client_a.get(reverse("cases:detail", args=[case_a.code])).content.decode()
    assert f"PANEL {case_a.code}" not in html


def test_dashboard_card_and_nav(client_a, unit_a, officer_a):
    case = _recent(unit_a)
    services.case_assign(case=case, actor=officer_a, assignee=officer_a)
    html = client_a.get(reverse("portal:officer_home")).content.decode()
    assert "Việc của tôi" in html
    assert reverse("cases:queue") in html
