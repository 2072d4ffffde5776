"""Officers' pages: decisions, votes, notices, consultations, disclosures, postings,
compliance and supervision — with bad input kept and another commune refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.cases.models import Case, CaseStatus
from danvan.core.documents import OfficialDocument
from danvan.democracy.models import (
    BoardMember,
    Consultation,
    Decision,
    Disclosure,
    Posting,
    Recommendation,
    Vote,
)
from danvan.democracy.services.decisions import VoteInput, vote_cast
from danvan.democracy.services.disclosures import disclosure_create
from danvan.democracy.services.supervision import board_create
from danvan.testing.factories import make_officer

from .conftest import add_households, open_decision

pytestmark = pytest.mark.django_db


def _docx() -> bytes:
    return OfficialDocument(
        issuer_parent="",
        issuer="UBND XÃ THỬ A",
        number="1",
        place="A",
        date=date(2026, 1, 1),
        title="QUYẾT ĐỊNH",
    ).to_docx()


def test_unit_home_scoped(client_a, client_b, unit_a, village_a):
    assert client_a.get(f"/dan-chu/xa/{unit_a.code}/").status_code == 200
    assert client_b.get(f"/dan-chu/xa/{unit_a.code}/").status_code == 404
    assert Client().get(f"/dan-chu/xa/{unit_a.code}/").status_code == 302


def test_decision_form_keeps_input_and_refuses_short_notice(client_a, unit_a, village_a):
    add_households(village_a, 3)
    soon = timezone.localtime() + timedelta(hours=5)
    data = {
        "scope": "village",
        "village": village_a.pk,
        "category": "village_rules",
        "form": "meeting",
        "title": "Sửa đổi hương ước thôn",
        "opens": soon.strftime("%d/%m/%Y %H:%M"),
        "closes": (soon + timedelta(hours=3)).strftime("%d/%m/%Y %H:%M"),
    }
    r = client_a.post(f"/dan-chu/xa/{unit_a.code}/bieu-quyet/tao/", data)
    assert r.status_code == 400
    assert "Sửa đổi hương ước thôn" in r.content.decode()
    assert "ít nhất 2 ngày" in r.content.decode()
    later = timezone.localtime() + timedelta(days=3)
    data["opens"] = later.strftime("%d/%m/%Y %H:%M")
    data["closes"] = (later + timedelta(hours=3)).strftime("%d/%m/%Y %H:%M")
    r = client_a.post(f"/dan-chu/xa/{unit_a.code}/bieu-quyet/tao/", data)
    assert r.status_code == 302
    assert Decision.objects.count() == 1
    junk = client_a.post(
        f"/dan-chu/xa/{unit_a.code}/bieu-quyet/tao/", {"opens": "x", "village": "y"}
    )
    assert junk.status_code == 400


def test_decision_page_shows_totals_never_choices(client_a, client_b, village_a, officer_a):
    households = add_households(village_a, 3)
    decision = open_decision(village_a)
    url = f"/dan-chu/bieu-quyet/{decision.pk}/"
    r = client_a.post(url + "ghi-phieu/", {"household": households[0].pk, "choice": "no"})
    assert r.status_code == 302
    vote = Vote.objects.get()
    assert vote.receipt in client_a.get(url).content.decode()  # shown once, to the recorder
    page = client_a.get(url).content.decode()
    assert "Tổng số hộ" in page
    assert vote.receipt not in page
    assert "Không đồng ý</th><td>1" in page.replace("\n", "")
    assert client_b.get(url).status_code == 404
    assert (
        client_b.post(
            url + "ghi-phieu/", {"household": households[1].pk, "choice": "yes"}
        ).status_code
        == 404
    )
    bad = client_a.post(url + "ghi-phieu/", {"household": "abc", "choice": "maybe"})
    assert bad.status_code == 400
    assert Vote.objects.count() == 1


def test_vote_recording_refused_after_closing(client_a, village_a):
    households = add_households(village_a, 2)
    decision = open_decision(village_a)
    Decision.objects.filter(pk=decision.pk).update(closes=timezone.now() - timedelta(seconds=1))
    r = client_a.post(
        f"/dan-chu/bieu-quyet/{decision.pk}/ghi-phieu/",
        {"household": households[0].pk, "choice": "yes"},
    )
    assert r.status_code == 400
    assert "Đã hết thời gian biểu quyết" in r.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_notice_prints_codes(client_a, client_b, village_a, fmt):
    add_households(village_a, 2)
    decision = open_decision(village_a, form="online")
    url = f"/dan-chu/bieu-quyet/{decision.pk}/thong-bao.{fmt}"
    assert client_a.get(url).status_code == 200  # the warning page
    r = client_a.post(url)
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/")
    body = r.content
    assert body.startswith(b"%PDF") if fmt == "pdf" else body.startswith(b"PK")
    assert client_b.post(url).status_code == 404
    assert client_a.post(f"/dan-chu/bieu-quyet/{decision.pk}/thong-bao.exe").status_code == 404


def test_report_and_recognise_pages(client_a, village_a, officer_a):
    households = add_households(village_a, 3)
    decision = open_decision(village_a)
    for h in households[:2]:
        vote_cast(decision=decision, actor=officer_a, data=VoteInput(household=h, choice="yes"))
    Decision.objects.filter(pk=decision.pk).update(closes=timezone.now() - timedelta(minutes=1))
    assert client_a.post(f"/dan-chu/bieu-quyet/{decision.pk}/gui-ket-qua/").status_code == 302
    r = client_a.post(
        f"/dan-chu/bieu-quyet/{decision.pk}/cong-nhan/", {"recognised": "0", "reason": ""}
    )
    assert r.status_code == 400
    r = client_a.post(f"/dan-chu/bieu-quyet/{decision.pk}/cong-nhan/", {"recognised": "1"})
    assert r.status_code == 302
    decision.refresh_from_db()
    assert decision.recognised is True and decision.final_result["passed"] is True


def _consultation_data(village, days: int) -> dict:
    opens = timezone.localtime().replace(hour=8, minute=0) + timedelta(days=1)
    return {
        "village": "",
        "category": "plans",
        "title": "Kế hoạch sử dụng đất 2027",
        "summary": "Dự thảo kế hoạch sử dụng đất năm 2027.",
        "opens": opens.strftime("%d/%m/%Y %H:%M"),
        "closes": (opens + timedelta(days=days)).strftime("%d/%m/%Y %H:%M"),
    }


def test_consultation_period_boundary(client_a, client_b, unit_a, village_a):
    url = f"/dan-chu/xa/{unit_a.code}/lay-y-kien/tao/"
    short = client_a.post(url, _consultation_data(village_a, 19))
    assert short.status_code == 400
    assert "ít nhất 20 ngày" in short.content.decode()
    assert "Kế hoạch sử dụng đất 2027" in short.content.decode()
    ok = client_a.post(url, _consultation_data(village_a, 20))
    assert ok.status_code == 302
    assert Consultation.objects.count() == 1
    assert client_b.post(url, _consultation_data(village_a, 25)).status_code == 404


def test_comment_synthesis_flow(client_a, unit_a):
    now = timezone.now()
    c = Consultation.objects.create(
        unit=unit_a,
        category="plans",
        title="T",
        summary="Tóm tắt nội dung",
        opens=now - timedelta(days=21),
        closes=now + timedelta(days=1),
    )
    base = f"/dan-chu/lay-y-kien/{c.pk}/"
    missing_source = client_a.post(
        base + "y-kien/", {"source": "meeting", "name": "Bà Hoa", "content": "Ý kiến tại hội nghị"}
    )
    assert missing_source.status_code == 400
    r = client_a.post(
        base + "y-kien/",
        {
            "source": "meeting",
            "source_note": "Hội nghị thôn 12/11",
            "name": "Bà Hoa",
            "content": "Ý kiến tại hội nghị",
        },
    )
    assert r.status_code == 302
    comment = c.comments.get()
    early = client_a.post(
        base + "cong-bo/", {"synthesis": "Tổng hợp: một ý kiến, đã tiếp thu toàn bộ."}
    )
    assert early.status_code == 400  # still open
    Consultation.objects.filter(pk=c.pk).update(closes=now - timedelta(minutes=1))
    unanswered = client_a.post(
        base + "cong-bo/", {"synthesis": "Tổng hợp: một ý kiến, đã tiếp thu toàn bộ."}
    )
    assert "chưa được tiếp thu" in unanswered.content.decode()
    bad = client_a.post(
        base + f"y-kien/{comment.pk}/tiep-thu/", {"response": "explained", "note": ""}
    )
    assert bad.status_code == 400
    ok = client_a.post(
        base + f"y-kien/{comment.pk}/tiep-thu/", {"response": "accepted", "note": ""}
    )
    assert ok.status_code == 302
    done = client_a.post(
        base + "cong-bo/", {"synthesis": "Tổng hợp: một ý kiến, đã tiếp thu toàn bộ."}
    )
    assert done.status_code == 302
    c.refresh_from_db()
    assert c.synthesis_published_at is not None


def test_disclosure_checks_document_content(client_a, client_b, unit_a):
    url = f"/dan-chu/xa/{unit_a.code}/cong-khai/tao/"
    today = timezone.localdate()
    data = {
        "category": "beneficiaries",
        "title": "Danh sách hộ nghèo năm 2027",
        "decided_on": today.strftime("%d/%m/%Y"),
        "places": ["commune_office"],
        "posted_on": today.strftime("%d/%m/%Y"),
    }
    fake = SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf")
    r = client_a.post(url, {**data, "document": fake})
    assert r.status_code == 400
    assert "PDF hoặc DOCX" in r.content.decode()
    assert "Danh sách hộ nghèo năm 2027" in r.content.decode()
    # Name and content must agree (core's recognise_upload): a Word file named .pdf, a PNG
    # named .pdf are refused too.
    renamed = SimpleUploadedFile("qd.pdf", _docx(), content_type="application/pdf")
    assert client_a.post(url, {**data, "document": renamed}).status_code == 400
    png = SimpleUploadedFile("anh.pdf", _png(), content_type="application/pdf")
    assert client_a.post(url, {**data, "document": png}).status_code == 400
    good = SimpleUploadedFile("qd.docx", _docx())
    r = client_a.post(url, {**data, "document": good})
    assert r.status_code == 302
    d = Disclosure.objects.get()
    assert d.document_type.endswith("document")
    assert client_b.get(f"/dan-chu/cong-khai/{d.pk}/").status_code == 404
    # public download
    dl = Client().get(f"/dan-chu/cong-dan/van-ban/{d.pk}/")
    assert dl.status_code == 200 and b"".join(dl.streaming_content).startswith(b"PK")


def test_village_head_confirms_posting_and_compliance(unit_a, village_a, officer_a, client_b):
    head = make_officer("tuan", unit=unit_a, roles=[Role.VILLAGE_HEAD])
    phone = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Mobile")
    phone.force_login(head)
    today = timezone.localdate()
    d = disclosure_create(
        actor=officer_a,
        unit=unit_a,
        category="military",
        title="Danh sách gọi nhập ngũ",
        decided_on=today - timedelta(days=1),
        document=SimpleUploadedFile("a.docx", _docx()),
        posted_on=today,
        places=["commune_office"],
    )
    assert phone.get(f"/dan-chu/xa/{unit_a.code}/niem-yet/").status_code == 200
    r = phone.post(f"/dan-chu/cong-khai/{d.pk}/niem-yet/", {"village": village_a.pk})
    assert r.status_code == 302
    posting = Posting.objects.get(place="village_house")
    assert posting.village == village_a and posting.confirmed_by == head
    again = phone.post(f"/dan-chu/cong-khai/{d.pk}/niem-yet/", {"village": village_a.pk})
    assert again.status_code == 400
    assert (
        client_b.post(f"/dan-chu/cong-khai/{d.pk}/niem-yet/", {"village": village_a.pk}).status_code
        == 404
    )
    compliance = phone.get(f"/dan-chu/xa/{unit_a.code}/cong-khai/tuan-thu/").content.decode()
    # a military list also needs the loudspeakers: incomplete, but not late
    assert "Hệ thống truyền thanh" in compliance
    assert "Kế hoạch phát triển kinh tế - xã hội" in compliance  # a missing category
    docx = phone.get(f"/dan-chu/xa/{unit_a.code}/cong-khai/danh-muc-quy.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_board_refuses_commune_official_and_recommendation_is_a_case(
    client_a, client_b, unit_a, village_a, officer_a
):
    board = board_create(
        actor=officer_a,
        unit=unit_a,
        kind="inspection",
        name="Ban Thanh tra nhân dân",
        term_start=date(2026, 1, 1),
        term_end=date(2031, 1, 1),
    )
    url = f"/dan-chu/ban/{board.pk}/"
    member = {
        "action": "member",
        "village": village_a.pk,
        "name": "Hoàng Văn Giám",
        "term_start": "01/01/2026",
        "term_end": "01/01/2031",
    }
    refused = client_a.post(url, {**member, "is_commune_official": "on"})
    assert refused.status_code == 400
    assert "Cán bộ, công chức xã không được" in refused.content.decode()
    officer_a.first_name, officer_a.last_name = "Alice", ""
    officer_a.save()
    by_account = client_a.post(url, {**member, "name": "alice"})
    assert by_account.status_code == 400
    assert client_a.post(url, member).status_code == 302
    assert BoardMember.objects.count() == 1
    assert client_b.post(url, member).status_code == 404
    r = client_a.post(
        url,
        {
            "action": "recommendation",
            "title": "Chậm tiến độ",
            "content": "Công trình chậm hai tháng.",
        },
    )
    assert r.status_code == 302
    rec = Recommendation.objects.get()
    case = rec.case
    assert case.kind == "inspection_recommendation" and case.rule_id == "inspection.answer"
    assert (case.due_date - timezone.localtime(case.received_at).date()).days >= 15
    assert (
        client_b.post(
            f"/dan-chu/kien-nghi/{rec.pk}/tra-loi/", {"answer": "Đã đôn đốc nhà thầu."}
        ).status_code
        == 404
    )
    assert client_a.post(f"/dan-chu/kien-nghi/{rec.pk}/tra-loi/", {"answer": ""}).status_code == 400
    assert (
        client_a.post(
            f"/dan-chu/kien-nghi/{rec.pk}/tra-loi/", {"answer": "Đã đôn đốc nhà thầu."}
        ).status_code
        == 302
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RESOLVED


def test_recommendation_case_page_shows_the_panel(client_a, client_b, unit_a, officer_a):
    board = board_create(
        actor=officer_a,
        unit=unit_a,
        kind="inspection",
        name="Ban Thanh tra nhân dân",
        term_start=date(2026, 1, 1),
        term_end=date(2031, 1, 1),
    )
    from danvan.democracy.services.supervision import recommendation_receive

    rec = recommendation_receive(
        actor=officer_a, board=board, title="Chậm tiến độ", content="Công trình chậm hai tháng."
    )
    page = client_a.get(f"/ho-so-viec/{rec.case.code}/")
    assert page.status_code == 200
    assert "Công trình chậm hai tháng." in page.content.decode()
    assert client_b.get(f"/ho-so-viec/{rec.case.code}/").status_code == 404


def test_village_with_a_decision_cannot_be_deleted(client_a, village_a):
    from danvan.territory.models import Village

    add_households(village_a, 1)
    open_decision(village_a)
    r = client_a.post(f"/dia-ban/thon/{village_a.pk}/xoa/")
    assert r.status_code == 409
    assert "Không xóa được" in r.content.decode()
    assert Village.objects.filter(pk=village_a.pk).exists()


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="PNG")
    return out.getvalue()
