"""Officers' pages of dissemination: by commune and by role, bad input keeps what was typed,
lists without a query per row."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.outreach.models import Campaign, ContentVersion, Session, VillageLanguage
from danvan.outreach.services import CampaignInput, SessionInput, campaign_create, session_record
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


CAMPAIGN_FORM = {
    "subject": "Tuyên truyền Luật Đất đai",
    "audiences": ["village", "women"],
    "channels": ["meeting"],
    "languages": ["vi", "tay"],
    "starts": "01/03/2026",
    "ends": "30/06/2026",
}


def test_create_campaign_from_form(client_a, unit_a):
    url = reverse("outreach:campaign_new", args=[unit_a.code])
    assert client_a.get(url).status_code == 200
    response = client_a.post(url, CAMPAIGN_FORM)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:campaign", args=[campaign.pk])
    assert campaign.languages == ["vi", "tay"]
    assert campaign.starts == date(2026, 3, 1)


def test_bad_campaign_form_keeps_input(client_a, unit_a):
    url = reverse("outreach:campaign_new", args=[unit_a.code])
    response = client_a.post(url, {**CAMPAIGN_FORM, "ends": "01/02/2026", "languages": []})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Tuyên truyền Luật Đất đai" in text
    assert "Chọn" in text or "bắt buộc" in text
    assert not Campaign.objects.exists()
    response = client_a.post(url, {**CAMPAIGN_FORM, "ends": "01/02/2026"})
    assert response.status_code == 422
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in response.content.decode()
    assert 'value="01/02/2026"' in response.content.decode()


def test_campaign_page_reach_and_lacking(client_a, campaign, officer_a, villages):
    VillageLanguage.objects.create(unit=campaign.unit, village=villages[1], language="dao")
    session_record(
        campaign=campaign,
        data=SessionInput(
            village_id=villages[0].pk,
            date=date(2026, 3, 5),
            channel="meeting",
            language="vi",
            attendees=30,
            attendees_female=10,
            attendees_minority=20,
        ),
        actor=officer_a,
    )
    response = client_a.get(reverse("outreach:campaign", args=[campaign.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "25%" in text  # 30 / 120
    assert 'data-testid="lacking"' in text and "Tiếng Dao" in text


def test_record_session_form(client_a, campaign, villages):
    url = reverse("outreach:session_new", args=[campaign.pk])
    page = client_a.get(url)
    token = page.context["form"].initial["token"]
    data = {
        "village": villages[0].pk,
        "date": "12/03/2026",
        "channel": "meeting",
        "language": "tay",
        "attendees": "40",
        "attendees_female": "18",
        "attendees_minority": "35",
        "check_questions": "5",
        "check_correct": "4",
        "token": token,
    }
    assert client_a.post(url, data).status_code == 302
    # A double tap posts the same token again: one session.
    assert client_a.post(url, data).status_code == 302
    session = Session.objects.get()
    assert (session.attendees, session.language, session.comprehension_score) == (40, "tay", 80.0)


def test_bad_session_form_keeps_input(client_a, campaign, villages):
    url = reverse("outreach:session_new", args=[campaign.pk])
    data = {
        "village": villages[0].pk,
        "date": "12/03/2026",
        "channel": "meeting",
        "language": "vi",
        "attendees": "40",
        "attendees_female": "41",
        "attendees_minority": "3",
    }
    response = client_a.post(url, data)
    assert response.status_code == 422
    text = response.content.decode()
    assert "Số nữ không được lớn hơn số người dự." in text
    assert 'value="41"' in text and 'value="12/03/2026"' in text
    response = client_a.post(url, {**data, "attendees_female": "4", "date": "12/08/2026"})
    assert response.status_code == 422
    assert "Ngày phải trong thời gian của chiến dịch" in response.content.decode()
    assert not Session.objects.exists()


def test_version_form(client_a, campaign):
    url = reverse("outreach:version_edit", args=[campaign.pk, "dao"])
    response = client_a.post(url, {"title": "Thu hồi đất", "body": "ngắn", "author": "A"})
    assert response.status_code == 422 and "ngắn" in response.content.decode()
    response = client_a.post(
        url, {"title": "Thu hồi đất", "body": "Bản tiếng Dao đầy đủ.", "author": "Bàn Văn Dịch"}
    )
    assert response.status_code == 302
    assert ContentVersion.objects.get().language == "dao"
    assert (
        client_a.get(reverse("outreach:version_edit", args=[campaign.pk, "xx"])).status_code == 404
    )


def test_village_languages_page(client_a, unit_a, villages):
    url = reverse("outreach:village_languages", args=[unit_a.code])
    assert client_a.get(url).status_code == 200
    data = {f"v{villages[0].pk}": "tay", f"v{villages[1].pk}": "hmong", f"v{villages[2].pk}": ""}
    assert client_a.post(url, data).status_code == 302
    assert dict(VillageLanguage.objects.values_list("village__name", "language")) == {
        "Bản Nà Pán": "tay",
        "Thôn Khuổi Tẳng": "hmong",
    }
    response = client_a.post(url, {f"v{villages[0].pk}": "klingon"})
    assert response.status_code == 422


def test_plan_lists_sessions_by_month(client_a, campaign, officer_a, villages):
    for day in (date(2026, 3, 5), date(2026, 5, 20)):
        session_record(
            campaign=campaign,
            data=SessionInput(
                village_id=villages[0].pk,
                date=day,
                channel="meeting",
                language="vi",
                attendees=30,
                attendees_female=10,
                attendees_minority=20,
            ),
            actor=officer_a,
        )
    response = client_a.get(reverse("outreach:plan", args=[campaign.unit.code, 2026]))
    months = dict(response.context["months"])
    assert [s.date for s in months[3]] == [date(2026, 3, 5)]
    assert [s.date for s in months[5]] == [date(2026, 5, 20)]
    assert months[4] == []
    assert "20/05/2026" in response.content.decode()


def test_another_commune_refused(client_b, campaign, unit_a, villages):
    urls = [
        reverse("outreach:campaigns", args=[unit_a.code]),
        reverse("outreach:campaign_new", args=[unit_a.code]),
        reverse("outreach:campaign", args=[campaign.pk]),
        reverse("outreach:session_new", args=[campaign.pk]),
        reverse("outreach:version_edit", args=[campaign.pk, "vi"]),
        reverse("outreach:village_languages", args=[unit_a.code]),
        reverse("outreach:plan", args=[unit_a.code, 2026]),
    ]
    for url in urls:
        assert client_b.get(url).status_code == 404, url
        assert client_b.post(url, {"subject": "x"}).status_code == 404, url
    assert not Session.objects.exists()


def test_roles_in_the_commune(unit_a, campaign, villages):
    # The one-stop officer reads but does not organise dissemination.
    clerk = _client(make_officer("mai", unit=unit_a, roles=[Role.ONE_STOP]))
    assert clerk.get(reverse("outreach:campaign", args=[campaign.pk])).status_code == 200
    assert clerk.get(reverse("outreach:session_new", args=[campaign.pk])).status_code == 403
    assert clerk.get(reverse("outreach:campaign_new", args=[unit_a.code])).status_code == 403
    # The Front records sessions, and does not see the one-stop queue.
    front = _client(make_officer("lan", unit=unit_a, roles=[Role.FRONT], organisation="women"))
    assert front.get(reverse("outreach:session_new", args=[campaign.pk])).status_code == 200
    page = front.get(reverse("outreach:campaign", args=[campaign.pk]))
    keys = {item["key"] for item in page.context["nav_officer"]}
    assert "outreach.campaigns" in keys
    assert "dossiers.reception" not in keys


def test_province_viewer_reads_only(client_viewer, campaign, unit_a):
    assert client_viewer.get(reverse("outreach:campaign", args=[campaign.pk])).status_code == 200
    assert client_viewer.get(reverse("outreach:session_new", args=[campaign.pk])).status_code == 403


def test_anonymous_redirected(client, campaign):
    response = client.get(reverse("outreach:campaign", args=[campaign.pk]))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_campaign_list_query_count(client_a, officer_a, unit_a, villages):
    def make(n):
        campaign_create(
            data=CampaignInput(
                unit=unit_a,
                subject=f"Chiến dịch số {n}",
                audiences=["village"],
                channels=["meeting"],
                languages=["vi"],
                starts=date(2026, 1, 1),
                ends=date(2026, 12, 31),
            ),
            actor=officer_a,
        )

    make(0)
    url = reverse("outreach:campaigns", args=[unit_a.code])
    client_a.get(url)
    with CaptureQueriesContext(connection) as one:
        client_a.get(url)
    for n in range(1, 12):
        make(n)
    with CaptureQueriesContext(connection) as many:
        response = client_a.get(url)
    assert "Chiến dịch số 11" in response.content.decode()
    assert len(many.captured_queries) == len(one.captured_queries)
