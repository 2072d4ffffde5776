"""Residents' pages without JavaScript: commenting (one per phone, spam-protected, closed
consultations refused), voting with the household code, checking a receipt; and privacy."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from danvan.core.models import AuditEntry
from danvan.democracy.forms import PublicCommentForm
from danvan.democracy.models import Comment, Consultation, Vote
from danvan.democracy.services.households import household_codes_issue

from .conftest import add_households, open_decision

pytestmark = pytest.mark.django_db


def _consultation(unit, *, open_now=True):
    now = timezone.now()
    return Consultation.objects.create(
        unit=unit,
        category="plans",
        title="Quy hoạch chợ trung tâm xã",
        summary="Dự thảo quy hoạch chợ.",
        opens=now - timedelta(days=2),
        closes=now + timedelta(days=20) if open_now else now - timedelta(minutes=1),
    )


def _comment(client, consultation, **kw):
    data = {
        "name": "Nông Thị Dân",
        "phone": "0912 000 111",
        "content": "Đề nghị bố trí bãi đỗ xe cho chợ.",
        "token": PublicCommentForm.issue_token(),
        "website": "",
    }
    data.update(kw)
    return client.post(f"/dan-chu/cong-dan/lay-y-kien/{consultation.pk}/", data)


def test_comment_once_per_phone(unit_a):
    consultation = _consultation(unit_a)
    client = Client()
    page = client.get(f"/dan-chu/cong-dan/lay-y-kien/{consultation.pk}/")
    assert page.status_code == 200 and 'name="token"' in page.content.decode()
    assert _comment(client, consultation).status_code == 302
    thanks = client.get(f"/dan-chu/cong-dan/lay-y-kien/{consultation.pk}/").content.decode()
    assert "ý kiến đã được ghi nhận" in thanks
    again = _comment(client, consultation, content="Ý kiến thứ hai của tôi.", phone="0912000111")
    assert again.status_code == 409
    assert "Ý kiến thứ hai của tôi." in again.content.decode()  # kept
    assert Comment.objects.count() == 1
    assert (
        "0912000111"
        not in client.get(f"/dan-chu/cong-dan/lay-y-kien/{consultation.pk}/").content.decode()
    )


def test_comment_spam_protection(unit_a, settings):
    consultation = _consultation(unit_a)
    assert _comment(Client(), consultation, website="http://spam").status_code == 302
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 60
    fast = _comment(Client(), consultation, phone="0912000222")
    assert fast.status_code == 400
    assert "quá nhanh" in fast.content.decode()
    forged = _comment(Client(), consultation, phone="0912000333", token="abc:def")
    assert forged.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "change", [{"name": ""}, {"phone": "12"}, {"content": ""}, {"content": "x" * 6000}]
)
def test_comment_bad_input_kept(unit_a, change):
    consultation = _consultation(unit_a)
    r = _comment(Client(), consultation, **change)
    assert r.status_code == 400
    assert not Comment.objects.exists()


def test_comment_on_closed_consultation(unit_a):
    consultation = _consultation(unit_a, open_now=False)
    r = _comment(Client(), consultation)
    assert r.status_code == 409
    assert not Comment.objects.exists()
    assert (
        "Không trong thời gian nhận góp ý"
        in Client().get(f"/dan-chu/cong-dan/lay-y-kien/{consultation.pk}/").content.decode()
    )


def test_household_votes_and_checks_receipt(village_a, officer_a):
    add_households(village_a, 3)
    decision = open_decision(village_a, form="online", title="Chọn ngày hội làng")
    (household, code), *_rest = household_codes_issue(actor=officer_a, village=village_a)
    client = Client()
    step1 = client.post("/dan-chu/cong-dan/bieu-quyet/", {"code": code})
    assert step1.status_code == 200 and "Chọn ngày hội làng" in step1.content.decode()
    assert step1["Cache-Control"] == "no-store"
    # The code never works from a URL: a ?code= is dropped by a redirect to the bare page.
    by_url = client.get("/dan-chu/cong-dan/bieu-quyet/", {"code": code})
    assert by_url.status_code == 302 and by_url["Location"] == "/dan-chu/cong-dan/bieu-quyet/"
    bare = client.get(by_url["Location"]).content.decode()
    assert code not in bare and "Chọn ngày hội làng" not in bare
    r = client.post(
        "/dan-chu/cong-dan/bieu-quyet/", {"code": code, "decision": decision.pk, "choice": "no"}
    )
    assert r.status_code == 302
    receipt_page = client.get(r["Location"]).content.decode()
    vote = Vote.objects.get()
    assert vote.receipt in receipt_page and "Không đồng ý" in receipt_page
    # any device, later: the receipt alone shows the choice
    check = Client().post("/dan-chu/cong-dan/bien-nhan/", {"receipt": vote.receipt})
    assert "Không đồng ý" in check.content.decode()
    assert Client().post("/dan-chu/cong-dan/bien-nhan/", {"receipt": "ZZZZ"}).status_code == 404
    # Not from a URL either.
    by_url = Client().get("/dan-chu/cong-dan/bien-nhan/", {"receipt": vote.receipt})
    assert by_url.status_code == 302 and vote.receipt not in by_url["Location"]
    wrong = Client().post("/dan-chu/cong-dan/bieu-quyet/", {"code": "AAAAA-BBBBB"})
    assert wrong.status_code == 400
    nochoice = client.post("/dan-chu/cong-dan/bieu-quyet/", {"code": code, "decision": decision.pk})
    assert nochoice.status_code == 400
    assert Vote.objects.count() == 1


def test_choice_visible_only_through_receipt_and_audit(village_a, officer_a, client_a, client_b):
    """Officers see totals: neither the pages nor the API list who chose what."""
    add_households(village_a, 3)
    decision = open_decision(village_a, form="online")
    (household, code), *_rest = household_codes_issue(actor=officer_a, village=village_a)
    Client().post(
        "/dan-chu/cong-dan/bieu-quyet/",
        {"code": code, "decision": decision.pk, "choice": "abstain"},
    )
    vote = Vote.objects.get()
    page = client_a.get(f"/dan-chu/bieu-quyet/{decision.pk}/").content.decode()
    assert vote.receipt not in page
    assert "Không có ý kiến" not in page
    households_page = client_a.get(f"/dan-chu/thon/{village_a.pk}/ho-gia-dinh/").content.decode()
    assert "Không có ý kiến" not in households_page and vote.receipt not in households_page
    entry = AuditEntry.objects.get(action="democracy.vote.cast")
    assert entry.detail["choice"] == "abstain" and entry.detail["household"] == household.pk
    assert client_b.get(f"/dan-chu/bieu-quyet/{decision.pk}/").status_code == 404


def test_public_unit_page_and_commune_section(unit_a, village_a):
    _consultation(unit_a)
    page = Client().get(f"/dan-chu/cong-dan/xa/{unit_a.code}/").content.decode()
    assert "Quy hoạch chợ trung tâm xã" in page
    commune = Client().get(f"/dia-ban/xa/{unit_a.code}/").content.decode()
    assert 'data-testid="democracy-section"' in commune
    assert re.search(r"Quy hoạch chợ trung tâm xã", commune)
    assert Client().get("/dan-chu/cong-dan/xa/00000/").status_code == 404
    assert Client().get("/dan-chu/cong-dan/", {"xa": "00000"}).status_code == 404


def test_commune_section_costs_two_queries(unit_a, village_a, officer_a):
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from danvan.core.registry import registries

    section = registries.unit_page_sections.get("democracy")
    for n in range(4):
        _consultation(unit_a).title = f"{n}"
    with CaptureQueriesContext(connection) as ctx:
        template, context = section.render(RequestFactory().get("/"), unit_a)
    assert len(ctx) == 2
    assert len(context["consultations"]) == 4


def test_codes_are_per_decision_printing_one_notice_keeps_the_others(
    village_a, officer_a, client_a
):
    """Review finding: printing a decision's notice reissued the village's codes and voided
    the codes printed for another open decision."""
    from danvan.democracy.services.households import decision_codes_issue

    add_households(village_a, 2)
    road = open_decision(village_a, form="online", title="Làm đường bê tông")
    festival = open_decision(village_a, form="online", title="Chọn ngày hội làng")
    (h_road, code_road), _ = decision_codes_issue(actor=officer_a, decision=road, village=village_a)
    # The second decision's notice, printed afterwards through the page.
    assert client_a.post(f"/dan-chu/bieu-quyet/{festival.pk}/thong-bao.pdf").status_code == 200
    c = Client()
    # The road's code still works, and only for the road.
    page = c.post("/dan-chu/cong-dan/bieu-quyet/", {"code": code_road}).content.decode()
    assert "Làm đường bê tông" in page and "Chọn ngày hội làng" not in page
    assert (
        c.post(
            "/dan-chu/cong-dan/bieu-quyet/",
            {"code": code_road, "decision": road.pk, "choice": "yes"},
        ).status_code
        == 302
    )
    # Used on the other decision it is refused.
    other = c.post(
        "/dan-chu/cong-dan/bieu-quyet/",
        {"code": code_road, "decision": festival.pk, "choice": "yes"},
    )
    assert other.status_code == 400
    assert Vote.objects.filter(decision=festival).count() == 0
    # Reprinting the road's notice voids the road's earlier codes (only).
    (_h, new_code), _ = decision_codes_issue(actor=officer_a, decision=road, village=village_a)
    assert Client().post("/dan-chu/cong-dan/bieu-quyet/", {"code": code_road}).status_code == 400
    assert (
        "Làm đường bê tông"
        in Client().post("/dan-chu/cong-dan/bieu-quyet/", {"code": new_code}).content.decode()
    )
