"""Public pages: calculator (no JavaScript needed), rules, calendar. National data, open to
every visitor — an officer of another commune sees the same pages as anyone."""

import pytest
from django.urls import reverse

from danvan.core.registry import registries
from danvan.deadlines import services
from danvan.deadlines.models import DeadlineRule

pytestmark = pytest.mark.django_db


def test_calculator_empty_form(citizen_client):
    resp = citizen_client.get(reverse("deadlines:calculator"))
    body = resp.content.decode()
    assert resp.status_code == 200
    assert '<optgroup label="Khiếu nại">' in body
    assert 'value="complaint.accept"' in body
    assert 'data-testid="due-result"' not in body


def test_calculator_good_input(citizen_client):
    resp = citizen_client.get(
        reverse("deadlines:calculator"), {"rule": "complaint.accept", "start_date": "10/02/2026"}
    )
    body = resp.content.decode()
    assert 'data-testid="due-result"' in body
    assert "03/03/2026" in body
    assert "Bỏ qua: Tết Nguyên đán 14–22/02/2026" in body


def test_calculator_unit_remote_flag_and_time(citizen_client, unit_a):
    unit_a.is_remote = True
    unit_a.save()
    resp = citizen_client.get(
        reverse("deadlines:calculator"),
        {"rule": "complaint.resolve.first", "start_date": "2026-01-30", "unit": unit_a.code},
    )
    assert "16/03/2026" in resp.content.decode()  # remote: 45 days


def test_calculator_bad_input_keeps_what_was_typed(citizen_client):
    resp = citizen_client.get(
        reverse("deadlines:calculator"),
        {"rule": "nope", "start_date": "31/02/2026", "unit": "00000", "extensions": "x"},
    )
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "error-summary" in body
    assert "Ngày không hợp lệ" in body
    assert "Không có xã, phường mã “00000”" in body
    assert "Số lần gia hạn phải là số nguyên" in body
    assert 'value="31/02/2026"' in body


def test_calculator_clock_refusals_shown_next_to_fields(citizen_client):
    resp = citizen_client.get(
        reverse("deadlines:calculator"),
        {"rule": "denunciation.resolve", "start_date": "2026-03-02", "extensions": "1"},
    )
    assert "cho phép gia hạn tối đa 0 lần" in resp.content.decode()
    resp = citizen_client.get(
        reverse("deadlines:calculator"), {"rule": "complaint.accept", "start_date": "2009-01-05"}
    )
    assert "nằm ngoài lịch làm việc" in resp.content.decode()


def test_calculator_in_english(citizen_client):
    resp = citizen_client.get(
        reverse("deadlines:calculator"),
        {"rule": "complaint.accept", "start_date": "2026-02-10"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Skipped: Lunar New Year (Tết) 14–22/02/2026" in resp.content.decode()


def test_rules_page_lists_versions_and_corrections(client_b, django_assert_max_num_queries):
    rule = DeadlineRule.objects.get(key="letter.process")
    services.rule_correct(actor=None, rule=rule, changes={"amount": 11}, reference="QĐ 7")
    with django_assert_max_num_queries(8):
        resp = client_b.get(reverse("deadlines:rules"))
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "Luật Tố cáo 2018, Điều 30" in body
    assert "Chưa xác nhận" in body and "Đã xác nhận" in body
    assert "amount 10 → 11 (QĐ 7)" in body
    assert 'id="complaint.accept"' in body


def test_calendar_page(citizen_client):
    resp = citizen_client.get(reverse("deadlines:calendar", args=[2026]))
    body = resp.content.decode()
    assert "Ngày nghỉ (thay cho ngày 22/08/2026)" in body
    assert "22/08/2026" in body
    assert "17/02/2026" in body
    assert citizen_client.get(reverse("deadlines:calendar", args=[2050])).status_code == 404


def test_registered_public_page_and_nav():
    assert registries.public_pages.get("deadlines.calculator").url_name == "deadlines:calculator"
    assert registries.nav.get("deadlines.calculator").public
    assert reverse("deadlines:calculator") == "/thoi-han/"
    assert reverse("deadlines:rules") == "/thoi-han/quy-dinh/"


def test_rules_page_lists_every_shipped_rule_of_every_app(citizen_client):
    """The rules of letters and dossiers reach the table through their rule sources and are
    listed with those of the deadlines app, under the areas the apps name."""
    from danvan.deadlines.ruleset import shipped_rows

    body = citizen_client.get(reverse("deadlines:rules")).content.decode()
    ids = {row["id"] for row in shipped_rows()}
    assert {"complaint.accept", "onestop.apology", "reception.chairman.weekly"} <= ids
    missing = [rule_id for rule_id in ids if f'id="{rule_id}"' not in body]
    assert missing == []
    for area in ("Khiếu nại", "Tố cáo", "Xử lý đơn thư", "Một cửa", "Dân chủ ở cơ sở"):
        assert area in body
