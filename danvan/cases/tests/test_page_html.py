"""The queue's rows written in Python and the case page's cached empty forms: the same
escaping, truncation and choices as the templates gave, and never a stale or a bound form
from the cache."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.cases import form_html, services
from danvan.cases.tests.conftest import open_case
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db


def _row_of(html: str, code: str) -> str:
    start = html.index(f">{code}</a>")
    return html[html.rindex("<tr>", 0, start) : html.index("</tr>", start)]


def test_queue_rows_escape_truncate_and_label_every_cell(client_a, unit_a, officer_a):
    title = "<script>alert(1)</script> " + "Đường liên thôn hỏng nặng " * 6
    case = open_case(
        unit_a,
        title=title,
        applicant_name='Lê "Văn" <Đức>',
        applicant_phone="0987654321",
        received_at=timezone.now() - timedelta(minutes=5),
    )
    services.case_assign(case=case, actor=officer_a, assignee=officer_a, department="", note="")
    html = client_a.get(reverse("cases:queue")).content.decode()
    row = _row_of(html, case.code)
    assert "<script>" not in row and "&lt;script&gt;alert(1)&lt;/script&gt;" in row
    assert "Lê &quot;Văn&quot; &lt;Đức&gt;" in row and "<small>0987654321</small>" in row
    # truncatechars:90 as before: 89 characters and an ellipsis.
    shown = title[:89].replace("<", "&lt;").replace(">", "&gt;")
    assert f'data-label="Nội dung">{shown}…</td>' in row
    assert f'href="{reverse("cases:detail", args=[case.code])}"' in row
    assert (officer_a.get_full_name() or officer_a.get_username()) in row
    assert case.due_date.strftime("%d/%m/%Y") in row and "Còn " in row
    for label in ("Nội dung", "Người dân", "Người xử lý", "Trạng thái", "Hạn"):
        assert f'data-label="{label}"' in row
    # One commune: no commune column.
    assert 'data-label="Xã, phường"' not in row


def test_queue_rows_in_english_and_the_empty_queue(client_a, unit_a):
    client_a.cookies["django_language"] = "en"
    open_case(unit_a, confidential=False, received_at=timezone.now() - timedelta(minutes=5))
    html = client_a.get(reverse("cases:queue")).content.decode()
    assert 'data-label="Status"' in html and 'data-label="Trạng thái"' not in html
    assert 'data-label="Content"' in html
    html = client_a.get(reverse("cases:queue") + "?quick=closed").content.decode()
    assert '<tr><td colspan="7">No matching cases.</td></tr>' in html


def test_confidential_badge_and_the_commune_column_for_a_province_reader(client_a, unit_a, unit_b):
    secret = open_case(unit_a, confidential=True)
    plain = open_case(unit_b)
    # The commune's leader reads the confidential case, marked as such.
    row = _row_of(client_a.get(reverse("cases:queue")).content.decode(), secret.code)
    assert '<span class="badge">Mật</span>' in row
    reader = make_officer("pv", province=unit_a.province, roles=[Role.PROVINCE_VIEWER])
    client = Client()
    client.force_login(reader)
    html = client.get(reverse("cases:queue")).content.decode()
    assert f'<td data-label="Xã, phường">{unit_b.name}</td>' in _row_of(html, plain.code)
    assert secret.code not in html


def test_empty_forms_come_from_the_cache_and_follow_the_officers(client_a, case_a, unit_a):
    form_html._cache.clear()
    url = reverse("cases:detail", args=[case_a.code])
    first = client_a.get(url).content.decode()
    cached = len(form_html._cache)
    assert cached >= 4  # assign, hand on, pause, extend, close...
    assert client_a.get(url).content.decode().count("<select") == first.count("<select")
    assert len(form_html._cache) == cached  # the second page rendered nothing new
    # A new officer in the commune is offered at once: the choices are part of the key.
    carol = make_officer("carol", unit=unit_a, roles=[Role.SPECIALIST])
    html = client_a.get(url).content.decode()
    assert f'value="{carol.pk}"' in html and len(form_html._cache) > cached


def test_a_bound_form_is_rendered_with_its_errors_not_from_the_cache(client_a, case_a):
    client_a.get(reverse("cases:detail", args=[case_a.code]))
    url = reverse("cases:act", args=[case_a.code, "extend"])
    response = client_a.post(url, {"extend-reason": "", "extend-criteria": "Giữ lại dòng này"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Giữ lại dòng này" in html and "errorlist" in html
    # and the next page's empty form does not carry what was typed
    html = client_a.get(reverse("cases:detail", args=[case_a.code])).content.decode()
    assert "Giữ lại dòng này" not in html
