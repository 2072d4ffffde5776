"""The legal flows end to end on real dates."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.cases.models import CaseStatus
from danvan.letters.models import Decision
from danvan.letters.services.complaints import complaint_decide, complaint_second
from danvan.letters.services.decisions import DecisionInput, Part, letter_decide
from danvan.letters.services.denunciations import (
    denunciation_conclude,
    denunciation_extend,
    denunciation_publish,
)
from danvan.letters.services.errors import LetterError

from .conftest import at

pytestmark = pytest.mark.django_db


def test_complaint_accept_clock_then_first_time_30_days(receive, unit_a, officer_a):
    letter = receive(
        unit_a, "complaint", "Khiếu nại quyết định thu hồi đất của UBND xã đối với thửa đất số 12."
    )
    assert letter.case.rule_id == "complaint.accept"
    # 10 working days from Tue 27/01/2026: 28,29,30 Jan, 2-6 Feb, 9,10 Feb -> 10/02/2026
    assert letter.case.due_date == date(2026, 2, 10)
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(decision="accepted", at=at("27/01/2026", 14)),
    )
    letter.case.refresh_from_db()
    assert letter.case.rule_id == "complaint.resolve.first"
    # 30 calendar days from 27/01 -> 26/02/2026 (a Thursday, working day)
    assert letter.case.due_date == date(2026, 2, 26)


def test_complaint_received_before_tet_skips_tet_in_explanation(receive, unit_a):
    letter = receive(
        unit_a,
        "complaint",
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất sai diện tích.",
        when=at("10/02/2026"),
    )
    # 10 working days from 10/02/2026: 11-13/02, Tết 14-22/02 skipped, 23-27/02, 02-03/03
    assert letter.case.due_date == date(2026, 3, 3)
    received = letter.case.events.get(kind="received")
    assert any("Tết Nguyên đán" in line for line in received.data["explanation_vi"])


def test_complaint_remote_is_45_days(receive, unit_a, officer_a):
    unit_a.is_remote = True
    unit_a.save()
    letter = receive(
        unit_a, "complaint", "Khiếu nại việc bồi thường khi thu hồi đất làm đường tỉnh lộ."
    )
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(decision="accepted", at=at("27/01/2026", 14)),
    )
    letter.case.refresh_from_db()
    # 45 days from 27/01/2026 -> 13/03/2026 (Friday)
    assert letter.case.due_date == date(2026, 3, 13)


def test_complaint_complex_needs_criterion_and_gets_45(receive, unit_a, officer_a):
    letter = receive(
        unit_a, "complaint", "Khiếu nại việc bồi thường khi thu hồi đất làm đường tỉnh lộ."
    )
    with pytest.raises(LetterError) as err:
        letter_decide(
            letter=letter,
            actor=officer_a,
            data=DecisionInput(decision="accepted", complex=True, at=at("27/01/2026", 14)),
        )
    assert err.value.code == "criterion_required"
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(
            decision="accepted", complex=True, criteria=["many_people"], at=at("27/01/2026", 14)
        ),
    )
    letter.case.refresh_from_db()
    assert letter.case.due_date == date(2026, 3, 13)
    assert letter.complaint.criteria == ["many_people"]


def test_complaint_decision_window_and_second_time(receive, unit_a, officer_a):
    letter = receive(
        unit_a, "complaint", "Khiếu nại quyết định xử phạt vi phạm hành chính về đất đai."
    )
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(decision="accepted", at=at("27/01/2026", 14)),
    )
    track = complaint_decide(
        letter=letter,
        actor=officer_a,
        decided_at=at("20/02/2026"),
        summary="Giữ nguyên quyết định.",
    )
    letter.case.refresh_from_db()
    assert letter.case.status == CaseStatus.RESOLVED and letter.case.on_time is True
    # 30 days from 20/02/2026 = 22/03/2026, a Sunday -> Monday 23/03/2026
    assert track.second_window_due == date(2026, 3, 23)
    second = complaint_second(
        first=letter, actor=officer_a, received_at=at("10/03/2026"), content=letter.content
    )
    assert second.decision == Decision.PENDING and not second.is_repeat
    assert second.complaint.round == 2 and second.complaint.late_second is False
    second = letter_decide(
        letter=second, actor=officer_a, data=DecisionInput(decision="accepted", at=at("12/03/2026"))
    )
    second.case.refresh_from_db()
    assert second.case.rule_id == "complaint.resolve.second"
    # 45 days from 12/03/2026 -> 26/04/2026 Sunday -> Monday 27/04/2026 (Hùng Kings day is 26/04 in 2026)
    assert second.case.due_date >= date(2026, 4, 27)


def test_denunciation_extensions_capped(denunciation, officer_a):
    letter = denunciation
    assert letter.case.rule_id == "denunciation.check"
    assert letter.case.applicant_name == "" and letter.sender_name == ""
    letter = letter_decide(
        letter=letter, actor=officer_a, data=DecisionInput(decision="accepted", at=at("02/02/2026"))
    )
    letter.case.refresh_from_db()
    # 30 days from 02/02/2026 -> 04/03/2026
    assert letter.case.due_date == date(2026, 3, 4)
    with pytest.raises(LetterError):
        denunciation_extend(letter=letter, actor=officer_a, criteria=[], days=30, reason="x")
    denunciation_extend(
        letter=letter,
        actor=officer_a,
        criteria=["several_places", "many_people"],
        days=30,
        reason="Xác minh nhiều nơi",
    )
    letter.case.refresh_from_db()
    assert letter.case.due_date == date(2026, 4, 3)
    track = denunciation_extend(
        letter=letter,
        actor=officer_a,
        criteria=["several_places", "many_people"],
        days=30,
        reason="Chưa đủ chứng cứ",
    )
    letter.case.refresh_from_db()
    # 90 days from 02/02/2026 -> 03/05/2026 Sunday -> holidays 30/4-1/5... next working day
    assert letter.case.due_date >= date(2026, 5, 3)
    assert track.extensions_used == 2
    with pytest.raises(LetterError) as err:
        denunciation_extend(
            letter=letter,
            actor=officer_a,
            criteria=["several_places", "many_people"],
            days=10,
            reason="Lần ba",
        )
    assert err.value.code == "extension_limit"
    track = denunciation_conclude(
        letter=letter, actor=officer_a, at=at("20/04/2026"), summary="Tố cáo đúng một phần."
    )
    assert track.publication_due is not None
    track = denunciation_publish(
        letter=letter, actor=officer_a, at=at("22/04/2026"), where="Niêm yết tại trụ sở UBND xã"
    )
    assert track.published_at is not None


def test_one_criterion_allows_one_extension(denunciation, officer_a):
    letter = letter_decide(
        letter=denunciation,
        actor=officer_a,
        data=DecisionInput(decision="accepted", at=at("02/02/2026")),
    )
    denunciation_extend(
        letter=letter,
        actor=officer_a,
        criteria=["foreign_element"],
        days=20,
        reason="Yếu tố nước ngoài",
    )
    with pytest.raises(LetterError) as err:
        denunciation_extend(
            letter=letter, actor=officer_a, criteria=["foreign_element"], days=10, reason="Lần hai"
        )
    assert err.value.code == "extension_limit"


def test_mixed_letter_split(receive, unit_a, officer_a):
    letter = receive(
        unit_a,
        "mixed",
        "Vừa khiếu nại việc thu hồi đất vừa kiến nghị sửa đường liên thôn bị hỏng nặng.",
    )
    with pytest.raises(LetterError):
        letter_decide(letter=letter, actor=officer_a, data=DecisionInput(decision="accepted"))
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(
            decision="split",
            at=at("28/01/2026"),
            parts=[
                Part("complaint", "Khiếu nại việc thu hồi đất thửa số 12."),
                Part("petition", "Kiến nghị sửa đường liên thôn bị hỏng nặng."),
            ],
        ),
    )
    parts = list(letter.parts.order_by("kind"))
    assert [p.kind for p in parts] == ["complaint", "petition"]
    assert all(not p.is_repeat for p in parts)
    letter.case.refresh_from_db()
    assert letter.case.status == CaseStatus.RESOLVED
    # A mixed letter's sender was protected from receipt: its parts keep that protection
    # (issue #11), the leader answers them by name through the audited reading.
    assert {p.sender_name for p in parts} == {""}
    assert all(p.identity_protected and p.case.confidential for p in parts)


def test_mixed_letter_protects_its_sender_until_split(receive, unit_a, officer_a):
    # A mixed letter may contain a denunciation (Law on Denunciation Art. 47): the sender is
    # encrypted from receipt; every part keeps that protection and shares the one encrypted
    # identity (no copy per part).
    from danvan.core.models import AuditEntry
    from danvan.letters.models import ProtectedIdentity

    letter = receive(
        unit_a,
        "mixed",
        "Khiếu nại thu hồi đất và tố cáo cán bộ địa chính Nguyễn Văn Dân gây khó dễ.",
    )
    letter.case.refresh_from_db()
    assert letter.identity_protected and letter.case.confidential
    assert letter.sender_name == "" and letter.case.applicant_name == ""
    assert letter.case.applicant_phone == "" and "0987000111" not in letter.content
    assert ProtectedIdentity.objects.filter(letter=letter).exists()
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(
            decision="split",
            at=at("28/01/2026"),
            parts=[
                Part("complaint", "Khiếu nại việc thu hồi đất thửa số 12."),
                Part("denunciation", "Tố cáo cán bộ địa chính gây khó dễ khi làm thủ tục."),
            ],
        ),
    )
    complaint, denunciation = letter.parts.order_by("kind")
    for part in (complaint, denunciation):
        assert part.sender_name == part.sender_phone == part.sender_address == ""
        assert part.case.applicant_name == "" and part.case.applicant_phone == ""
        assert part.identity_protected and part.case.confidential
        assert part.sender_key == letter.sender_key and not part.anonymous
    assert ProtectedIdentity.objects.count() == 1
    used = AuditEntry.objects.get(action="letters.identity_used_for_split")
    assert used.object_repr == letter.code and "Nguyễn" not in str(used.detail)


def test_duplicate_after_guidance_not_processed(receive, unit_a, officer_a):
    first = receive(unit_a, "petition", "Đề nghị cấp lại sổ đỏ bị mất do thiên tai năm 2024.")
    letter_decide(
        letter=first,
        actor=officer_a,
        data=DecisionInput(
            decision="guided", receiving_body="Văn phòng đăng ký đất đai tỉnh", at=at("28/01/2026")
        ),
    )
    again = receive(
        unit_a,
        "petition",
        "Đề nghị cấp lại sổ đỏ bị mất do thiên tai năm 2024!",
        when=at("10/02/2026"),
    )
    assert again.is_repeat and again.duplicate_of_id == first.pk
    assert again.decision == Decision.DUPLICATE and first.code in again.reasons
    again.case.refresh_from_db()
    assert again.case.status == CaseStatus.REFUSED
    other = receive(
        unit_a,
        "petition",
        "Đề nghị cấp lại sổ đỏ bị mất do thiên tai năm 2024.",
        name="Người Khác",
        phone="0911000222",
        when=at("10/02/2026"),
    )
    assert not other.is_repeat and other.decision == Decision.PENDING


def test_repeat_while_pending_is_linked_but_processed(receive, unit_a):
    first = receive(unit_a, "reflection", "Đèn đường thôn Bản Mới hỏng đã lâu chưa sửa.")
    again = receive(
        unit_a, "reflection", "Đèn đường thôn Bản Mới hỏng đã lâu chưa sửa.", when=at("03/02/2026")
    )
    assert (
        again.is_repeat and again.duplicate_of_id == first.pk and again.decision == Decision.PENDING
    )


def test_second_decision_refused(receive, unit_a, officer_a):
    letter = receive(unit_a)
    letter_decide(
        letter=letter, actor=officer_a, data=DecisionInput(decision="accepted", at=at("28/01/2026"))
    )
    with pytest.raises(LetterError) as err:
        letter_decide(
            letter=letter,
            actor=officer_a,
            data=DecisionInput(decision="guided", receiving_body="X"),
        )
    assert err.value.code == "already_decided"


def test_anonymous_denunciation_only_information(receive, unit_a, officer_a):
    letter = receive(
        unit_a,
        "denunciation",
        "Tố cáo việc khai thác cát trái phép ở bãi sông thôn Nà Cà.",
        name="",
        phone="",
    )
    assert letter.anonymous
    with pytest.raises(LetterError) as err:
        letter_decide(letter=letter, actor=officer_a, data=DecisionInput(decision="accepted"))
    assert err.value.code == "anonymous"
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(decision="information", at=at("28/01/2026")),
    )
    assert letter.decision == Decision.INFORMATION


def test_forward_denunciation_on_5_working_days(denunciation, officer_a):
    letter = letter_decide(
        letter=denunciation,
        actor=officer_a,
        data=DecisionInput(
            decision="forwarded", receiving_body="Thanh tra tỉnh", at=at("02/02/2026")
        ),
    )
    letter.case.refresh_from_db()
    # 5 working days from 27/01/2026 -> 03/02/2026
    assert letter.case.due_date == date(2026, 2, 3)
    assert letter.case.status == CaseStatus.TRANSFERRED and letter.case.on_time is True


def test_complaint_not_eligible_needs_ground(receive, unit_a, officer_a):
    letter = receive(
        unit_a, "complaint", "Khiếu nại quyết định đã được giải quyết lần hai năm 2024."
    )
    with pytest.raises(LetterError) as err:
        letter_decide(
            letter=letter,
            actor=officer_a,
            data=DecisionInput(decision="not_eligible", reasons="Đã giải quyết lần hai"),
        )
    assert err.value.code == "ground_required"
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(
            decision="not_eligible",
            reasons="Đã giải quyết lần hai",
            ground="second_decided",
            at=at("29/01/2026"),
        ),
    )
    assert letter.ineligible_ground == "second_decided"


def test_officer_b_cannot_decide(receive, unit_a, officer_b):
    from django.core.exceptions import PermissionDenied

    letter = receive(unit_a)
    with pytest.raises(PermissionDenied):
        letter_decide(letter=letter, actor=officer_b, data=DecisionInput(decision="accepted"))


def test_denunciation_check_7_or_10_working_days(receive, unit_a):
    plain = receive(
        unit_a,
        "denunciation",
        "Tố cáo cán bộ thôn thu tiền trái phép của các hộ dân.",
        name="Người A",
        phone="0911000111",
    )
    several = receive(
        unit_a,
        "denunciation",
        "Tố cáo việc khai thác cát trái phép ở nhiều bãi sông.",
        name="Người B",
        phone="0911000222",
        checks_several_places=True,
    )
    # from Tue 27/01/2026: 7 working days -> 05/02; 10 working days -> 10/02
    assert plain.case.due_date == date(2026, 2, 5)
    assert several.case.due_date == date(2026, 2, 10)
    assert several.denunciation.checks_several_places


def test_forwarded_channels_and_over_level(receive, unit_a):
    letter = receive(
        unit_a,
        "petition",
        "Kiến nghị về giá đất bồi thường dự án đường tỉnh.",
        channel="superior",
        forwarded_by="Thanh tra tỉnh",
    )
    assert letter.is_over_level and letter.forwarded_by == "Thanh tra tỉnh"
    with pytest.raises(LetterError) as err:
        receive(
            unit_a, "petition", "Kiến nghị về giá đất bồi thường dự án đường tỉnh.", channel="press"
        )
    assert err.value.code == "forwarder_required"


def test_second_complaint_of_a_protected_sender_stays_protected(receive, unit_a, officer_a):
    # A complaint split from a letter that held a denunciation: its second complaint is the
    # same protected person, sharing the one encrypted identity, masked in its own text.
    from danvan.letters.models import ProtectedIdentity
    from danvan.letters.services.identity import identity_read

    mixed = receive(
        unit_a,
        "mixed",
        "Khiếu nại thu hồi đất và tố cáo cán bộ địa chính gây khó dễ khi làm thủ tục.",
    )
    mixed = letter_decide(
        letter=mixed,
        actor=officer_a,
        data=DecisionInput(
            decision="split",
            at=at("28/01/2026"),
            parts=[
                Part("complaint", "Khiếu nại việc thu hồi đất thửa số 12."),
                Part("denunciation", "Tố cáo cán bộ địa chính gây khó dễ khi làm thủ tục."),
            ],
        ),
    )
    first = mixed.parts.get(kind="complaint")
    letter_decide(
        letter=first, actor=officer_a, data=DecisionInput(decision="accepted", at=at("29/01/2026"))
    )
    complaint_decide(
        letter=first, actor=officer_a, decided_at=at("20/02/2026", 15), summary="Giữ nguyên."
    )
    second = complaint_second(
        first=first,
        actor=officer_a,
        received_at=at("02/03/2026"),
        content="Ông Nguyễn Văn Dân (0987000111) không đồng ý với quyết định lần đầu.",
    )
    second.case.refresh_from_db()
    assert second.identity_protected and second.case.confidential
    assert second.sender_name == second.case.applicant_name == ""
    assert "Nguyễn Văn Dân" not in second.content and "0987000111" not in second.content
    assert ProtectedIdentity.objects.count() == 1
    person = identity_read(user=officer_a, letter=second, purpose="Gửi quyết định lần hai")
    assert (person.name, person.phone) == ("Nguyễn Văn Dân", "0987000111")
