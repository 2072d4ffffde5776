"""The denouncer's name and phone never reach anyone but the commune leader and the
assignee: not in HTML, JSON, exports, the audit log or Python logs."""

from __future__ import annotations

import logging
from datetime import date
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.auth import api_token_create
from danvan.core.models import AuditEntry
from danvan.letters.models import ProtectedIdentity
from danvan.letters.services import crypto
from danvan.letters.services.identity import identities_rotate, identity_read
from danvan.letters.services.reception import EntryInput, entry_record

from .conftest import DENOUNCER_NAME, DENOUNCER_PHONE, KEY_1, KEY_2

pytestmark = pytest.mark.django_db
SECRETS = (DENOUNCER_NAME, DENOUNCER_PHONE, "091 234 5678")


def _clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def _client(user) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _bearer(user) -> dict:
    _token, plain = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_stored_encrypted_and_not_on_case(denunciation):
    letter = denunciation
    row = ProtectedIdentity.objects.get(letter=letter)
    assert DENOUNCER_NAME not in row.name_enc and row.name_enc.startswith("gAAAA")
    assert letter.sender_name == "" and letter.sender_phone == ""
    assert letter.case.applicant_name == "" and letter.case.applicant_phone == ""
    assert letter.case.confidential
    _clean(letter.content)
    _clean(letter.title)
    assert "[đã ẩn]" in letter.content


def test_refused_without_key_outside_debug(settings, receive, unit_a):
    settings.DANVAN_ENCRYPTION_KEYS = []
    settings.DEBUG = False
    with pytest.raises(crypto.IdentityKeyMissing):
        receive(
            unit_a,
            "denunciation",
            "Tố cáo việc thu tiền trái phép của cán bộ thôn.",
            name=DENOUNCER_NAME,
        )
    assert not ProtectedIdentity.objects.exists()


def test_dev_key_in_debug(settings, receive, unit_a, caplog):
    crypto._warn_dev_key.cache_clear()
    settings.DANVAN_ENCRYPTION_KEYS = []
    settings.DEBUG = True
    letter = receive(
        unit_a,
        "denunciation",
        "Tố cáo việc thu tiền trái phép của cán bộ thôn.",
        name=DENOUNCER_NAME,
    )
    assert ProtectedIdentity.objects.filter(letter=letter).exists()
    assert "development key" in caplog.text


def test_deploy_check_reports_missing_key(settings):
    from danvan.letters.checks import encryption_keys_check

    settings.DANVAN_ENCRYPTION_KEYS = []
    assert [e.id for e in encryption_keys_check()] == ["letters.E001"]
    settings.DANVAN_ENCRYPTION_KEYS = ["not-a-key"]
    assert [e.id for e in encryption_keys_check()] == ["letters.E002"]
    settings.DANVAN_ENCRYPTION_KEYS = [KEY_1]
    assert encryption_keys_check() == []


def test_leader_reads_and_it_is_audited(denunciation, officer_a):
    person = identity_read(user=officer_a, letter=denunciation, purpose="xác minh")
    assert person.name == DENOUNCER_NAME and person.phone == DENOUNCER_PHONE
    assert DENOUNCER_NAME in person.original_content
    entry = AuditEntry.objects.filter(action="letters.identity_read").get()
    assert entry.object_repr == denunciation.code and entry.actor == officer_a
    _clean(str(entry.detail) + entry.object_repr)


def test_assignee_reads_others_refused(denunciation, clerk_a, officer_b, province_viewer):
    from danvan.cases.services import case_assign

    for user in (clerk_a, officer_b, province_viewer):
        with pytest.raises(PermissionDenied):
            identity_read(user=user, letter=denunciation, purpose="x")
    case_assign(case=denunciation.case, actor=clerk_a, assignee=clerk_a)
    denunciation.case.refresh_from_db()
    assert (
        identity_read(user=clerk_a, letter=denunciation, purpose="xác minh").name == DENOUNCER_NAME
    )


def test_rotation_without_downtime(settings, denunciation):
    row = ProtectedIdentity.objects.get(letter=denunciation)
    old_token, old_index = row.name_enc, row.blind_index
    settings.DANVAN_ENCRYPTION_KEYS = [KEY_2, KEY_1]  # new key first; the old still decrypts
    assert crypto.decrypt(old_token) == DENOUNCER_NAME
    assert identities_rotate(batch_size=1) == 1
    row.refresh_from_db()
    assert row.name_enc != old_token and row.blind_index == old_index
    settings.DANVAN_ENCRYPTION_KEYS = [KEY_2]  # the old key can now be removed
    assert crypto.decrypt(row.name_enc) == DENOUNCER_NAME


def test_rotate_command(settings, denunciation):
    from io import StringIO

    from django.core.management import call_command

    settings.DANVAN_ENCRYPTION_KEYS = [KEY_2, KEY_1]
    out = StringIO()
    call_command("rotate_identity_keys", "--batch-size", "10", stdout=out)
    assert "1 identities re-encrypted" in out.getvalue()
    settings.DANVAN_ENCRYPTION_KEYS = [KEY_2]
    row = ProtectedIdentity.objects.get(letter=denunciation)
    assert crypto.decrypt(row.phone_enc) == DENOUNCER_PHONE


def test_no_leak_in_any_output(
    denunciation, officer_a, clerk_a, officer_b, province_viewer, unit_a, caplog
):
    caplog.set_level(logging.DEBUG)
    code = denunciation.code
    entry_record(
        data=EntryInput(
            unit=unit_a,
            day=denunciation.received_at.date(),
            kind="denunciation",
            content="Tố cáo việc thu tiền sai quy định",
            visitor_name=DENOUNCER_NAME,
            visitor_phone=DENOUNCER_PHONE,
        ),
        actor=officer_a,
    )
    pages = ["letters:list", "letters:register", "letters:sessions"]
    for user in (clerk_a, officer_b, province_viewer, officer_a):
        c = _client(user)
        for name in pages:
            response = c.get(reverse(name))
            assert response.status_code == 200
            _clean(response.content.decode())
        detail = c.get(reverse("letters:detail", args=[code]))
        assert detail.status_code == (200 if user is officer_a else 404)
        _clean(detail.content.decode())
        export = c.get(reverse("letters:register_export"))
        wb = load_workbook(BytesIO(export.content))
        cells = " ".join(str(v) for row in wb.active.iter_rows(values_only=True) for v in row if v)
        _clean(cells)
        api = Client().get(f"/api/v1/letters?unit={unit_a.code}", **_bearer(user))
        _clean(api.content.decode())
        if user in (officer_a, clerk_a):
            assert api.status_code == 200
    # The leader's JSON list hides it too; only the identity endpoint shows it, and audits.
    leader_list = Client().get(f"/api/v1/letters?unit={unit_a.code}", **_bearer(officer_a)).json()
    row = [r for r in leader_list["results"] if r["code"] == code][0]
    assert row["sender_name"] is None and row["sender_protected"] is True
    for user in (clerk_a, officer_b, province_viewer):
        refused = Client().get(f"/api/v1/letters/{code}/identity", **_bearer(user))
        assert refused.status_code in (403, 404)
        _clean(refused.content.decode())
    shown = Client().get(f"/api/v1/letters/{code}/identity?purpose=xac-minh", **_bearer(officer_a))
    assert shown.status_code == 200 and shown.json()["name"] == DENOUNCER_NAME
    anonymous = Client().get(reverse("letters:detail", args=[code]))
    assert anonymous.status_code == 302
    # Open311 and the public pages
    for url in (
        f"/open311/v2/requests.json?jurisdiction_id={unit_a.code}",
        f"/don-thu/cong-khai/thong-ke/{unit_a.code}/",
    ):
        _clean(Client().get(url).content.decode())
    # The audit log and Python logs
    for e in AuditEntry.objects.all():
        _clean(e.object_repr + str(e.detail) + e.actor_name)
    _clean(caplog.text)


def test_identity_page_for_leader_only(denunciation, client_a, clerk_a, client_b):
    url = reverse("letters:identity", args=[denunciation.code])
    response = client_a.post(url, {"purpose": "Xác minh nội dung"})
    assert response.status_code == 200 and DENOUNCER_NAME in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    missing = client_a.post(url, {"purpose": ""})
    assert missing.status_code == 400
    assert client_b.post(url, {"purpose": "x"}).status_code == 404
    assert _client(clerk_a).post(url, {"purpose": "x"}).status_code == 404


def test_verification_notices_are_stripped(denunciation, client_a, officer_a):
    from docx import Document

    from danvan.letters.services.decisions import DecisionInput, letter_decide

    letter_decide(
        letter=denunciation,
        actor=officer_a,
        data=DecisionInput(decision="forwarded", receiving_body="Thanh tra tỉnh"),
    )
    response = client_a.get(
        reverse("letters:notice", args=[denunciation.code, "chuyen-don", "docx"])
    )
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "Thanh tra tỉnh" in text
    _clean(text)
    # The notice to the denouncer is addressed to them: read through the audited path.
    before = AuditEntry.objects.filter(action="letters.identity_read").count()
    personal = client_a.get(
        reverse("letters:notice", args=[denunciation.code, "nguoi-to-cao", "docx"])
    )
    assert DENOUNCER_NAME in "\n".join(
        p.text for p in Document(BytesIO(personal.content)).paragraphs
    )
    assert AuditEntry.objects.filter(action="letters.identity_read").count() == before + 1


@override_settings(DEBUG=False)
def test_blind_index_finds_repeat_denunciation(receive, unit_a, denunciation):
    again = receive(
        unit_a,
        "denunciation",
        denunciation.content,
        name=DENOUNCER_NAME.upper(),
        phone="+84 912 345 678",
    )
    assert again.is_repeat and again.duplicate_of_id == denunciation.pk


def test_notifications_carry_no_identity(receive, denunciation, unit_a, officer_a):
    from danvan.core.models import Notification
    from danvan.letters.services.decisions import DecisionInput, letter_decide

    letter = receive(unit_a, "reflection", "Đèn đường hỏng ở thôn Nà Cà đã lâu chưa sửa.")
    letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(decision="guided", receiving_body="Điện lực tỉnh"),
    )
    letter_decide(letter=denunciation, actor=officer_a, data=DecisionInput(decision="accepted"))
    rows = list(Notification.objects.order_by("id"))
    assert [r.template for r in rows] == ["letters.received", "letters.guided"]
    assert rows[0].recipient == "0987000111" and letter.code in rows[0].body
    assert "Nguyễn Văn Dân" not in rows[0].body + rows[1].body
    for r in rows:
        _clean(r.body + r.recipient + r.subject)


def test_attachments_of_a_protected_letter_do_not_carry_the_name(receive, unit_a, client_a):
    """The citizen's file names (often their own name) stay for an ordinary letter, and are
    replaced by neutral ones when the sender is protected from the receipt."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.letters.services.intake import IncomingFile

    from .conftest import tables_with

    def files(*names: str) -> list[IncomingFile]:
        return [
            IncomingFile(upload=SimpleUploadedFile(n, b"%PDF-1.4"), content_type="application/pdf")
            for n in names
        ]

    content = "Tố cáo cán bộ địa chính thu tiền sai quy định khi cấp giấy chứng nhận."
    named = ("Hoàng Thị Bí Mật.pdf", "hoang-thi-bi-mat CCCD.Pdf", "bản khai")
    for kind in ("denunciation", "mixed"):
        letter = receive(
            unit_a, kind, content, name=DENOUNCER_NAME, phone=DENOUNCER_PHONE, files=files(*named)
        )
        stored = list(letter.attachments.order_by("pk").values_list("name", flat=True))
        assert stored == ["tep-dinh-kem-1.pdf", "tep-dinh-kem-2.pdf", "tep-dinh-kem-3"], kind
        page = client_a.get(reverse("letters:detail", args=[letter.code])).content.decode()
        assert "tep-dinh-kem-1.pdf" in page
    assert tables_with(DENOUNCER_NAME) == set() and tables_with("hoang-thi-bi-mat") == set()
    ordinary = receive(unit_a, "petition", content, files=files("Kiến nghị thôn Nà Pán.pdf"))
    assert ordinary.attachments.get().name == "Kiến nghị thôn Nà Pán.pdf"


def _scan(name: str):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.letters.services.intake import IncomingFile

    return IncomingFile(
        upload=SimpleUploadedFile(name, b"%PDF-1.4"), content_type="application/pdf"
    )


def test_command_hides_senders_protected_before(receive, unit_a, denunciation, officer_a):
    """Letters protected before the correction hid their history, and a note naming the
    denouncer typed later on the case page: the command masks them, and only them."""
    from django.core.management import call_command

    from danvan.cases.models import CaseEventKind
    from danvan.cases.services import case_assign
    from danvan.letters.models import LetterAttachment

    from .conftest import tables_with

    case_assign(
        case=denunciation.case,
        actor=officer_a,
        assignee=officer_a,
        note=f"Bà {DENOUNCER_NAME} gọi lại, số {DENOUNCER_PHONE}",
    )
    attached = receive(
        unit_a, "denunciation", "Tố cáo thu tiền sai quy định.", files=[_scan("a.pdf")]
    )
    # What a letter received or corrected before this existed kept in clear.
    LetterAttachment.objects.filter(letter=attached).update(name=f"{DENOUNCER_NAME}.pdf")
    ordinary = receive(unit_a, "petition", "Kiến nghị làm đường thôn.", files=[_scan("x.pdf")])
    case_assign(case=ordinary.case, actor=officer_a, assignee=officer_a, note="Gọi Nguyễn Văn Dân")
    LetterAttachment.objects.filter(letter=ordinary).update(name="Nguyễn Văn Dân.pdf")
    assert tables_with(DENOUNCER_NAME) == {"cases_caseevent", "letters_letterattachment"}

    out = StringIO()
    call_command("redact_protected_senders", batch_size=1, stdout=out)
    assert "2 protected letters: 1 events redacted, 1 attachments renamed." in out.getvalue()
    assert tables_with(DENOUNCER_NAME) == set() and tables_with(DENOUNCER_PHONE) == set()
    note = denunciation.case.events.get(kind=CaseEventKind.ASSIGNED).data["internal_note"]
    assert note == "Bà [đã ẩn] gọi lại, số [đã ẩn]"
    assert attached.attachments.get().name == "tep-dinh-kem-1.pdf"
    # Each decryption is a logged use; an ordinary letter is not touched.
    uses = AuditEntry.objects.filter(action="letters.identity_used_for_masking")
    assert set(uses.values_list("object_repr", flat=True)) == {denunciation.code, attached.code}
    logged = AuditEntry.objects.filter(action="letters.redact_history", object_repr=attached.code)
    assert logged.get().detail == {"events": 0, "attachments": 1}
    assert ordinary.attachments.get().name == "Nguyễn Văn Dân.pdf"
    ordinary_note = ordinary.case.events.get(kind=CaseEventKind.ASSIGNED).data["internal_note"]
    assert ordinary_note == "Gọi Nguyễn Văn Dân"
    out = StringIO()
    call_command("redact_protected_senders", stdout=out)
    assert "0 events redacted, 0 attachments renamed" in out.getvalue()


def test_migration_renames_files_of_letters_protected_before(receive, unit_a, denunciation):
    from importlib import import_module

    from django.apps import apps

    from danvan.letters.models import LetterAttachment

    migration = import_module("danvan.letters.migrations.0004_neutral_attachment_names")
    protected = receive(
        unit_a, "mixed", "Đơn tố cáo và kiến nghị.", files=[_scan("a.pdf"), _scan("b")]
    )
    ordinary = receive(unit_a, "petition", "Kiến nghị làm đường thôn.", files=[_scan("x.pdf")])
    first, second = protected.attachments.order_by("pk")
    LetterAttachment.objects.filter(pk=first.pk).update(name=f"{DENOUNCER_NAME}.PDF")
    LetterAttachment.objects.filter(pk=second.pk).update(name="hoang thi bi mat")
    LetterAttachment.objects.filter(letter=ordinary).update(name="Nguyễn Văn Dân.pdf")
    for _run in range(2):  # re-runnable
        migration.rename(apps, None)
        names = list(protected.attachments.order_by("pk").values_list("name", flat=True))
        assert names == ["tep-dinh-kem-1.pdf", "tep-dinh-kem-2"]
        assert ordinary.attachments.get().name == "Nguyễn Văn Dân.pdf"


@pytest.mark.parametrize(
    "written",
    [
        "Nhà tôi ở Xóm Khe Giấu Kín, gần cầu treo.",
        "nhà tôi ở xóm khe giấu kín, gần cầu treo.",
        "Nhà tôi ở xom Khe  Giau Kin, gần cầu treo.",
        "Nhà tôi: Xóm Khe Giấu Kín - xã Bình Yên, gần cầu treo.",
    ],
)
def test_mask_hides_the_address_however_written(written):
    from danvan.letters.services.identity import HIDDEN, Identity, mask

    masked = mask(written, Identity(name="Ai Đó", address="Xóm Khe Giấu Kín, xã Bình Yên"))
    assert HIDDEN in masked and "kín" not in masked.lower() and "kin," not in masked.lower()
    assert masked.startswith("Nhà tôi") or masked.startswith("nhà tôi")
    assert "gần cầu treo" in masked


def test_mask_keeps_one_word_places_and_whole_words_only():
    from danvan.letters.services.identity import Identity, mask

    # A one-word address would mask common words everywhere: it is left alone.
    assert mask("Đường Nà bị hỏng", Identity(address="Nà")) == "Đường Nà bị hỏng"
    # Only whole words: "Khe Giấu" inside "Khe Giấuxyz" is not this address.
    assert mask("ở Khe Giấuxyz", Identity(address="Khe Giấu")) == "ở Khe Giấuxyz"


def test_denunciation_address_masked_in_lists_and_api(receive, unit_a, client_a, officer_a):
    # The receive fixture's sender lives in "Thôn Nà Pán", and writes it in the letter.
    letter = receive(
        unit_a,
        "denunciation",
        "Tôi ở thôn Nà Pán, tố cáo cán bộ thu tiền sai quy định khi làm thủ tục đất đai.",
        name=DENOUNCER_NAME,
        phone=DENOUNCER_PHONE,
    )
    assert "Nà Pán" not in letter.content and "Nà Pán" not in letter.title
    _token, plain = api_token_create(user=officer_a, label="t")
    listed = client_a.get(
        f"/api/v1/letters?unit={unit_a.code}", HTTP_AUTHORIZATION=f"Bearer {plain}"
    )
    assert listed.json()["count"] == 1 and "Nà Pán" not in listed.content.decode()
    for url in ("/don-thu/", "/ho-so-viec/", f"/don-thu/don/{letter.code}/"):
        body = client_a.get(url).content.decode()
        assert letter.code in body and "Nà Pán" not in body, url


def test_register_denunciation_masked_encrypted_and_read_with_audit(unit_a, officer_a, client_a):
    name, phone, address = "Lê Thị Tiếp Dân", "0933444555", "Bản Lũng Tiếp Dân"
    entry = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 10, 8),
            content=f"Tôi là {name}, {address}, điện thoại {phone}: tố cáo trưởng thôn.",
            kind="denunciation",
            visitor_name=name,
            visitor_phone=phone,
            visitor_address=address,
            guidance=f"Đã hướng dẫn bà {name}.",
        ),
        actor=officer_a,
    )
    for value in (entry.content, entry.guidance, entry.case.title):
        assert name not in value and phone not in value and address not in value, value
    page = client_a.get("/don-thu/tiep-cong-dan/").content.decode()
    export = client_a.get("/don-thu/tiep-cong-dan/xuat.xlsx")
    cells = " ".join(
        str(c)
        for row in load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True)
        for c in row
    )
    for body in (page, cells):
        assert "tố cáo trưởng thôn" in body
        assert name not in body and phone not in body and address not in body
    read = client_a.post(f"/don-thu/tiep-cong-dan/{entry.pk}/nguoi-to-cao/", {"purpose": "x"})
    assert read.status_code == 200 and name in read.content.decode()
    assert AuditEntry.objects.filter(action="letters.identity_read").count() == 1
    row = ProtectedIdentity.objects.get(entry=entry)
    assert crypto.decrypt(row.original_content_enc).startswith(f"Tôi là {name}")
