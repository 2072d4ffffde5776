"""Correcting a letter's kind before a decision: who may, when, the legal clock recomputed
from the receipt, and the denouncer's protection in both directions."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from itertools import permutations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import override

from danvan.accounts.auth import api_token_create
from danvan.cases.clockstate import replay
from danvan.cases.models import CaseEventKind
from danvan.cases.services import case_assign, case_hand_on
from danvan.core.models import AuditEntry
from danvan.letters.models import (
    ComplaintTrack,
    DenunciationTrack,
    Letter,
    LetterKind,
    ProtectedIdentity,
)
from danvan.letters.services import casework
from danvan.letters.services.complaints import complaint_decide, complaint_second
from danvan.letters.services.decisions import DecisionInput, Part, letter_decide
from danvan.letters.services.errors import LetterError
from danvan.letters.services.identity import identity_read
from danvan.letters.services.intake import IncomingFile
from danvan.letters.services.kinds import letter_correct_kind
from danvan.testing.language import english

from .conftest import DENOUNCER_NAME, DENOUNCER_PHONE, at
from .conftest import tables_with as _tables_with

pytestmark = pytest.mark.django_db

KINDS = [k.value for k in LetterKind]
SENDER, PHONE = "Nguyễn Văn Dân", "0987000111"
# Received Tue 27/01/2026: 7 working days (denunciation check) end Thu 05/02, 10 working
# days (complaint acceptance, letter processing, a check at several places) Tue 10/02.
DUE = {"denunciation": date(2026, 2, 5)}
DUE_10 = date(2026, 2, 10)


def _correct(letter, actor, kind, reason="Cán bộ tiếp nhận phân loại nhầm", **kw):
    return letter_correct_kind(letter=letter, actor=actor, kind=kind, reason=reason, **kw)


def _login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _bearer(user) -> dict:
    _token, plain = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English leaves its language active in the thread: start and end each
    # test in the default one, so no test depends on which ran before.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def leader(officer_a):
    return officer_a


@pytest.mark.parametrize(("old", "new"), list(permutations(KINDS, 2)))
def test_each_allowed_change(receive, unit_a, leader, old, new):
    letter = receive(unit_a, old, "Nội dung đơn về việc thu hồi đất làm đường thôn Nà Pán.")
    protected_before = letter.identity_protected
    corrected = _correct(letter, leader, new)
    letter.refresh_from_db()
    case = letter.case
    assert corrected.kind == letter.kind == new
    assert case.kind == casework.CASE_KIND[new] and case.rule_id == casework.INTAKE_RULE[new]
    assert case.due_date == DUE.get(new, DUE_10) == letter.decision_due
    assert replay(case).rule_id == casework.INTAKE_RULE[new]
    # The stage rows follow the kind.
    assert ComplaintTrack.objects.filter(letter=letter).exists() == (new == "complaint")
    assert DenunciationTrack.objects.filter(letter=letter).exists() == (new == "denunciation")
    # Protection: turned on by a protected kind, never turned off.
    assert letter.identity_protected == (protected_before or new in ("denunciation", "mixed"))
    assert case.confidential == letter.identity_protected
    event = case.events.get(kind=CaseEventKind.CLASSIFIED)
    assert event.data["previous_letter_kind"] == old and event.public
    assert event.data["internal_note"] == "Cán bộ tiếp nhận phân loại nhầm"
    entry = AuditEntry.objects.get(action="letters.correct_kind")
    assert (entry.detail["from"], entry.detail["to"]) == (old, new)
    assert entry.object_repr == case.code and entry.actor == leader


def test_clock_is_recomputed_from_the_receipt(receive, unit_a, leader):
    # Received before Tết 2026 (14–22/02): the count starts from the receipt, skips Tết, and
    # uses the rule version in force then — not today's date, not the 2026 amendment.
    letter = receive(
        unit_a, "reflection", "Cán bộ địa chính thu tiền sai quy định.", when=at("10/02/2026")
    )
    assert letter.case.due_date == date(2026, 3, 3)
    _correct(letter, leader, "denunciation")
    letter.refresh_from_db()
    # 7 working days from 10/02: 11, 12, 13 Feb, then 23, 24, 25, 26 Feb.
    assert letter.case.due_date == date(2026, 2, 26)
    assert letter.case.clock_start == at("10/02/2026")
    event = letter.case.events.get(kind=CaseEventKind.CLASSIFIED)
    assert event.data["previous_due_date"] == "2026-03-03"
    assert any("Tết" in line for line in event.data["explanation_vi"])
    _correct(letter, leader, "complaint")
    letter.refresh_from_db()
    assert letter.case.rule_id == "complaint.accept"
    # 10 working days from 10/02/2026, the Law-on-Complaints version before 1/7/2026.
    assert letter.case.due_date == date(2026, 3, 3)


def test_denunciation_checked_at_several_places_gets_ten_days(receive, unit_a, leader):
    letter = receive(unit_a, "reflection", "Cán bộ thôn thu quỹ sai quy định ở nhiều thôn.")
    _correct(letter, leader, "denunciation", checks_several_places=True)
    letter.refresh_from_db()
    assert letter.case.due_date == DUE_10 and letter.case.is_complex
    assert letter.denunciation.checks_several_places


@pytest.mark.parametrize(
    "decision",
    [
        DecisionInput(decision="accepted", at=at("28/01/2026")),
        DecisionInput(decision="guided", receiving_body="UBND tỉnh", at=at("28/01/2026")),
        DecisionInput(decision="forwarded", receiving_body="UBND tỉnh", at=at("28/01/2026")),
        DecisionInput(decision="not_eligible", reasons="Đã rút đơn", at=at("28/01/2026")),
    ],
    ids=lambda d: d.decision,
)
def test_refused_after_a_decision(receive, unit_a, leader, decision):
    letter = receive(unit_a, "petition", "Kiến nghị làm lại cầu treo bản Nà Ngàm.")
    letter_decide(letter=letter, actor=leader, data=decision)
    before = Letter.objects.select_related("case").get(pk=letter.pk)
    with pytest.raises(LetterError) as err:
        _correct(letter, leader, "complaint")
    assert err.value.code == "already_decided"
    assert "chỉ sửa được loại đơn trước khi xử lý đơn" in str(err.value.message)
    after = Letter.objects.select_related("case").get(pk=letter.pk)
    assert (after.kind, after.case.rule_id, after.case.due_date) == (
        before.kind,
        before.case.rule_id,
        before.case.due_date,
    )
    assert not AuditEntry.objects.filter(action="letters.correct_kind").exists()


def test_refused_on_the_page_with_the_message(receive, unit_a, client_a, leader):
    letter = receive(unit_a, "petition", "Kiến nghị làm lại cầu treo bản Nà Ngàm.")
    letter_decide(letter=letter, actor=leader, data=DecisionInput(decision="accepted"))
    url = reverse("letters:correct_kind", args=[letter.code])
    response = client_a.post(url, {"kind": "complaint", "reason": "Phân loại nhầm"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "chỉ sửa được loại đơn trước khi xử lý đơn" in html and "Phân loại nhầm" in html


def test_transitions_that_make_no_sense(receive, unit_a, leader):
    letter = receive(unit_a, "reflection", "Đèn đường thôn Bản Pjạc hỏng đã lâu.")
    refusals = {
        "same_kind": {"kind": "reflection"},
        "bad_kind": {"kind": "dossier"},
        "reason_required": {"kind": "complaint", "reason": "   "},
        "reason_long": {"kind": "complaint", "reason": "x" * 501},
    }
    for code, kwargs in refusals.items():
        with pytest.raises(LetterError) as err:
            letter_correct_kind(
                letter=letter, actor=leader, **{"reason": "Phân loại nhầm", **kwargs}
            )
        assert err.value.code == code and str(err.value.message)
    # A second complaint is tied to the first-time decision.
    first = receive(unit_a, "complaint", "Khiếu nại quyết định thu hồi đất thửa số 12.")
    letter_decide(
        letter=first, actor=leader, data=DecisionInput(decision="accepted", at=at("28/01/2026"))
    )
    complaint_decide(letter=first, actor=leader, decided_at=at("20/02/2026"), summary="Giữ nguyên")
    second = complaint_second(
        first=first,
        actor=leader,
        received_at=at("02/03/2026"),
        content="Khiếu nại lần hai thửa 12.",
    )
    with pytest.raises(LetterError) as err:
        _correct(second, leader, "petition")
    assert err.value.code == "second_complaint"
    # A part split from a mixed letter holds one content: it cannot become mixed again.
    mixed = receive(unit_a, "mixed", "Vừa khiếu nại thu hồi đất vừa kiến nghị làm đường.")
    letter_decide(
        letter=mixed,
        actor=leader,
        data=DecisionInput(
            decision="split",
            at=at("28/01/2026"),
            parts=[
                Part("complaint", "Khiếu nại thu hồi đất."),
                Part("petition", "Kiến nghị làm đường."),
            ],
        ),
    )
    part = mixed.parts.first()
    with pytest.raises(LetterError) as err:
        _correct(part, leader, "mixed")
    assert err.value.code == "split_part"
    _correct(part, leader, "reflection")  # another single kind is fine


def test_who_may_correct(receive, unit_a, leader, clerk_a, officer_b, province_viewer):
    letter = receive(unit_a, "reflection", "Đèn đường thôn Bản Pjạc hỏng đã lâu.")
    for user in (clerk_a, officer_b, province_viewer):
        with pytest.raises(PermissionDenied):
            _correct(letter, user, "petition")
    case_assign(case=letter.case, actor=leader, assignee=clerk_a)
    _correct(letter, clerk_a, "petition")  # the assignee may
    letter.refresh_from_db()
    assert letter.kind == "petition"


def test_correcting_asks_more_of_the_assignee_than_reading_the_sender(
    denunciation, unit_a, leader, clerk_a, officer_b, province_viewer
):
    """One rule (the commune's leader, or the assignee) for reading the denouncer and for
    correcting the kind; correcting also wants the assignee acting on letters there."""
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.roles import Role
    from danvan.letters.services.identity import may_read_identity
    from danvan.letters.services.kinds import may_correct_kind
    from danvan.testing.factories import make_officer

    letter = denunciation
    village_head = make_officer("vinh", unit=unit_a, roles=[Role.VILLAGE_HEAD])
    assert may_read_identity(leader, letter) and may_correct_kind(leader, letter)
    nobody = (clerk_a, village_head, officer_b, province_viewer, AnonymousUser())
    for user in nobody:
        assert not may_read_identity(user, letter) and not may_correct_kind(user, letter)
    case_assign(case=letter.case, actor=leader, assignee=village_head)
    assert may_read_identity(village_head, letter) and not may_correct_kind(village_head, letter)
    case_assign(case=letter.case, actor=leader, assignee=clerk_a)
    assert may_read_identity(clerk_a, letter) and may_correct_kind(clerk_a, letter)
    assert not may_read_identity(village_head, letter)
    assert not may_correct_kind(officer_b, letter) and not may_read_identity(officer_b, letter)


def test_pages_and_other_commune(receive, unit_a, client_a, client_b, client_viewer, clerk_a):
    letter = receive(unit_a, "reflection", "Đèn đường thôn Bản Pjạc hỏng đã lâu.")
    detail = reverse("letters:detail", args=[letter.code])
    url = reverse("letters:correct_kind", args=[letter.code])
    assert url in client_a.get(detail).content.decode()
    assert url not in _login(clerk_a).get(detail).content.decode()
    good = {"kind": "petition", "reason": "Là kiến nghị", "current_kind": "reflection"}
    assert client_b.post(url, good).status_code == 404
    assert client_viewer.post(url, good).status_code == 403
    assert _login(clerk_a).post(url, good).status_code == 403
    assert Client().post(url, good).status_code == 302
    assert Client().post(url, good)["Location"].startswith("/tai-khoan/")
    assert client_a.get(url).status_code == 405
    letter.refresh_from_db()
    assert letter.kind == "reflection"
    # Bad input: the form comes back with what was typed and a Vietnamese message.
    bad = client_a.post(url, {"kind": "petition", "reason": "", "current_kind": "reflection"})
    assert bad.status_code == 400 and "Trường này là bắt buộc." in bad.content.decode()
    junk = client_a.post(url, {"kind": "zzz", "reason": "Lý do gõ vào", "current_kind": "x"})
    assert junk.status_code == 400 and "Lý do gõ vào" in junk.content.decode()
    ok = client_a.post(url, good)
    assert ok.status_code == 302 and ok["Location"] == detail
    page = client_a.get(detail).content.decode()
    assert f"<h1>Kiến nghị {letter.code}</h1>" in page
    assert "Là kiến nghị" in page  # the reason, on the officers' timeline
    assert "Đơn được phân loại lại từ “Phản ánh” thành “Kiến nghị”" in page


def test_stale_form_is_refused_not_overwritten(receive, unit_a, client_a, leader):
    letter = receive(unit_a, "reflection", "Đèn đường thôn Bản Pjạc hỏng đã lâu.")
    _correct(letter, leader, "petition", expected_kind="reflection")
    url = reverse("letters:correct_kind", args=[letter.code])
    stale = client_a.post(
        url, {"kind": "complaint", "reason": "Là khiếu nại", "current_kind": "reflection"}
    )
    html = stale.content.decode()
    assert stale.status_code == 400 and "vừa được người khác sửa thành “Kiến nghị”" in html
    # The form now carries the kind as it is: a second try goes through.
    assert 'name="current_kind" value="petition"' in html
    again = client_a.post(
        url, {"kind": "complaint", "reason": "Là khiếu nại", "current_kind": "petition"}
    )
    assert again.status_code == 302
    letter.refresh_from_db()
    assert letter.kind == "complaint"


def test_decisions_come_after_the_correction(receive, unit_a, leader):
    letter = receive(unit_a, "reflection", "Khiếu nại quyết định thu hồi đất thửa số 12.")
    _correct(letter, leader, "complaint")
    corrected = casework.corrected_at(letter.case)
    yesterday = timezone.localtime(corrected) - timedelta(days=1)
    with pytest.raises(LetterError) as err:
        letter_decide(
            letter=letter, actor=leader, data=DecisionInput(decision="accepted", at=yesterday)
        )
    assert err.value.code == "before_correction"
    assert timezone.localtime(corrected).strftime("%d/%m/%Y") in str(err.value.message)
    # The same day, earlier than the correction (a date picked in a form): kept in order.
    same_day = timezone.localtime(corrected).replace(hour=0, minute=0, second=0, microsecond=0)
    letter = letter_decide(
        letter=letter, actor=leader, data=DecisionInput(decision="accepted", at=same_day)
    )
    assert letter.decided_at == corrected
    letter.case.refresh_from_db()
    assert replay(letter.case).rule_id == "complaint.resolve.first"
    assert letter.case.rule_id == "complaint.resolve.first"


# ---- the denouncer's protection ------------------------------------------------------------


# The sender's own file names: what a phone or a scanner calls a citizen's documents.
SENDER_FILES = (f"{SENDER} - đơn phản ánh.PDF", "nguyen-van-dan-cccd.jpg")


@pytest.fixture
def reflection_naming_sender(receive, unit_a):
    return receive(
        unit_a,
        "reflection",
        f"Tôi là {SENDER}, điện thoại {PHONE}, phản ánh cán bộ địa chính thu tiền sai quy định.",
        name=SENDER,
        phone=PHONE,
        files=[
            IncomingFile(upload=SimpleUploadedFile(name, b"%PDF-1.4 scan"), content_type=kind)
            for name, kind in zip(SENDER_FILES, ("application/pdf", "image/jpeg"), strict=True)
        ],
    )


def _pages_clean(letter, users, secrets, unit) -> None:
    for user in users:
        c = _login(user)
        urls = [
            reverse("letters:list"),
            reverse("letters:register"),
            reverse("letters:detail", args=[letter.code]),
            reverse("cases:queue"),
            reverse("cases:detail", args=[letter.code]),
            "/can-bo/",
        ]
        for url in urls:
            body = c.get(url).content.decode()
            for secret in secrets:
                assert secret not in body, (user.username, url, secret)
        # Searching the work queue by the sender's name or phone does not find the letter.
        for query in secrets:
            found = c.get(reverse("cases:queue"), {"q": query}).content.decode()
            assert letter.code not in found, (user.username, query)
        api = Client().get(f"/api/v1/letters?unit={unit.code}", **_bearer(user)).content.decode()
        for secret in secrets:
            assert secret not in api, (user.username, "api", secret)
    for url in (
        f"/open311/v2/requests.json?jurisdiction_id={unit.code}",
        f"/don-thu/cong-khai/thong-ke/{unit.code}/",
    ):
        body = Client().get(url).content.decode()
        assert letter.code not in body  # a protected letter is never in the public feed
        for secret in secrets:
            assert secret not in body


def test_into_a_denunciation_protects_the_sender_at_once(
    reflection_naming_sender, unit_a, leader, clerk_a, officer_b, province_viewer, caplog
):
    caplog.set_level(logging.DEBUG)
    letter = reflection_naming_sender
    client_clerk = _login(clerk_a)
    assert client_clerk.get(reverse("letters:detail", args=[letter.code])).status_code == 200
    # Before anyone knew, officers named the caller in the notes of the case's timeline.
    case_assign(
        case=letter.case, actor=leader, assignee=leader, note=f"Ông {SENDER} gọi điện, số {PHONE}"
    )
    case_hand_on(
        case=letter.case, actor=leader, to_department="Địa chính", note=f"Hẹn ông {SENDER} mai"
    )
    assert {f.name for f in letter.attachments.all()} == set(SENDER_FILES)
    _correct(letter, leader, "denunciation", reason=f"Ông {SENDER} ({PHONE}) tố cáo cán bộ")
    letter.refresh_from_db()
    case = letter.case
    assigned = case.events.get(kind=CaseEventKind.ASSIGNED).data["internal_note"]
    handed_on = case.events.get(kind=CaseEventKind.HANDED_ON).data["internal_note"]
    assert (assigned, handed_on) == ("Ông [đã ẩn] gọi điện, số [đã ẩn]", "Hẹn ông [đã ẩn] mai")
    redacted = AuditEntry.objects.get(action="cases.redact_events", object_repr=case.code)
    assert redacted.detail == {"events": 2} and redacted.actor == leader
    # The files keep their content and extension, not the sender's name.
    files = list(letter.attachments.order_by("pk"))
    assert [f.name for f in files] == ["tep-dinh-kem-1.pdf", "tep-dinh-kem-2.jpg"]
    download = _login(leader).get(reverse("letters:attachment", args=[letter.code, files[0].pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 scan"
    assert 'filename="tep-dinh-kem-1.pdf"' in download["Content-Disposition"]
    assert letter.identity_protected and not letter.protection_kept
    assert (letter.sender_name, letter.sender_phone, letter.sender_address) == ("", "", "")
    assert SENDER not in letter.content + letter.title and "[đã ẩn]" in letter.content
    assert case.confidential and (case.applicant_name, case.applicant_phone) == ("", "")
    assert case.search_name == "" and SENDER not in case.title
    row = ProtectedIdentity.objects.get(letter=letter)
    assert row.name_enc.startswith("gAAAA") and SENDER not in row.name_enc
    event = case.events.get(kind=CaseEventKind.CLASSIFIED)
    assert SENDER not in event.data["internal_note"] and PHONE not in event.data["internal_note"]
    # Only the entitled read it, and the reading is audited.
    assert client_clerk.get(reverse("letters:detail", args=[letter.code])).status_code == 404
    with pytest.raises(PermissionDenied):
        identity_read(user=clerk_a, letter=letter, purpose="x")
    person = identity_read(user=leader, letter=letter, purpose="Xác minh")
    assert (person.name, person.phone) == (SENDER, PHONE) and SENDER in person.original_content
    assert AuditEntry.objects.filter(action="letters.identity_read", actor=leader).count() == 1
    # Nowhere in HTML, JSON, public feeds or logs — whoever asks.
    _pages_clean(letter, (leader, clerk_a, officer_b, province_viewer), (SENDER, PHONE), unit_a)
    assert not [m for m in caplog.messages if SENDER in m or PHONE in m]
    # The raw database: neither the name nor the phone anywhere in clear, not even in the
    # outbox row of the "letter received" SMS sent before the correction.
    assert _tables_with(SENDER) == set()
    assert _tables_with("nguyen van dan") == set()
    assert _tables_with("nguyen-van-dan") == set()
    assert _tables_with(PHONE) == set()


def test_out_of_a_denunciation_keeps_the_protection(
    denunciation, unit_a, leader, clerk_a, officer_b, province_viewer, client_a
):
    letter = denunciation
    _correct(letter, leader, "reflection", reason=f"Bà {DENOUNCER_NAME} chỉ phản ánh")
    letter.refresh_from_db()
    assert letter.kind == "reflection" and letter.identity_protected and letter.protection_kept
    assert letter.case.confidential and letter.sender_name == "" and letter.sender_phone == ""
    assert ProtectedIdentity.objects.filter(letter=letter).exists()
    event = letter.case.events.get(kind=CaseEventKind.CLASSIFIED)
    assert DENOUNCER_NAME not in event.data["internal_note"]
    assert AuditEntry.objects.filter(action="letters.identity_used_for_masking").count() == 1
    # The page says so, and the identity is still read only by the entitled, audited.
    detail = client_a.get(reverse("letters:detail", args=[letter.code])).content.decode()
    assert 'data-testid="protection-kept"' in detail and "tiếp tục được bảo mật" in detail
    assert "Xem thông tin người tố cáo" in detail
    assert _login(clerk_a).get(reverse("letters:detail", args=[letter.code])).status_code == 404
    shown = client_a.post(reverse("letters:identity", args=[letter.code]), {"purpose": "Xác minh"})
    assert shown.status_code == 200 and DENOUNCER_NAME in shown.content.decode()
    assert AuditEntry.objects.filter(action="letters.identity_read").count() == 1
    # The JSON list keeps it hidden, and the public Open311 feed does not list it.
    rows = Client().get(f"/api/v1/letters?unit={unit_a.code}", **_bearer(leader)).json()
    row = next(r for r in rows["results"] if r["code"] == letter.code)
    assert row["sender_protected"] is True and row["sender_name"] is None
    _pages_clean(
        letter,
        (leader, clerk_a, officer_b, province_viewer),
        (DENOUNCER_NAME, DENOUNCER_PHONE),
        unit_a,
    )
    # Correcting it again (to a complaint) still keeps it; nothing in clear anywhere.
    _correct(letter, leader, "complaint")
    letter.refresh_from_db()
    assert letter.identity_protected and letter.case.confidential
    assert _tables_with(DENOUNCER_NAME) == set() and _tables_with(DENOUNCER_PHONE) == set()


def test_no_message_goes_to_a_sender_protected_after_correction(reflection_naming_sender, leader):
    from danvan.core.models import Notification

    letter = reflection_naming_sender
    assert Notification.objects.filter(template="letters.received").count() == 1
    _correct(letter, leader, "denunciation")
    letter_decide(
        letter=letter,
        actor=leader,
        data=DecisionInput(decision="forwarded", receiving_body="Thanh tra tỉnh"),
    )
    assert list(Notification.objects.values_list("template", flat=True)) == ["letters.received"]


def test_english(receive, unit_a, client_a, leader):
    letter = receive(unit_a, "reflection", "Đèn đường thôn Bản Pjạc hỏng đã lâu.")
    detail = english(client_a).get(reverse("letters:detail", args=[letter.code])).content.decode()
    for text in ("Correct the kind of letter", "Correct kind", "Reason for the correction"):
        assert text in detail, text
    url = reverse("letters:correct_kind", args=[letter.code])
    same = english(client_a).post(url, {"kind": "reflection", "reason": "x"}).content.decode()
    assert "The letter already is a “Reflection”; choose another kind" in same
    with override("en"):
        with pytest.raises(LetterError) as err:
            _correct(letter, leader, "complaint", reason=" ")
        assert str(err.value.message) == "State the reason for correcting the kind."
        _correct(letter, leader, "denunciation")
    letter.refresh_from_db()
    event = letter.case.events.get(kind=CaseEventKind.CLASSIFIED)
    assert event.note.startswith("The letter was reclassified from “Reflection” to “Denunciation”")


def test_refused_once_the_clock_moved_on_the_case_page(reflection_naming_sender, leader):
    from danvan.cases.services import case_pause, case_resume

    letter = reflection_naming_sender
    case_pause(case=letter.case, actor=leader, at=at("28/01/2026"), reason="Chờ bổ sung")
    with pytest.raises(LetterError) as err:
        _correct(letter, leader, "denunciation")
    assert err.value.code == "clock_moved" and "không sửa được loại đơn" in str(err.value.message)
    case_resume(case=letter.case, actor=leader, at=at("29/01/2026"))
    with pytest.raises(LetterError) as err:
        _correct(letter, leader, "denunciation")
    assert err.value.code == "clock_moved"
    # Nothing of the attempt stayed: no identity stored, the sender as received.
    letter.refresh_from_db()
    assert letter.kind == "reflection" and letter.sender_name == SENDER
    assert not ProtectedIdentity.objects.exists() and not letter.case.confidential
    assert not DenunciationTrack.objects.exists()


def test_notice_to_a_sender_kept_protected_is_an_audited_reading(
    denunciation, leader, client_a, clerk_a
):
    from io import BytesIO

    from docx import Document

    _correct(denunciation, leader, "complaint")
    letter_decide(letter=denunciation, actor=leader, data=DecisionInput(decision="accepted"))
    url = reverse("letters:notice", args=[denunciation.code, "thu-ly", "docx"])
    before = AuditEntry.objects.filter(action="letters.identity_read").count()
    response = client_a.get(url)
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert response.status_code == 200 and DENOUNCER_NAME in text
    assert AuditEntry.objects.filter(action="letters.identity_read").count() == before + 1
    assert _login(clerk_a).get(url).status_code == 404
