"""Officers' pages: intake, decisions, bad input re-rendered, officer_b refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.letters.models import Decision, Letter

from .conftest import at

pytestmark = pytest.mark.django_db

GOOD = {
    "kind": "complaint",
    "channel": "desk",
    "received_on": "2026-01-27",
    "sender_name": "Nguyễn Văn Dân",
    "sender_phone": "0987000111",
    "content": "Khiếu nại quyết định thu hồi đất đối với thửa đất số 12.",
    "signers_count": "1",
    "category": "land",
}


def test_intake_good(client_a, unit_a):
    response = client_a.post(reverse("letters:intake"), {**GOOD, "unit": unit_a.pk})
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/don/{letter.code}/")
    assert letter.case.due_date.isoformat() == "2026-02-10"


def test_intake_bad_input_keeps_what_was_typed(client_a, unit_a):
    response = client_a.post(
        reverse("letters:intake"),
        {**GOOD, "unit": unit_a.pk, "content": "ngắn", "channel": "front", "forwarded_by": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nguyễn Văn Dân" in html and "Ghi rõ cơ quan, người chuyển đơn." in html
    assert not Letter.objects.exists()
    garbage = client_a.post(
        reverse("letters:intake"), {"unit": "abc", "kind": "zzz", "received_on": "31/31/2026"}
    )
    assert garbage.status_code == 400


def test_intake_refused_for_viewer_and_anonymous(client_viewer, citizen_client):
    assert client_viewer.get(reverse("letters:intake")).status_code == 403
    assert citizen_client.get(reverse("letters:intake")).status_code == 302


def test_intake_other_unit_rejected(client_b, unit_a):
    response = client_b.post(reverse("letters:intake"), {**GOOD, "unit": unit_a.pk})
    assert response.status_code == 400 and not Letter.objects.exists()


def test_letter_page_and_decision(client_a, client_b, citizen_client, receive, unit_a):
    letter = receive(
        unit_a, "complaint", "Khiếu nại quyết định thu hồi đất đối với thửa đất số 12."
    )
    url = reverse("letters:detail", args=[letter.code])
    assert client_a.get(url).status_code == 200
    assert client_b.get(url).status_code == 404
    assert citizen_client.get(url).status_code == 302
    decide = reverse("letters:decide", args=[letter.code])
    assert (
        client_b.post(decide, {"decision": "accepted", "decided_on": "2026-01-28"}).status_code
        == 404
    )
    bad = client_a.post(
        decide, {"decision": "not_eligible", "decided_on": "2026-01-28", "reasons": "Hết thời hiệu"}
    )
    assert bad.status_code == 400 and "Điều 11" in bad.content.decode()
    assert "Hết thời hiệu" in bad.content.decode()
    ok = client_a.post(
        decide,
        {
            "decision": "accepted",
            "decided_on": "2026-01-28",
            "complex": "on",
            "criteria": ["many_people"],
        },
    )
    assert ok.status_code == 302
    letter.refresh_from_db()
    assert letter.decision == Decision.ACCEPTED and letter.complaint.complex
    again = client_a.post(
        decide, {"decision": "guided", "decided_on": "2026-01-29", "receiving_body": "X"}
    )
    assert again.status_code == 400 and "đã được xử lý" in again.content.decode()
    # first-time decision then the notice
    done = client_a.post(
        reverse("letters:complaint_action", args=[letter.code]),
        {"action": "decide", "decided_on": "2026-02-20", "summary": "Giữ nguyên"},
    )
    assert done.status_code == 302
    notice = client_a.get(reverse("letters:notice", args=[letter.code, "thu-ly", "pdf"]))
    assert notice.status_code == 200 and notice.content.startswith(b"%PDF")
    assert (
        client_b.get(reverse("letters:notice", args=[letter.code, "thu-ly", "pdf"])).status_code
        == 404
    )


def test_province_viewer_reads_but_cannot_act(client_viewer, receive, unit_a):
    letter = receive(unit_a)
    assert client_viewer.get(reverse("letters:detail", args=[letter.code])).status_code == 200
    response = client_viewer.post(
        reverse("letters:decide", args=[letter.code]),
        {"decision": "accepted", "decided_on": "2026-01-28"},
    )
    assert response.status_code == 403


def test_denunciation_actions_via_pages(client_a, denunciation):
    code = denunciation.code
    client_a.post(
        reverse("letters:decide", args=[code]), {"decision": "accepted", "decided_on": "2026-02-02"}
    )
    url = reverse("letters:denunciation_action", args=[code])
    bad = client_a.post(
        url,
        {"action": "extend", "days": "45", "reason": "Nhiều nơi", "criteria": ["several_places"]},
    )
    assert bad.status_code == 400
    assert (
        client_a.post(
            url,
            {
                "action": "extend",
                "days": "30",
                "reason": "Nhiều nơi",
                "criteria": ["several_places"],
            },
        ).status_code
        == 302
    )
    third = client_a.post(
        url, {"action": "extend", "days": "10", "reason": "Lần hai", "criteria": ["several_places"]}
    )
    assert third.status_code == 400 and "Điều 30" in third.content.decode()


def test_list_query_count(client_a, receive, unit_a, django_assert_max_num_queries):
    for i in range(12):
        receive(
            unit_a,
            "reflection",
            f"Phản ánh số {i}: đèn đường thôn {i} bị hỏng đã lâu.",
            name=f"Người {i}",
            phone=f"09110000{i:02d}",
            when=at("27/01/2026"),
        )
    with django_assert_max_num_queries(12):
        response = client_a.get(reverse("letters:list"))
    assert response.status_code == 200 and response.content.decode().count("/don-thu/don/") >= 12


def test_case_panel_registered(receive, unit_a, client_a):
    from danvan.cases.kinds import kind_manifest

    letter = receive(unit_a)
    assert kind_manifest("reflection").panels and kind_manifest("reception").panels
    template, context = kind_manifest("reflection").panels[0](None, letter.case)
    assert template == "letters/_panel.html" and context["letter"] == letter
