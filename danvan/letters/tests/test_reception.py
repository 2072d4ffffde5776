"""Reception sessions and the register."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.letters.models import ReceptionEntry, ReceptionSession
from danvan.letters.services.errors import LetterError
from danvan.letters.services.reception import (
    EntryInput,
    entry_record,
    session_mark,
    session_schedule,
)

pytestmark = pytest.mark.django_db


def test_chairman_may_not_delegate_from_july_2026(unit_a, officer_a):
    before = session_schedule(unit=unit_a, actor=officer_a, day=date(2026, 6, 25))
    assert (
        session_mark(
            session=before, actor=officer_a, status="delegated", delegate_name="Phó Chủ tịch"
        ).status
        == "delegated"
    )
    after = session_schedule(unit=unit_a, actor=officer_a, day=date(2026, 7, 2))
    with pytest.raises(LetterError) as err:
        session_mark(
            session=after, actor=officer_a, status="delegated", delegate_name="Phó Chủ tịch"
        )
    assert err.value.code == "no_delegation" and "136/2025" in str(err.value.message)
    with pytest.raises(LetterError):
        session_mark(session=after, actor=officer_a, status="not_held")
    assert (
        session_mark(session=after, actor=officer_a, status="not_held", reason="Họp tỉnh").status
        == "not_held"
    )


def test_delegation_refused_on_page(client_a, unit_a, officer_a):
    session = session_schedule(unit=unit_a, actor=officer_a, day=date(2026, 7, 9))
    response = client_a.post(
        reverse("letters:session_mark", args=[session.pk]),
        {"status": "delegated", "delegate_name": "Phó Chủ tịch"},
        follow=True,
    )
    assert "136/2025" in response.content.decode()
    session.refresh_from_db()
    assert session.status == "scheduled"


def test_sessions_page_schedule_and_refusals(client_a, client_b, citizen_client, unit_a, officer_a):
    response = client_a.post(
        reverse("letters:sessions"),
        {
            "unit": unit_a.pk,
            "day": "2026-03-05",
            "kind": "weekly",
            "host_role": "chairman",
            "host_name": "Lý Văn Thắng",
        },
    )
    assert response.status_code == 302 and ReceptionSession.objects.count() == 1
    dup = client_a.post(
        reverse("letters:sessions"),
        {"unit": unit_a.pk, "day": "2026-03-05", "kind": "weekly", "host_role": "chairman"},
    )
    assert dup.status_code == 400
    bad = client_a.post(
        reverse("letters:sessions"),
        {
            "unit": unit_a.pk,
            "day": "hôm nay",
            "kind": "weekly",
            "host_role": "chairman",
            "host_name": "Lý Văn Thắng",
        },
    )
    assert bad.status_code == 400 and "Lý Văn Thắng" in bad.content.decode()
    session = ReceptionSession.objects.get()
    assert (
        client_b.post(
            reverse("letters:session_mark", args=[session.pk]), {"status": "held"}
        ).status_code
        == 404
    )
    assert citizen_client.get(reverse("letters:sessions")).status_code == 302
    public = citizen_client.get(
        reverse("letters:public_schedule", args=[unit_a.code]) + "?nam=2026"
    )
    assert public.status_code == 200 and "05/03/2026" in public.content.decode()
    assert citizen_client.get(reverse("letters:public_schedule", args=["00000"])).status_code == 404


def test_register_numbers_and_answer_clock(unit_a, officer_a):
    first = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 1, 27),
            kind="complaint",
            content="Khiếu nại thu hồi đất",
            visitor_name="Nguyễn Văn Dân",
        ),
        actor=officer_a,
    )
    second = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 1, 27),
            kind="petition",
            content="Kiến nghị làm đường",
            visitor_name="Hà Thị Hoa",
        ),
        actor=officer_a,
    )
    assert (first.number, second.number) == (1, 2)
    assert first.case.rule_id == "reception.answer"
    # 10 working days from 27/01/2026 -> 10/02/2026
    assert first.case.due_date == date(2026, 2, 10)


def test_group_representatives_law(unit_a, officer_a):
    with pytest.raises(LetterError) as err:
        entry_record(
            data=EntryInput(
                unit=unit_a,
                day=date(2026, 2, 3),
                kind="complaint",
                content="Đoàn đông người khiếu nại",
                visitor_name="A",
                people_count=8,
                representatives="A, B, C",
            ),
            actor=officer_a,
        )
    assert err.value.code == "representatives"
    entry = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 2, 3),
            kind="complaint",
            content="Đoàn đông người khiếu nại",
            visitor_name="A",
            people_count=12,
            representatives="A, B, C, D, E",
        ),
        actor=officer_a,
    )
    assert entry.representatives == "A, B, C, D, E"


def test_register_page_export_and_refusals(client_a, client_b, citizen_client, unit_a, officer_a):
    response = client_a.post(
        reverse("letters:register"),
        {
            "unit": unit_a.pk,
            "day": "2026-01-27",
            "visitor_name": "Nguyễn Văn Dân",
            "kind": "complaint",
            "content": "Khiếu nại thu hồi đất",
            "people_count": "1",
            "within_competence": "on",
        },
    )
    assert response.status_code == 302
    bad = client_a.post(
        reverse("letters:register"),
        {
            "unit": unit_a.pk,
            "day": "2026-01-27",
            "visitor_name": "Hà Thị Hoa",
            "kind": "complaint",
            "content": "Đoàn",
            "people_count": "7",
        },
    )
    assert bad.status_code == 400 and "Hà Thị Hoa" in bad.content.decode()
    export = client_a.get(reverse("letters:register_export"))
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][2] == "Nguyễn Văn Dân" and rows[0][0] == "Số TT"
    other = client_b.get(reverse("letters:register_export"))
    assert len(list(load_workbook(BytesIO(other.content)).active.iter_rows())) == 1
    assert "Nguyễn Văn Dân" not in client_b.get(reverse("letters:register")).content.decode()
    assert (
        client_b.post(
            reverse("letters:register"),
            {
                "unit": unit_a.pk,
                "day": "2026-01-27",
                "visitor_name": "X",
                "kind": "complaint",
                "content": "Khiếu nại",
                "people_count": "1",
            },
        ).status_code
        == 400
    )
    assert citizen_client.get(reverse("letters:register_export")).status_code == 302
    entry = ReceptionEntry.objects.get()
    assert (
        client_b.post(
            reverse("letters:entry_answer", args=[entry.pk]),
            {"answer": "guided", "answered_on": "2026-01-30"},
        ).status_code
        == 404
    )
    assert (
        client_a.post(
            reverse("letters:entry_answer", args=[entry.pk]),
            {"answer": "guided", "answered_on": "2026-01-30"},
        ).status_code
        == 302
    )
    entry.case.refresh_from_db()
    assert entry.case.status == "returned" and entry.case.on_time


def test_in_person_denunciation_identity(unit_a, officer_a, client_a, client_b, clerk_a):
    from django.test import Client

    from danvan.core.models import AuditEntry

    entry = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 2, 3),
            kind="denunciation",
            content="Tố cáo cán bộ thu tiền trái phép",
            visitor_name="Lâm Thị Kín",
            visitor_phone="0933111222",
        ),
        actor=officer_a,
    )
    assert entry.visitor_name == "" and entry.case.applicant_name == "" and entry.case.confidential
    url = reverse("letters:entry_identity", args=[entry.pk])
    shown = client_a.post(url, {"purpose": "Xác minh"})
    assert shown.status_code == 200 and "Lâm Thị Kín" in shown.content.decode()
    assert AuditEntry.objects.filter(
        action="letters.identity_read", object_repr=f"{entry.number}/{entry.year}"
    ).exists()
    assert client_b.post(url, {"purpose": "x"}).status_code == 404
    clerk = Client()
    clerk.force_login(clerk_a)
    assert clerk.post(url, {"purpose": "x"}).status_code == 403
    register_page = clerk.get(reverse("letters:register")).content.decode()
    assert "Lâm Thị Kín" not in register_page and url not in register_page
    # The leader finds the way to it on the register page itself.
    assert url in client_a.get(reverse("letters:register")).content.decode()


def test_answer_that_verification_needs_more_time(unit_a, officer_a):
    # Law on Citizen Reception Art. 28: the answer may be that the matter is extended for
    # verification. It meets the 10-working-day obligation (Tết 2026 skipped: received
    # 10/02, due 03/03) and says so publicly; the visitor's matter goes on as a letter.
    from datetime import datetime

    from danvan.core.localtime import LOCAL_TZ as VN
    from danvan.letters.services.reception import entry_answer

    entry = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 2, 10),
            kind="complaint",
            content="Khiếu nại bồi thường đất",
            visitor_name="Hoàng Văn Sơn",
        ),
        actor=officer_a,
    )
    assert entry.case.due_date == date(2026, 3, 3)
    answered = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    entry_answer(entry=entry, actor=officer_a, answer="extended", at=answered)
    entry.refresh_from_db()
    entry.case.refresh_from_db()
    assert entry.case.status == "resolved" and entry.case.on_time is True
    assert "cần thêm thời gian xác minh" in entry.follow_up
    with pytest.raises(LetterError):
        entry_answer(entry=entry, actor=officer_a, answer="postponed", at=answered)


def test_a_protected_visitor_is_marked_in_the_page_language(unit_a, officer_a, client_a):
    from danvan.testing.language import english

    entry = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 2, 3),
            kind="denunciation",
            content="Tố cáo cán bộ thu tiền trái phép",
            visitor_name="Lâm Thị Kín",
        ),
        actor=officer_a,
    )
    english(client_a)
    for url in (reverse("letters:register"), reverse("cases:detail", args=[entry.case.code])):
        html = client_a.get(url).content.decode()
        assert "[confidential]" in html and "[bảo mật]" not in html, url
        assert "Lâm Thị Kín" not in html, url
    # The export is the official register, in Vietnamese whatever the page's language.
    from io import BytesIO

    from openpyxl import load_workbook

    export = client_a.get(reverse("letters:register_export"))
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert "[bảo mật]" in rows[1] and "Lâm Thị Kín" not in str(rows)
