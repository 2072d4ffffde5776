"""A letter split into parts: its sender, who holds only the first letter's slip, can still
follow every part, and the public figures judge it by its parts. The parts of a mixed letter
are protected (no SMS ever goes to their sender), so the tracking page of the letter they
came from is the sender's only way to them."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.letters.services.decisions import DecisionInput, Part, letter_decide
from danvan.letters.tests.conftest import at

pytestmark = pytest.mark.django_db


def _split(receive, unit, officer):
    letter = receive(
        unit,
        "mixed",
        "Khiếu nại thu hồi đất và tố cáo cán bộ địa chính Nguyễn Văn Dân gây khó dễ.",
    )
    return letter_decide(
        letter=letter,
        actor=officer,
        data=DecisionInput(
            decision="split",
            at=at("28/01/2026"),
            parts=[
                Part("complaint", "Khiếu nại việc thu hồi đất thửa số 12."),
                Part("denunciation", "Tố cáo cán bộ địa chính gây khó dễ khi làm thủ tục."),
            ],
        ),
    )


def test_the_slip_of_a_split_letter_leads_to_each_part(receive, unit_a, officer_a):
    letter = _split(receive, unit_a, officer_a)
    parts = list(letter.parts.select_related("case").order_by("pk"))
    page = Client().get(f"/tra-cuu/{letter.code}/", {"secret": letter.case.secret})
    assert page.status_code == 200
    html = page.content.decode()
    for part in parts:
        assert part.code in html
        assert f"/tra-cuu/{part.code}/?secret={part.case.secret}" in html
        # The link opens the part's own tracking page.
        followed = Client().get(f"/tra-cuu/{part.code}/", {"secret": part.case.secret})
        assert followed.status_code == 200 and part.code in followed.content.decode()
    # The parts' tracking pages show nothing of the sender or of the person denounced.
    assert "Nguyễn Văn Dân" not in html and "0987000111" not in html


def test_a_wrong_secret_shows_no_part(receive, unit_a, officer_a):
    letter = _split(receive, unit_a, officer_a)
    part = letter.parts.select_related("case").first()
    page = Client().get(f"/tra-cuu/{letter.code}/", {"secret": "WRONG123"})
    html = page.content.decode()
    assert part.code not in html and part.case.secret not in html


def test_a_letter_never_split_has_no_part_links(receive, unit_a):
    letter = receive(unit_a, "petition", "Kiến nghị sửa đường liên thôn bị hỏng nặng.")
    html = Client().get(f"/tra-cuu/{letter.code}/", {"secret": letter.case.secret}).content
    assert b"tracking-links" not in html


def test_the_part_links_read_in_english(receive, unit_a, officer_a):
    letter = _split(receive, unit_a, officer_a)
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(f"/tra-cuu/{letter.code}/", {"secret": letter.case.secret}).content.decode()
    part = letter.parts.first()
    assert f"Follow part {part.code}" in html
    assert "Theo dõi phần" not in html


def test_public_statistics_judge_a_split_letter_by_its_parts(receive, unit_a, officer_a):
    """The split closed the first letter "resolved" on its day: counted among the closed
    letters, it made a commune whose parts were all answered late look on time."""
    from danvan.letters.selectors import public_statistics
    from danvan.letters.services.decisions import letter_answer

    letter = letter_decide(
        letter=receive(
            unit_a,
            "mixed",
            "Kiến nghị sửa đường liên thôn và phản ánh đèn chiếu sáng hỏng ở thôn Nà Pán.",
        ),
        actor=officer_a,
        data=DecisionInput(
            decision="split",
            at=at("28/01/2026"),
            parts=[
                Part("petition", "Kiến nghị sửa đường liên thôn bị hỏng nặng."),
                Part("reflection", "Phản ánh đèn chiếu sáng ở thôn Nà Pán bị hỏng."),
            ],
        ),
    )
    for part in letter.parts.all():
        part = letter_decide(
            letter=part,
            actor=officer_a,
            data=DecisionInput(decision="accepted", at=at("29/01/2026")),
        )
        # Both answered long after their due date.
        letter_answer(letter=part, actor=officer_a, at=at("30/06/2026"), answer="Đã sửa xong.")
    stats = public_statistics(unit_a, 2026)
    assert stats["total"] == 1  # one letter received
    assert stats["closed"] == 2 and stats["on_time"] == 0


def test_the_answer_to_a_protected_part_does_not_name_its_sender(receive, unit_a, officer_a):
    """A part of a mixed letter keeps its sender's protection: an answer or a note that names
    the sender is masked before it reaches the timeline and the tracking page."""
    from danvan.letters.services.decisions import letter_answer

    letter = letter_decide(
        letter=receive(unit_a, "mixed", "Kiến nghị sửa đường và tố cáo cán bộ thôn Nà Pán."),
        actor=officer_a,
        data=DecisionInput(
            decision="split",
            at=at("28/01/2026"),
            parts=[
                Part("petition", "Kiến nghị sửa đường liên thôn bị hỏng nặng."),
                Part("denunciation", "Tố cáo cán bộ thôn gây khó dễ khi làm thủ tục."),
            ],
        ),
    )
    part = letter.parts.get(kind="petition")
    assert part.identity_protected
    part = letter_decide(
        letter=part, actor=officer_a, data=DecisionInput(decision="accepted", at=at("29/01/2026"))
    )
    letter_answer(
        letter=part,
        actor=officer_a,
        at=at("05/02/2026"),
        answer="Đã trả lời ông Nguyễn Văn Dân: đường sẽ sửa trong quý II.",
        note="Gọi lại cho Nguyễn Văn Dân số 0987000111.",
    )
    events = list(part.case.events.all())
    texts = [e.note for e in events] + [
        str((e.data or {}).get("internal_note", "")) for e in events
    ]
    assert any("đường sẽ sửa trong quý II" in t for t in texts)
    assert not any("Nguyễn Văn Dân" in t or "0987000111" in t for t in texts), texts
