"""The denouncer's identity: never in clear in any table, read only by A's leader or the
assignee through the explicit reading, every reading audited without the name."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from danvan.core.models import AuditEntry

from .conftest import (
    DENOUNCER_NAME,
    DENOUNCER_PHONE,
    PROTECTED,
    VISITOR_NAME,
    login,
    text_of,
    token_for,
    vn,
)

pytestmark = pytest.mark.django_db

PURPOSE = {"purpose": "Xác minh nội dung tố cáo"}


def _readable(value: object) -> str:
    """A column as a person would read it: SQLite keeps JSON with \\u escapes, so a name
    inside a JSON column is only found once the JSON is decoded."""
    text = str(value)
    if isinstance(value, str) and text[:1] in "[{":
        try:
            return text + " " + json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def plaintext_in_database() -> list[str]:
    """Every table, every row, every column read raw with a cursor: where a secret is found."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = " ".join(_readable(v) for v in row)
                found += [f"{table}: {s}" for s in PROTECTED if s in text]
    return found


def test_identity_is_ciphertext_in_every_table(world, officer_a, assignee_a):
    # Seeded, then read by both entitled people through pages, the API and a notice: the
    # readings must not copy the identity anywhere (audit detail, notifications, sessions).
    login(officer_a).post(f"/don-thu/don/{world.denunciation.code}/nguoi-to-cao/", PURPOSE)
    login(officer_a).post(f"/don-thu/tiep-cong-dan/{world.entry.pk}/nguoi-to-cao/", PURPOSE)
    login(assignee_a).post(f"/don-thu/don/{world.denunciation.code}/nguoi-to-cao/", PURPOSE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name_enc, phone_enc FROM letters_protectedidentity")
        rows = cursor.fetchall()
    # the letter, the register entry and the mixed letter: its parts share its row
    assert len(rows) == 3 and all(r[0].startswith("gAAAA") and r[1] for r in rows)
    assert plaintext_in_database() == []


@pytest.mark.parametrize("who", ["officer_a", "assignee_a"])
def test_entitled_reading_shows_the_name_and_is_audited(world, who, request):
    client = login(request.getfixturevalue(who))
    before = AuditEntry.objects.filter(action="letters.identity_read").count()
    response = client.post(f"/don-thu/don/{world.denunciation.code}/nguoi-to-cao/", PURPOSE)
    assert response.status_code == 200
    assert DENOUNCER_NAME in text_of(response) and DENOUNCER_PHONE in text_of(response)
    assert response["Cache-Control"] == "no-store"
    entries = AuditEntry.objects.filter(action="letters.identity_read").order_by("-id")
    assert entries.count() == before + 1
    entry = entries.first()
    assert entry.object_repr == world.denunciation.code
    assert entry.actor.username == request.getfixturevalue(who).username
    assert entry.detail["purpose"] == PURPOSE["purpose"]


def test_a_purpose_naming_the_denouncer_is_recorded_masked(world, officer_a):
    # The register is read by the unit's leaders and exported to inspectors as XLSX.
    purpose = {"purpose": f"Gọi lại cho {DENOUNCER_NAME}, số {DENOUNCER_PHONE}"}
    login(officer_a).post(f"/don-thu/don/{world.denunciation.code}/nguoi-to-cao/", purpose)
    entry = AuditEntry.objects.filter(action="letters.identity_read").order_by("-id").first()
    stored = entry.detail["purpose"]
    assert stored.startswith("Gọi lại cho ")
    assert DENOUNCER_NAME not in stored and DENOUNCER_PHONE not in stored


def test_reading_without_purpose_reads_nothing(world, officer_a):
    response = login(officer_a).post(f"/don-thu/don/{world.denunciation.code}/nguoi-to-cao/", {})
    assert DENOUNCER_NAME not in text_of(response)
    assert not AuditEntry.objects.filter(action="letters.identity_read").exists()


def test_api_reading_is_audited_and_refused_to_others(world, officer_a, clerk_a, officer_b):
    url = f"/api/v1/letters/{world.denunciation.code}/identity?purpose=kiem-tra"
    ok = login(officer_a).get(url, HTTP_AUTHORIZATION=f"Bearer {token_for(officer_a)}")
    assert ok.status_code == 200 and ok.json()["name"] == DENOUNCER_NAME
    assert AuditEntry.objects.filter(action="letters.identity_read").count() == 1
    for user in (clerk_a, officer_b):
        refused = login(user).get(url, HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        assert refused.status_code == 404 and DENOUNCER_NAME not in text_of(refused)
    assert AuditEntry.objects.filter(action="letters.identity_read").count() == 1


def test_register_entry_identity_leaders_only(world, officer_a, clerk_a, assignee_a):
    url = f"/don-thu/tiep-cong-dan/{world.entry.pk}/nguoi-to-cao/"
    for user in (clerk_a, assignee_a):
        response = login(user).post(url, PURPOSE)
        assert response.status_code == 403 and VISITOR_NAME not in text_of(response)
    refusals = AuditEntry.objects.filter(action="letters.identity_refused")
    assert refusals.count() == 2 and {r.actor for r in refusals} == {clerk_a, assignee_a}
    response = login(officer_a).post(url, PURPOSE)
    assert response.status_code == 200 and VISITOR_NAME in text_of(response)
    reads = AuditEntry.objects.filter(action="letters.identity_read")
    assert reads.count() == 1 and VISITOR_NAME not in reads.get().object_repr


def test_notice_to_the_denouncer_is_an_audited_reading(world, officer_a, clerk_a):
    from danvan.letters.services.decisions import DecisionInput, letter_decide

    letter_decide(
        letter=world.denunciation,
        actor=officer_a,
        data=DecisionInput(decision="accepted", at=vn(2026, 10, 9, 9, 0)),
    )
    url = f"/don-thu/don/{world.denunciation.code}/van-ban/nguoi-to-cao.docx"
    response = login(officer_a).get(url)
    assert response.status_code == 200 and DENOUNCER_NAME in text_of(response)
    assert response["Cache-Control"] == "no-store"
    read = AuditEntry.objects.get(action="letters.identity_read")
    assert read.detail["purpose"] == "notice:nguoi-to-cao"
    assert login(clerk_a).get(url).status_code == 404
    pdf = login(officer_a).get(url.replace(".docx", ".pdf"))
    assert pdf.status_code == 200 and DENOUNCER_NAME in text_of(pdf)
    assert AuditEntry.objects.filter(action="letters.identity_read").count() == 2


def test_denunciation_entered_through_the_form_leaves_no_trace(unit_a, officer_a, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    client = login(officer_a)
    response = client.post(
        "/don-thu/tiep-nhan/",
        {
            "unit": unit_a.pk,
            "kind": "denunciation",
            "channel": "desk",
            "received_on": "2026-10-06",
            "sender_name": DENOUNCER_NAME,
            "sender_phone": DENOUNCER_PHONE,
            "sender_id_number": "019090001234",
            "content": f"Tôi, {DENOUNCER_NAME.upper()}, CCCD 019090001234, điện thoại "
            "0912 345 678, tố cáo cán bộ thu tiền sai quy định.",
            "signers_count": "1",
            "category": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    body = text_of(response)
    assert "[đã ẩn]" in body
    for secret in (*PROTECTED, DENOUNCER_NAME.upper(), "019090001234", "0912 345 678"):
        assert secret not in body, secret
    assert plaintext_in_database() == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT content, title FROM letters_letter")
        ((content, title),) = cursor.fetchall()
    assert "019090001234" not in content + title and "0912 345 678" not in content
    assert not [m for m in caplog.messages if DENOUNCER_NAME in m or DENOUNCER_PHONE in m]


def test_denouncers_email_is_masked_and_kept_encrypted(unit_a, officer_a):
    from danvan.letters.services.identity import identity_read
    from danvan.letters.services.intake import LetterInput, Sender, letter_receive

    email = "togiac.an.danh@example.vn"
    letter = letter_receive(
        data=LetterInput(
            unit=unit_a,
            kind="denunciation",
            content=f"Liên hệ tôi qua {email.upper()}: tố cáo cán bộ thu tiền sai quy định.",
            channel="post",
            sender=Sender(email=email),
        ),
        actor=officer_a,
    )
    assert email not in letter.content.lower() and "[đã ẩn]" in letter.content
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM letters_letter")
        assert email not in str(cursor.fetchall()).lower()
        cursor.execute("SELECT email_enc FROM letters_protectedidentity")
        (token,) = cursor.fetchone()
    assert token.startswith("gAAAA") and email not in token
    read = identity_read(user=officer_a, letter=letter, purpose="Liên hệ người tố cáo")
    assert read.email == email


@pytest.mark.parametrize(
    "written",
    [
        "Toi la Nguyen Van To Giac, sdt +84 912 345 678",
        "Tôi là NGUYỄN  VĂN TỐ GIÁC, điện thoại 84912345678",
        "Người làm đơn: nguyễn văn tố giác (0912.345.678)",
    ],
)
def test_mask_catches_the_name_and_phone_however_written(unit_a, officer_a, written):
    from danvan.letters.services.intake import LetterInput, Sender, letter_receive

    letter = letter_receive(
        data=LetterInput(
            unit=unit_a,
            kind="denunciation",
            content=f"{written}. Tố cáo cán bộ địa chính thu tiền sai quy định.",
            channel="post",
            sender=Sender(name=DENOUNCER_NAME, phone=DENOUNCER_PHONE),
        ),
        actor=officer_a,
    )
    folded = letter.content.lower()
    for leak in ("nguyen van to giac", "nguyễn", "tố giác", "912", "345"):
        assert leak not in folded, (leak, letter.content)
    assert "Tố cáo cán bộ địa chính" in letter.content


def test_split_parts_share_the_one_protected_identity(world, officer_a, client):
    """Each part of a split letter answers the audited reading with the mixed letter's
    sender, from the mixed letter's encrypted row (no copy), and every reading is audited."""
    from danvan.letters.models import ProtectedIdentity

    from .conftest import SPLIT_ADDRESS, SPLIT_NAME, SPLIT_PHONE

    assert not ProtectedIdentity.objects.filter(letter__in=world.parts).exists()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(officer_a)}"}
    for part in world.parts:
        assert part.sender_name == part.sender_phone == part.sender_address == ""
        assert SPLIT_NAME not in part.content and SPLIT_PHONE not in part.content
        assert SPLIT_ADDRESS not in part.content
        shown = client.get(f"/api/v1/letters/{part.code}/identity?purpose=tra-loi", **bearer)
        assert shown.status_code == 200, shown.content
        body = shown.json()
        assert (body["name"], body["phone"], body["address"]) == (
            SPLIT_NAME,
            SPLIT_PHONE,
            SPLIT_ADDRESS,
        )
    reads = AuditEntry.objects.filter(action="letters.identity_read")
    assert sorted(reads.values_list("object_repr", flat=True)) == sorted(
        p.code for p in world.parts
    )


@pytest.mark.parametrize("purpose", ["", "?purpose=", "?purpose=%20%20"])
def test_api_identity_reading_requires_a_purpose(world, officer_a, client, purpose):
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_for(officer_a)}"}
    url = f"/api/v1/letters/{world.denunciation.code}/identity{purpose}"
    refused = client.get(url, **bearer)
    assert refused.status_code == 422 and refused.json()["code"] == "purpose_required"
    assert DENOUNCER_NAME not in text_of(refused)
    assert not AuditEntry.objects.filter(action="letters.identity_read").exists()
