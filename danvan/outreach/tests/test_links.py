"""A campaign's related consultations and letters (issue #15): by field, keywords and
explicit links of the same commune, and the before/after counts over windows of the
campaign's own length ("after the campaign on land recovery, letters about compensation fell
from … to …"). Counts only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from danvan.core.localtime import LOCAL_TZ
from danvan.democracy.services.consultations import consultation_create
from danvan.letters.services.intake import LetterInput, Sender, letter_receive
from danvan.outreach import links
from danvan.outreach.models import CampaignLink
from danvan.outreach.services import (
    CampaignInput,
    OutreachError,
    campaign_create,
    campaign_link_add,
    campaign_relate_set,
)

pytestmark = pytest.mark.django_db
STARTS, ENDS = date(2026, 3, 1), date(2026, 3, 30)  # 30 days


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.DANVAN_ENCRYPTION_KEYS = ["x" * 32]


@pytest.fixture
def land(officer_a, unit_a):
    return campaign_create(
        data=CampaignInput(
            unit=unit_a,
            subject="Thu hồi đất làm đường tỉnh 258",
            audiences=["village"],
            channels=["meeting"],
            languages=["vi"],
            starts=STARTS,
            ends=ENDS,
        ),
        actor=officer_a,
    )


def _letter(
    unit, actor, day: date, title: str, category: str = "", n: int = 0, kind: str = "petition"
):
    return letter_receive(
        data=LetterInput(
            unit=unit,
            kind=kind,
            content=f"{title}. Nội dung chi tiết số {n}.",
            title=title,
            channel="desk",
            category=category,
            sender=Sender(name=f"Người gửi {n} {day}", phone="", address="Thôn Nà Pán"),
            received_at=datetime.combine(day, time(9, 0), tzinfo=LOCAL_TZ),
            check_repeats=False,
        ),
        actor=actor,
    )


def test_before_after_counts_by_keyword_and_field(land, officer_a, officer_b, unit_a, unit_b):
    # Before (30 days: 30/01–28/02/2026): 4 related — 3 by keyword, 1 by field.
    for n, day in enumerate((date(2026, 1, 30), date(2026, 2, 10), date(2026, 2, 28))):
        _letter(unit_a, officer_a, day, "Khiếu nại mức bồi thường đất", n=n)
    _letter(unit_a, officer_a, date(2026, 2, 15), "Tranh chấp ranh giới", "land", n=3)
    # Not related: outside the window, another subject, another commune.
    _letter(unit_a, officer_a, date(2026, 1, 29), "Bồi thường chậm", n=4)
    _letter(unit_a, officer_a, date(2026, 2, 20), "Đèn đường hỏng", "lighting", n=5)
    _letter(unit_b, officer_b, date(2026, 2, 20), "Bồi thường thấp", "land", n=6)
    # During: 2. After (31/03–29/04/2026): 1.
    _letter(unit_a, officer_a, date(2026, 3, 5), "Hỏi về bồi thường", n=7)
    _letter(unit_a, officer_a, date(2026, 3, 30), "Xin gia hạn bàn giao đất", "land", n=8)
    _letter(unit_a, officer_a, date(2026, 4, 29), "Bồi thường cây cối", n=9)
    _letter(unit_a, officer_a, date(2026, 4, 30), "Bồi thường công trình", n=10)  # past the window
    assert links.before_after(land) is None  # nothing says what is related yet
    campaign_relate_set(campaign=land, topic="land", keywords="bồi thường", actor=officer_a)
    ba = links.before_after(land, today=date(2026, 5, 10))
    assert ba.days == 30
    assert (ba.before.first, ba.before.last) == (date(2026, 1, 30), date(2026, 2, 28))
    assert (ba.after.first, ba.after.last) == (date(2026, 3, 31), date(2026, 4, 29))
    assert (ba.before.count, ba.during.count, ba.after.count) == (4, 2, 1)
    assert ba.after_complete and ba.change == "fell"
    # While the window after is still open: "so far", no verdict.
    early = links.before_after(land, today=date(2026, 4, 10))
    assert early.after.last == date(2026, 4, 10) and not early.after_complete
    assert early.change == ""
    running = links.before_after(land, today=date(2026, 3, 15))
    assert running.after is None


def test_a_keyword_never_counts_protected_letters(land, officer_a, unit_a, settings):
    """A keyword is free text: typed as a person's name, it must not tell whether
    denunciations naming that person arrived."""
    from cryptography.fernet import Fernet

    settings.DANVAN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # a denouncer's identity
    _letter(
        unit_a, officer_a, date(2026, 2, 10), "Tố cáo ông Lò Văn Tám nhận tiền", kind="denunciation"
    )
    _letter(unit_a, officer_a, date(2026, 2, 11), "Kiến nghị của ông Lò Văn Tám", n=1)
    campaign_relate_set(campaign=land, topic="", keywords="Lò Văn Tám", actor=officer_a)
    assert links.before_after(land, today=date(2026, 5, 10)).before.count == 1


def test_explicit_letter_link_counts_and_is_refused_across_communes(
    land, officer_a, officer_b, unit_a, unit_b
):
    mine = _letter(unit_a, officer_a, date(2026, 2, 3), "Đề nghị hỗ trợ tái định cư", n=1)
    other = _letter(unit_b, officer_b, date(2026, 2, 3), "Đề nghị hỗ trợ tái định cư", n=2)
    campaign_link_add(campaign=land, letter_code=mine.case.code, actor=officer_a)
    # Twice is once.
    campaign_link_add(campaign=land, letter_code=mine.case.code, actor=officer_a)
    assert CampaignLink.objects.filter(campaign=land).count() == 1
    with pytest.raises(OutreachError) as refused:
        campaign_link_add(campaign=land, letter_code=other.case.code, actor=officer_a)
    assert refused.value.code == "letter"
    ba = links.before_after(land, today=date(2026, 6, 1))
    assert (ba.before.count, ba.after.count, ba.change) == (1, 0, "fell")


def test_consultations_related_by_keyword_or_link(land, officer_a, unit_a):
    def consult(title, opens):
        start = datetime.combine(opens, time(8), tzinfo=LOCAL_TZ)
        return consultation_create(
            actor=officer_a,
            unit=unit_a,
            village=None,
            category="land_use",
            title=title,
            summary="Lấy ý kiến Nhân dân về phương án.",
            opens=start,
            closes=start + timedelta(days=25),
        )

    by_word = consult("Phương án bồi thường dự án đường tỉnh", date(2026, 3, 10))
    unrelated = consult("Quy hoạch chợ", date(2026, 3, 10))
    far = consult("Bồi thường giai đoạn trước", date(2025, 6, 1))
    campaign_relate_set(campaign=land, topic="", keywords="bồi thường", actor=officer_a)
    found = links.related_consultations(land)
    assert [c.pk for c in found] == [by_word.pk]
    campaign_link_add(campaign=land, consultation_id=unrelated.pk, actor=officer_a)
    found = links.related_consultations(land)
    assert [c.pk for c in found] == [unrelated.pk, by_word.pk]
    assert far.pk not in [c.pk for c in found]


def test_page_shows_the_sentence_and_refuses_bad_input(land, officer_a, officer_b, unit_a):
    for n in range(3):
        _letter(unit_a, officer_a, date(2026, 2, 1 + n), "Bồi thường thấp", n=n)
    c = Client()
    c.force_login(officer_a)
    url = reverse("outreach:related", args=[land.pk])
    bad = c.post(url, {"action": "relate", "topic": "nope", "keywords": "bồi thường"})
    assert bad.status_code == 422
    bad = c.post(url, {"action": "relate", "topic": "land", "keywords": "x"})
    assert bad.status_code == 422 and "Tối đa 10 từ khóa" in bad.content.decode()
    assert 'value="x"' in bad.content.decode()
    missing = c.post(url, {"action": "link", "letter_code": "KN-00000-26-XXXX"})
    assert missing.status_code == 422
    assert "Không tìm thấy đơn thư có mã này ở xã." in missing.content.decode()
    assert (
        c.post(url, {"action": "relate", "topic": "land", "keywords": "bồi thường"}).status_code
        == 302
    )
    page = c.get(reverse("outreach:campaign", args=[land.pk])).content.decode()
    # Today (December 2026) is past the window after the campaign.
    assert "Sau chiến dịch, số đơn thư liên quan trong 30 ngày giảm từ 3 xuống 0." in page
    # The related section is drawn once, in the body, never inside the page's <title>.
    assert page.count('data-testid="related"') == 1
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<section" not in title and land.subject in title
    other = Client()
    other.force_login(officer_b)
    assert other.post(url, {"action": "relate", "topic": "land"}).status_code == 404


def test_related_api_counts_only(land, officer_a, unit_a):
    from danvan.outreach.tests.conftest import api_get

    _letter(unit_a, officer_a, date(2026, 2, 2), "Bồi thường thấp", n=1)
    campaign_relate_set(campaign=land, topic="", keywords="bồi thường", actor=officer_a)
    body = api_get(officer_a, f"/api/v1/outreach/campaigns/{land.pk}/related").json()
    assert body["days"] == 30 and body["before"]["count"] == 1
    assert body["before"]["first"] == "2026-01-30"
    assert "results" not in body and "letters" not in body
