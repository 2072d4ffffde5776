"""Coordination's API and joint supervision: programmes and their tasks, supervisions with
findings and recommendations answered on the clock, paging, Idempotency-Key, bad input, and
access by role (an organisation sees its own, not the one-stop queue)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.cases.models import CaseStatus
from danvan.outreach.models import JointProgramme, JointSupervision, SupervisionRecommendation
from danvan.outreach.services import (
    OutreachError,
    SupervisionInput,
    programme_create,
    recommendation_add,
    recommendation_answer,
    supervision_create,
)
from danvan.outreach.tests.conftest import api_get, api_post
from danvan.testing.factories import make_officer

pytestmark = pytest.mark.django_db
PROGRAMMES = "/api/v1/outreach/programmes"
SUPERVISIONS = "/api/v1/outreach/supervisions"
YEAR = timezone.localdate().year


@pytest.fixture
def women(unit_a):
    return make_officer("phunu", unit=unit_a, roles=[Role.FRONT], organisation="women")


@pytest.fixture
def farmers(unit_a):
    return make_officer("nongdan", unit=unit_a, roles=[Role.FRONT], organisation="farmers")


def _programme(unit, actor, organisation):
    return programme_create(
        unit=unit,
        year=YEAR,
        organisation=organisation,
        title=f"Chương trình phối hợp {organisation}",
        signed_on=date(YEAR, 1, 10),
        actor=actor,
    )


def _supervision(unit, actor, organisation="women", **kw):
    data = {
        "unit": unit,
        "organisation": organisation,
        "subject": "Giám sát bồi thường, hỗ trợ tái định cư dự án đường tỉnh",
        "starts": date(YEAR, 1, 5),
        "ends": date(YEAR, 1, 9),
        "participants": "Hội Phụ nữ xã, UBND xã, đại diện thôn Nà Pán",
        **kw,
    }
    return supervision_create(data=SupervisionInput(**data), actor=actor)


# ------------------------------------------------------------------------------- the API
def test_programmes_and_tasks_through_the_api(officer_a, unit_a, women):
    body = {
        "unit": unit_a.code,
        "year": YEAR,
        "organisation": "women",
        "title": "Chương trình phối hợp với Hội Phụ nữ",
        "signed_on": f"{YEAR}-01-10",
    }
    key = {"HTTP_IDEMPOTENCY_KEY": "prog-1"}
    first = api_post(officer_a, PROGRAMMES, body, **key)
    again = api_post(officer_a, PROGRAMMES, body, **key)
    assert first.status_code == 201 and again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert JointProgramme.objects.count() == 1
    pid = first.json()["id"]
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    task_body = {
        "title": "Tuyên truyền Luật Đất đai cho hội viên",
        "owner": "Hội Phụ nữ",
        "deadline": deadline,
    }
    tkey = {"HTTP_IDEMPOTENCY_KEY": "task-1"}
    t1 = api_post(officer_a, f"{PROGRAMMES}/{pid}/tasks", task_body, **tkey)
    t2 = api_post(officer_a, f"{PROGRAMMES}/{pid}/tasks", task_body, **tkey)
    assert t1.status_code == 201 and t1.json()["id"] == t2.json()["id"]
    assert t1.json()["due_date"] == deadline and t1.json()["case"].startswith("PH-")
    listed = api_get(women, f"{PROGRAMMES}?unit={unit_a.code}").json()
    assert listed["count"] == 1 and listed["page"] == 1 and listed["page_size"] == 50
    assert listed["results"][0]["tasks"] == 1 and listed["results"][0]["tasks_done"] == 0
    tasks = api_get(women, f"{PROGRAMMES}/{pid}/tasks?page_size=10").json()
    assert tasks["count"] == 1 and tasks["results"][0]["title"].startswith("Tuyên truyền")


def test_supervisions_through_the_api_with_recommendations_on_the_clock(officer_a, unit_a, women):
    body = {
        "unit": unit_a.code,
        "organisation": "women",
        "subject": "Giám sát việc chi trả bồi thường",
        "starts": f"{YEAR}-01-05",
        "ends": f"{YEAR}-01-09",
        "participants": "Hội Phụ nữ xã, UBND xã",
    }
    key = {"HTTP_IDEMPOTENCY_KEY": "sup-1"}
    created = api_post(women, SUPERVISIONS, body, **key)
    assert created.status_code == 201, created.content
    assert api_post(women, SUPERVISIONS, body, **key).json()["id"] == created.json()["id"]
    sid = created.json()["id"]
    sent = timezone.localdate() - timedelta(days=3)
    rec = api_post(
        women,
        f"{SUPERVISIONS}/{sid}/recommendations",
        {
            "text": "Đề nghị chi trả đủ tiền bồi thường cho 12 hộ",
            "addressee": "UBND xã",
            "sent_on": sent.isoformat(),
        },
        HTTP_IDEMPOTENCY_KEY="rec-1",
    )
    assert rec.status_code == 201, rec.content
    row = rec.json()
    # The rule's 30 days (calendar), as data.
    assert row["case"].startswith("GS-") and row["status"] not in ("resolved",)
    assert date.fromisoformat(row["due_date"]) >= sent + timedelta(days=30)
    listed = api_get(officer_a, f"{SUPERVISIONS}?unit={unit_a.code}").json()
    assert listed["count"] == 1
    assert listed["results"][0]["recommendations"] == 1
    assert listed["results"][0]["open_recommendations"] == 1
    recs = api_get(women, f"{SUPERVISIONS}/{sid}/recommendations").json()
    assert [r["id"] for r in recs] == [row["id"]]


def test_bad_input_is_422_with_code_and_message(officer_a, unit_a, women):
    bad = api_post(
        women,
        SUPERVISIONS,
        {
            "unit": unit_a.code,
            "organisation": "women",
            "subject": "Giám sát chi trả",
            "starts": f"{YEAR}-02-05",
            "ends": f"{YEAR}-02-01",
            "participants": "UBND xã",
        },
    )
    assert bad.status_code == 422 and bad.json()["code"] == "ends" and bad.json()["message"]
    unknown = api_post(
        women,
        SUPERVISIONS,
        {
            "unit": unit_a.code,
            "organisation": "church",
            "subject": "x",
            "starts": "2026-01-01",
            "ends": "2026-01-02",
            "participants": "x",
        },
    )
    assert unknown.status_code == 422
    assert api_get(officer_a, f"{PROGRAMMES}?unit=abc").status_code == 404
    assert api_get(officer_a, f"{PROGRAMMES}/0/tasks").status_code == 404
    past = api_post(
        officer_a,
        f"{PROGRAMMES}/{_programme(unit_a, officer_a, 'women').pk}/tasks",
        {"title": "Nhiệm vụ đã quá hạn", "owner": "UBND", "deadline": "2020-01-01"},
    )
    assert past.status_code == 422 and past.json()["code"] == "deadline"
    long_key = api_post(
        officer_a,
        PROGRAMMES,
        {
            "unit": unit_a.code,
            "year": YEAR,
            "organisation": "youth",
            "title": "Chương trình",
            "signed_on": f"{YEAR}-01-02",
        },
        HTTP_IDEMPOTENCY_KEY="k" * 300,
    )
    assert long_key.status_code == 422 and long_key.json()["code"] == "bad_idempotency_key"


# ------------------------------------------------------------------------ access by role
def test_an_organisation_acts_in_its_own_role_and_sees_its_own(officer_a, unit_a, women, farmers):
    mine = _programme(unit_a, officer_a, "women")
    theirs = _programme(unit_a, officer_a, "farmers")
    _supervision(unit_a, women)
    _supervision(unit_a, farmers, organisation="farmers")
    listed = api_get(women, f"{PROGRAMMES}?unit={unit_a.code}").json()
    assert [r["id"] for r in listed["results"]] == [mine.pk]
    assert api_get(women, f"{PROGRAMMES}/{theirs.pk}/tasks").status_code == 404
    sups = api_get(women, f"{SUPERVISIONS}?unit={unit_a.code}").json()
    assert {r["organisation"] for r in sups["results"]} == {"women"}
    # The leaders see both.
    assert api_get(officer_a, f"{SUPERVISIONS}?unit={unit_a.code}").json()["count"] == 2
    # The Women's Union may not lead the Farmers' supervision nor create programmes.
    farmers_body = {
        "unit": unit_a.code,
        "organisation": "farmers",
        "subject": "Giám sát phân bón",
        "starts": f"{YEAR}-03-01",
        "ends": f"{YEAR}-03-02",
        "participants": "Hội Nông dân",
    }
    assert api_post(women, SUPERVISIONS, farmers_body).status_code == 403
    assert (
        api_post(
            women,
            PROGRAMMES,
            {
                "unit": unit_a.code,
                "year": YEAR,
                "organisation": "women",
                "title": "Chương trình",
                "signed_on": f"{YEAR}-01-02",
            },
        ).status_code
        == 403
    )


def test_an_organisation_does_not_see_the_one_stop_queue(officer_a, unit_a, women):
    from danvan.cases.services import case_open

    # A case of the commune's desk (a citizen's file): not the Women's Union's business.
    case = case_open(
        unit=unit_a,
        kind="reception",
        code="TD-99001-26-ORG1",
        title="Hỏi về thủ tục chứng thực",
        rule_id="reception.answer",
        received_at=timezone.now(),
        actor=officer_a,
        applicant_name="Nguyễn Thị Công Dân",
    )
    c = Client()
    c.force_login(women)
    # Its programme page, yes; the desk's queue and the case file, no.
    assert c.get(reverse("outreach:programmes", args=[unit_a.code])).status_code == 200
    queue = c.get(reverse("cases:queue"))
    assert case.code not in queue.content.decode()
    assert "Nguyễn Thị Công Dân" not in queue.content.decode()
    assert c.get(reverse("cases:detail", args=[case.code])).status_code == 404
    one_stop = c.get(reverse("dossiers:home"))
    assert case.code not in one_stop.content.decode()
    # The commune's officer does see it (so the absence above means something).
    officer = Client()
    officer.force_login(officer_a)
    assert case.code in officer.get(reverse("cases:queue")).content.decode()
    # A Front member who also holds a commune role reads the files of that role.
    both = make_officer("kiemnhiem", unit=unit_a, roles=[Role.FRONT, Role.SPECIALIST])
    c2 = Client()
    c2.force_login(both)
    assert c2.get(reverse("cases:detail", args=[case.code])).status_code == 200


def test_another_commune(officer_a, officer_b, unit_a, unit_b, women):
    programme = _programme(unit_a, officer_a, "women")
    sup = _supervision(unit_a, women)
    assert api_get(officer_b, f"{PROGRAMMES}?unit={unit_a.code}").status_code == 404
    assert api_get(officer_b, f"{PROGRAMMES}/{programme.pk}/tasks").status_code == 404
    assert api_get(officer_b, f"{SUPERVISIONS}/{sup.pk}/recommendations").status_code == 404
    assert (
        api_post(
            officer_b,
            f"{SUPERVISIONS}/{sup.pk}/recommendations",
            {"text": "Kiến nghị của xã khác", "addressee": "UBND", "sent_on": "2026-01-10"},
        ).status_code
        == 403
    )
    c = Client()
    c.force_login(officer_b)
    assert c.get(reverse("outreach:supervision", args=[sup.pk])).status_code == 404


# --------------------------------------------------------------------- services and pages
def test_recommendation_answered_on_time_or_late(officer_a, unit_a, women):
    sup = _supervision(unit_a, women)
    today = timezone.localdate()
    on_time = recommendation_add(
        supervision=sup,
        text="Đề nghị công khai danh sách hộ được bồi thường",
        addressee="UBND xã",
        sent_on=today - timedelta(days=10),
        actor=women,
    )
    late = recommendation_add(
        supervision=sup,
        text="Đề nghị bố trí tái định cư trước khi thu hồi",
        addressee="UBND xã",
        sent_on=today - timedelta(days=60),
        actor=women,
    )
    # The organisation does not answer its own recommendation: the People's Committee does.
    with pytest.raises(OutreachError) as refused:
        recommendation_answer(
            recommendation=on_time,
            answer="Đã công khai tại nhà văn hóa",
            answered_on=today,
            actor=women,
        )
    assert refused.value.code == "forbidden"
    recommendation_answer(
        recommendation=on_time,
        answer="Đã công khai tại nhà văn hóa thôn",
        answered_on=today,
        actor=officer_a,
    )
    recommendation_answer(
        recommendation=late, answer="Đã bố trí 3 lô tái định cư", answered_on=today, actor=officer_a
    )
    on_time.case.refresh_from_db()
    late.case.refresh_from_db()
    assert on_time.case.status == CaseStatus.RESOLVED and on_time.case.on_time
    assert not late.case.on_time
    with pytest.raises(OutreachError):
        recommendation_answer(
            recommendation=on_time, answer="Trả lời lần hai", answered_on=today, actor=officer_a
        )


def test_supervision_is_linked_to_the_years_programme(officer_a, unit_a, women):
    programme = _programme(unit_a, officer_a, "women")
    sup = _supervision(unit_a, women)
    assert sup.programme_id == programme.pk


def test_pages_keep_input_on_error(officer_a, unit_a, women):
    c = Client()
    c.force_login(women)
    url = reverse("outreach:supervisions", args=[unit_a.code])
    bad = c.post(
        url,
        {
            "organisation": "women",
            "subject": "Giám sát đường",
            "starts": "10/02/2026",
            "ends": "01/02/2026",
            "participants": "Hội Phụ nữ",
        },
    )
    assert bad.status_code == 422
    assert 'value="Giám sát đường"' in bad.content.decode()
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in bad.content.decode()
    good = c.post(
        url,
        {
            "organisation": "women",
            "subject": "Giám sát đường",
            "starts": "01/02/2026",
            "ends": "03/02/2026",
            "participants": "Hội Phụ nữ",
        },
    )
    assert good.status_code == 302
    sup = JointSupervision.objects.get()
    page = reverse("outreach:supervision", args=[sup.pk])
    short = c.post(
        page,
        {"action": "recommend", "r-text": "Ngắn", "r-addressee": "UBND", "r-sent_on": "04/02/2026"},
    )
    assert short.status_code == 422 and "ít nhất 10 ký tự" in short.content.decode()
    c.post(
        page,
        {
            "action": "recommend",
            "r-text": "Đề nghị sửa mặt đường thôn Nà Pán",
            "r-addressee": "UBND xã",
            "r-sent_on": "04/02/2026",
        },
    )
    assert SupervisionRecommendation.objects.count() == 1
    body = c.get(page).content.decode()
    assert "Đề nghị sửa mặt đường thôn Nà Pán" in body and "30 ngày" in body
    listing = c.get(url)
    assert "Hội Liên hiệp Phụ nữ" in listing.content.decode()


def test_lists_do_not_query_per_row(officer_a, unit_a, women):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api_get(officer_a, url).status_code == 200
        return len(ctx.captured_queries)

    urls = (f"{SUPERVISIONS}?unit={unit_a.code}", f"{PROGRAMMES}?unit={unit_a.code}")
    _supervision(unit_a, women, subject="Giám sát số 0 về đất đai")
    _programme(unit_a, officer_a, "women")
    few = [count(u) for u in urls]
    for n in range(1, 8):
        _supervision(unit_a, women, subject=f"Giám sát số {n} về đất đai")
    _programme(unit_a, officer_a, "farmers")
    _programme(unit_a, officer_a, "youth")
    assert [count(u) for u in urls] == few


def test_answering_a_recommendation_whose_case_was_closed_meanwhile_is_a_clear_refusal(
    officer_a, unit_a, women
):
    from danvan.cases.services import case_close

    sup = _supervision(unit_a, women)
    rec = recommendation_add(
        supervision=sup,
        text="Đề nghị công khai danh sách hộ được bồi thường",
        addressee="UBND xã",
        sent_on=timezone.localdate() - timedelta(days=5),
        actor=women,
    )
    # Closed from the case page, not through the supervision's answer.
    case_close(case=rec.case, actor=officer_a, status=CaseStatus.RESOLVED, at=timezone.now())
    c = Client()
    c.force_login(officer_a)
    page = reverse("outreach:supervision", args=[sup.pk])
    r = c.post(
        page,
        {
            "action": "answer",
            "recommendation": rec.pk,
            "answer": "Đã công khai tại nhà văn hóa thôn",
            "answered_on": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )
    assert r.status_code == 422
    assert "Đã công khai tại nhà văn hóa thôn" in r.content.decode()  # what was typed stays
