"""The letter page is where a letter is handled from acceptance to answer and closing: the
path of its kind with the current step, the action possible now as the primary one, the
rest behind a disclosure, and only the grounds of the letter's own law."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.cases.models import CaseStatus
from danvan.core.models import Notification
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db


def _today() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def _current_step(html: str) -> str:
    found = re.search(r'aria-current="step">(.*?)</li>', html, re.S)
    assert found, "the page shows no current step"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_reflection_from_acceptance_to_answer_on_its_own_page(receive, unit_a, client_a):
    letter = receive(unit_a, "reflection")
    url = reverse("letters:detail", args=[letter.code])
    page = client_a.get(url).content.decode()
    assert "Phân loại, xử lý đơn" in _current_step(page)
    assert reverse("letters:decide", args=[letter.code]) in page
    # complaint-only fields are not offered on a reflection
    assert 'name="ground"' not in page and 'name="criteria"' not in page
    assert 'name="part_1_kind"' not in page
    # the classification sits behind the disclosure, the decision is the primary action
    assert page.index("actions-primary") < page.index('class="more-actions"')
    assert page.index('class="more-actions"') < page.index(
        reverse("letters:classify", args=[letter.code])
    )

    decided = client_a.post(
        reverse("letters:decide", args=[letter.code]),
        {"decision": "accepted", "decided_on": _today()},
    )
    assert decided.status_code == 302
    page = client_a.get(url).content.decode()
    # after "Thụ lý" the page offers the next action: the answer that closes the letter
    assert "Trả lời người gửi, kết thúc" in _current_step(page)
    answer_url = reverse("letters:answer", args=[letter.code])
    assert answer_url in page

    missing = client_a.post(
        answer_url, {"answered_on": _today(), "note": "Đã kiểm tra hiện trường"}
    )
    assert missing.status_code == 400 and "Đã kiểm tra hiện trường" in missing.content.decode()
    answered = client_a.post(
        answer_url,
        {
            "answered_on": _today(),
            "answer": "Xã đã sửa đoạn đường sạt lở, thông xe từ tuần này.",
            "note": "Đội xây dựng xã thi công",
        },
    )
    assert answered.status_code == 302
    letter.case.refresh_from_db()
    assert letter.case.status == CaseStatus.RESOLVED and letter.case.closed_at
    page = client_a.get(url).content.decode()
    assert 'data-testid="nothing-now"' in page and answer_url not in page
    assert "Xã đã sửa đoạn đường sạt lở" in page and "Đội xây dựng xã thi công" in page
    sms = Notification.objects.filter(object_ref=letter.code, template="letters.answered")
    assert sms.count() == 1
    # answered once: a second answer is refused, not recorded twice
    again = client_a.post(answer_url, {"answered_on": _today(), "answer": "Lần hai"})
    assert again.status_code == 400


def test_complaint_offers_its_grounds_and_a_denunciation_its_own(receive, unit_a, client_a):
    complaint = receive(unit_a, "complaint", "Khiếu nại quyết định thu hồi đất của UBND xã.")
    page = client_a.get(reverse("letters:detail", args=[complaint.code])).content.decode()
    assert 'name="ground"' in page and "Điều 11" in page
    denunciation = receive(unit_a, "denunciation", "Tố cáo cán bộ thu tiền sai quy định.")
    page = client_a.get(reverse("letters:detail", args=[denunciation.code])).content.decode()
    assert 'name="ground"' not in page and "Điều 27" in page
    assert 'value="guided"' not in page  # a denunciation is forwarded, not guided (Art. 24)
    assert "Kết luận nội dung tố cáo" in page  # on its path, still to come


def test_denunciation_from_intake_to_conclusion_and_publication(receive, unit_a, client_a):
    letter = receive(unit_a, "denunciation", "Tố cáo cán bộ địa chính thu tiền sai quy định.")
    url = reverse("letters:detail", args=[letter.code])
    action = reverse("letters:denunciation_action", args=[letter.code])
    client_a.post(
        reverse("letters:decide", args=[letter.code]),
        {"decision": "accepted", "decided_on": _today()},
    )
    page = client_a.get(url).content.decode()
    assert "Kết luận nội dung tố cáo" in _current_step(page)
    assert (
        client_a.post(
            action,
            {"action": "conclude", "concluded_on": _today(), "summary": "Tố cáo đúng một phần."},
        ).status_code
        == 302
    )
    page = client_a.get(url).content.decode()
    assert "Công khai kết luận" in _current_step(page)
    assert (
        client_a.post(
            action, {"action": "publish", "published_on": _today(), "where": "Niêm yết tại trụ sở"}
        ).status_code
        == 302
    )
    letter.case.refresh_from_db()
    assert letter.case.closed_at is not None
    page = client_a.get(url).content.decode()
    assert 'data-testid="nothing-now"' in page


def test_checkboxes_are_inside_their_labels(receive, unit_a, client_a):
    letter = receive(unit_a, "complaint", "Khiếu nại quyết định xử phạt của UBND xã.")
    page = client_a.get(reverse("letters:detail", args=[letter.code])).content.decode()
    page = page[page.index("<main") : page.index("</main>")]  # the page's forms, not the menu
    boxes = re.findall(r'<input type="checkbox"[^>]*id="([^"]+)"', page)
    assert boxes
    for box in boxes:
        assert re.search(rf'<label[^>]*for="{box}"[^>]*>\s*<input type="checkbox"', page), box


def test_hand_on_lists_only_officers_who_may_act_with_role_and_workload(
    receive, unit_a, client_a, officer_a, django_assert_max_num_queries
):
    front = make_officer("mattran", unit=unit_a, roles=[Role.FRONT])
    board = make_officer("thanhtra", unit=unit_a, roles=[Role.INSPECTION_BOARD])
    specialist = make_officer("chuyenvien", unit=unit_a, roles=[Role.SPECIALIST])
    for i in range(3):
        letter = receive(unit_a, "reflection", f"Phản ánh số {i} về đèn đường hỏng ở thôn.")
        from danvan.cases.services import case_assign

        case_assign(case=letter.case, actor=officer_a, assignee=specialist)
    page = client_a.get(reverse("cases:detail", args=[letter.code])).content.decode()
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', page)
    offered = {int(pk) for pk, _label in options}
    assert specialist.pk in offered and officer_a.pk in offered
    assert front.pk not in offered and board.pk not in offered
    label = next(text for pk, text in options if int(pk) == specialist.pk)
    assert "Cán bộ chuyên môn" in label and "3 việc đang mở" in label
    # a forged choice of the Front member is refused
    forged = client_a.post(
        reverse("cases:act", args=[letter.code, "hand_on"]), {"hand_on-to_user": front.pk}
    )
    assert forged.status_code == 400
    # one grouped query for the workload, whatever the number of officers
    from danvan.cases.selectors import eligible_officers

    for i in range(5):
        make_officer(f"extra{i}", unit=unit_a, roles=[Role.SPECIALIST])
    with django_assert_max_num_queries(3):
        officers = eligible_officers(unit_a)
    assert len(officers) == 7
    # The case page offers them to "assign" and "hand on" from one reading: the officers'
    # table is queried once (not once per form, nor again to draw the options).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        page = client_a.get(reverse("cases:detail", args=[letter.code])).content.decode()
    officer_reads = [
        q["sql"]
        for q in ctx.captured_queries
        if 'FROM "auth_user"' in q["sql"] and " IN (SELECT" in q["sql"]
    ]
    assert len(officer_reads) == 1, officer_reads
    assert page.count(f'<option value="{specialist.pk}"') >= 1


def test_reception_entry_answered_from_its_case_page(unit_a, officer_a, client_a):
    from danvan.letters.services.reception import EntryInput, entry_record

    entry = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=timezone.localdate() - timedelta(days=2),
            content="Kiến nghị sửa cống thoát nước trước nhà văn hóa thôn.",
            kind="petition",
            visitor_name="Hà Thị Đến",
        ),
        actor=officer_a,
    )
    url = reverse("cases:detail", args=[entry.case.code])
    page = client_a.get(url).content.decode()
    assert "Trả lời, hướng dẫn người dân" in _current_step(page)
    answer_url = reverse("letters:entry_answer", args=[entry.pk])
    assert answer_url in page
    response = client_a.post(
        answer_url,
        {
            "answer": "guided",
            "answered_on": _today(),
            "note": "Hướng dẫn gửi Phòng Kinh tế",
            "back": "case",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    entry.case.refresh_from_db()
    assert entry.case.closed_at is not None
    page = client_a.get(url).content.decode()
    assert answer_url not in page and "Hướng dẫn gửi Phòng Kinh tế" in page
