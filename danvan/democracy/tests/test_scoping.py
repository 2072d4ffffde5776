"""Every officer page of commune A refuses the officer of commune B (404 on read, 404/403 on
write), list pages cost a fixed number of queries, and the demo seeder runs twice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.core.documents import OfficialDocument
from danvan.core.registry import registries
from danvan.democracy.models import Board, Consultation, Household, Posting
from danvan.democracy.services.consultations import comment_add
from danvan.democracy.services.disclosures import disclosure_create, posting_confirm
from danvan.democracy.services.errors import DemocracyError
from danvan.democracy.services.supervision import board_create, recommendation_receive
from danvan.testing.factories import VillageFactory

from .conftest import add_households, open_decision

pytestmark = pytest.mark.django_db


def _docx() -> SimpleUploadedFile:
    doc = OfficialDocument(
        issuer_parent="", issuer="UBND", number="1", place="A", date=date(2026, 1, 1), title="QĐ"
    )
    return SimpleUploadedFile("a.docx", doc.to_docx())


@pytest.fixture
def world(unit_a, village_a, officer_a):
    add_households(village_a, 2)
    decision = open_decision(village_a)
    now = timezone.now()
    consultation = Consultation.objects.create(
        unit=unit_a,
        category="plans",
        title="T",
        summary="Tóm tắt",
        opens=now - timedelta(days=1),
        closes=now + timedelta(days=20),
    )
    comment = comment_add(consultation=consultation, name="A", phone="0912000111", content="Ý kiến")
    disclosure = disclosure_create(
        actor=officer_a,
        unit=unit_a,
        category="budget",
        title="Dự toán",
        decided_on=timezone.localdate(),
        document=_docx(),
        posted_on=timezone.localdate(),
        places=["commune_office"],
    )
    posting = Posting.objects.get(disclosure=disclosure)
    board = board_create(
        actor=officer_a,
        unit=unit_a,
        kind="inspection",
        name="Ban TTND",
        term_start=date(2026, 1, 1),
        term_end=date(2030, 1, 1),
    )
    rec = recommendation_receive(
        actor=officer_a, board=board, title="K", content="Nội dung kiến nghị"
    )
    return {
        "decision": decision,
        "consultation": consultation,
        "comment": comment,
        "disclosure": disclosure,
        "posting": posting,
        "board": board,
        "rec": rec,
        "village": village_a,
    }


def _urls(w, code):
    d, c = w["decision"].pk, w["consultation"].pk
    return {
        "get": [
            f"/dan-chu/xa/{code}/",
            f"/dan-chu/xa/{code}/bieu-quyet/tao/",
            f"/dan-chu/bieu-quyet/{d}/",
            f"/dan-chu/bieu-quyet/{d}/thong-bao.pdf",
            f"/dan-chu/thon/{w['village'].pk}/ho-gia-dinh/",
            f"/dan-chu/xa/{code}/lay-y-kien/tao/",
            f"/dan-chu/lay-y-kien/{c}/",
            f"/dan-chu/xa/{code}/cong-khai/tao/",
            f"/dan-chu/xa/{code}/cong-khai/tuan-thu/",
            f"/dan-chu/xa/{code}/cong-khai/danh-muc-quy.docx",
            f"/dan-chu/cong-khai/{w['disclosure'].pk}/",
            f"/dan-chu/xa/{code}/niem-yet/",
            f"/dan-chu/xa/{code}/giam-sat/",
            f"/dan-chu/ban/{w['board'].pk}/",
        ],
        "post": [
            f"/dan-chu/xa/{code}/bieu-quyet/tao/",
            f"/dan-chu/bieu-quyet/{d}/ghi-phieu/",
            f"/dan-chu/bieu-quyet/{d}/thong-bao.docx",
            f"/dan-chu/bieu-quyet/{d}/gui-ket-qua/",
            f"/dan-chu/bieu-quyet/{d}/cong-nhan/",
            f"/dan-chu/thon/{w['village'].pk}/ho-gia-dinh/",
            f"/dan-chu/xa/{code}/lay-y-kien/tao/",
            f"/dan-chu/lay-y-kien/{c}/y-kien/",
            f"/dan-chu/lay-y-kien/{c}/y-kien/{w['comment'].pk}/tiep-thu/",
            f"/dan-chu/lay-y-kien/{c}/cong-bo/",
            f"/dan-chu/xa/{code}/cong-khai/tao/",
            f"/dan-chu/cong-khai/{w['disclosure'].pk}/niem-yet/",
            f"/dan-chu/niem-yet/{w['posting'].pk}/go/",
            f"/dan-chu/xa/{code}/giam-sat/",
            f"/dan-chu/ban/{w['board'].pk}/",
            f"/dan-chu/kien-nghi/{w['rec'].pk}/tra-loi/",
        ],
    }


def test_officer_of_another_commune_refused_everywhere(
    world, unit_a, client_a, client_b, province_viewer
):
    urls = _urls(world, unit_a.code)
    for url in urls["get"]:
        assert client_a.get(url).status_code == 200, url
        assert client_b.get(url).status_code == 404, url
    households_before = Household.objects.count()
    for url in urls["post"]:
        assert client_b.post(url, {"x": "1"}).status_code in (403, 404), url
    assert Household.objects.count() == households_before


def test_province_viewer_reads_but_cannot_act(world, unit_a, client_viewer):
    assert client_viewer.get(f"/dan-chu/xa/{unit_a.code}/").status_code == 200
    r = client_viewer.post(
        f"/dan-chu/bieu-quyet/{world['decision'].pk}/ghi-phieu/", {"household": 1, "choice": "yes"}
    )
    assert r.status_code == 403


def test_list_pages_fixed_query_count(world, unit_a, officer_a, client_a, client):
    def count(c, url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    pages = [
        (client_a, f"/dan-chu/xa/{unit_a.code}/"),
        (client, f"/dan-chu/cong-dan/xa/{unit_a.code}/"),
        (client_a, f"/dan-chu/xa/{unit_a.code}/niem-yet/"),
        (client, f"/api/v1/democracy/disclosures?unit={unit_a.code}"),
    ]
    before = [count(c, url) for c, url in pages]
    for n in range(5):
        v = VillageFactory(unit=unit_a, name=f"Thôn thêm {n}")
        add_households(v, 1)
        open_decision(v)
        d = disclosure_create(
            actor=officer_a,
            unit=unit_a,
            category="fees",
            title=f"Phí {n}",
            decided_on=timezone.localdate(),
            document=_docx(),
            posted_on=timezone.localdate(),
            places=["commune_office", "loudspeaker"],
        )
        posting_confirm(actor=officer_a, disclosure=d, village=v)
    after = [count(c, url) for c, url in pages]
    assert after == before


def test_village_public_page_and_posting_end(world, client_a, client):
    village = world["village"]
    page = client.get(f"/dan-chu/cong-dan/thon/{village.pk}/")
    assert page.status_code == 200 and village.name in page.content.decode()
    assert client.get("/dan-chu/cong-dan/thon/999999/").status_code == 404
    url = f"/dan-chu/niem-yet/{world['posting'].pk}/go/"
    assert client_a.post(url, {"ends": "bad"}).status_code == 400
    past = (world["posting"].starts - timedelta(days=1)).strftime("%d/%m/%Y")
    assert client_a.post(url, {"ends": past}).status_code == 400
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert client_a.post(url, {"ends": today}).status_code == 302
    world["posting"].refresh_from_db()
    assert world["posting"].ends == timezone.localdate()
    compliance = client_a.get(f"/dan-chu/cong-khai/{world['disclosure'].pk}/").content.decode()
    assert "Niêm yết chưa đủ thời gian" in compliance


def test_investment_board_one_per_project(unit_a, officer_a):
    common = {
        "actor": officer_a,
        "unit": unit_a,
        "kind": "investment",
        "name": "Ban GSĐTCĐ",
        "project": "Đường liên thôn Nà Pán",
        "term_start": date(2026, 1, 1),
        "term_end": date(2027, 1, 1),
    }
    board_create(**common)
    with pytest.raises(DemocracyError) as exc:
        board_create(**{**common, "project": "đường liên thôn nà pán"})
    assert exc.value.code == "project_has_board"
    assert Board.objects.count() == 1


def test_demo_seeder_is_idempotent(unit_a, village_a, officer_a):
    seeder = registries.demo_seeders.get("democracy")
    seeder.seed(None)
    households = Household.objects.count()
    assert households > 0
    seeder.seed(None)
    assert Household.objects.count() == households
