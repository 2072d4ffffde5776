"""Officers' pages and the citizens' pages: flows, bad input, access by role and commune,
no personal data in public, and query counts that do not grow with rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.engagement import services
from danvan.engagement.forms import PublicQuestionForm
from danvan.engagement.models import Commitment, Dialogue, DialogueQuestion, VoterPetition

from .conftest import at, commit, d, login, petition, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_form(settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    cache.clear()


def _dialogue_post(client, unit, **over):  # type: ignore[no-untyped-def]
    data = {
        "kind": "annual",
        "title": "Đối thoại cuối năm",
        "scheduled_at": (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Hội trường",
        "notice": "Kính mời",
        **over,
    }
    return client.post(f"/doi-thoai/{unit.code}/moi/", data)


def test_leader_schedules_through_the_form(client_a, unit_a):
    assert client_a.get(f"/doi-thoai/{unit_a.code}/moi/").status_code == 200
    response = _dialogue_post(client_a, unit_a)
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/doi-thoai/{unit_a.code}/{dialogue.pk}/"
    page = client_a.get(response["Location"])
    assert "Đối thoại cuối năm" in page.content.decode()


def test_schedule_form_bad_input_keeps_what_was_typed(client_a, unit_a):
    response = _dialogue_post(client_a, unit_a, scheduled_at="31/02/2026 25:00", notice="")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Đối thoại cuối năm" in body and "errorlist" in body
    assert Dialogue.objects.count() == 0


def test_front_and_outsider_may_not_schedule(unit_a, front_a, client_b):
    assert login(front_a).get(f"/doi-thoai/{unit_a.code}/moi/").status_code == 403
    assert _dialogue_post(login(front_a), unit_a).status_code == 403
    assert client_b.get(f"/doi-thoai/{unit_a.code}/").status_code == 404
    assert client_b.get(f"/doi-thoai/{unit_a.code}/moi/").status_code == 404
    assert _dialogue_post(client_b, unit_a).status_code == 403
    assert Dialogue.objects.count() == 0


def test_outsider_refused_on_every_dialogue_page(unit_a, officer_a, client_b, held_dialogue):
    c = commit(held_dialogue, officer_a, d("30/06/2026"))
    base = f"/doi-thoai/{unit_a.code}/{held_dialogue.pk}/"
    assert client_b.get(base).status_code == 404
    for action in ("hold", "question", "commitment", "cancel", "confirm-front"):
        assert client_b.post(base + f"{action}/", {"content": "x"}).status_code == 403
    url = f"/doi-thoai/{unit_a.code}/cam-ket/{c.case.code}/hoan-thanh/"
    assert client_b.post(url, {"result": "x", "at": "2026-03-11T10:00"}).status_code == 403
    assert client_b.get(f"/ho-so-viec/{c.case.code}/").status_code == 404


def test_hold_question_commit_complete_through_pages(client_a, unit_a, officer_a):
    dialogue = schedule(unit_a, officer_a, at("10/03/2026", 8))
    base = f"/doi-thoai/{unit_a.code}/{dialogue.pk}/"
    r = client_a.post(
        base + "hold/", {"held_at": "2026-03-10T08:00", "attendance": "50", "summary": "Tốt"}
    )
    assert r.status_code == 302
    r = client_a.post(base + "question/", {"stage": "during", "content": "Khi nào sửa đường?"})
    assert r.status_code == 302
    q = DialogueQuestion.objects.get()
    r = client_a.post(base + f"hoi/{q.pk}/tra-loi/", {"answer": "Tháng 6"})
    assert r.status_code == 302
    r = client_a.post(
        base + "commitment/",
        {
            "content": "Sửa đường",
            "responsible": "Địa chính",
            "committed_date": "30/06/2026",
            "question": str(q.pk),
        },
    )
    assert r.status_code == 302
    c = Commitment.objects.get()
    assert c.case.due_date == d("30/06/2026") and c.question_id == q.pk
    url = f"/doi-thoai/{unit_a.code}/cam-ket/{c.case.code}/hoan-thanh/"
    r = client_a.post(url, {"result": "Đã sửa", "at": "2026-06-29T10:00"})
    assert r.status_code == 302
    c.case.refresh_from_db()
    assert c.case.on_time is True
    # The case page shows the commitment's panel.
    page = client_a.get(f"/ho-so-viec/{c.case.code}/").content.decode()
    assert 'data-testid="commitment-panel"' in page and "30/06/2026" in page


def test_dialogue_actions_bad_input(client_a, unit_a, officer_a, held_dialogue):
    base = f"/doi-thoai/{unit_a.code}/{held_dialogue.pk}/"
    r = client_a.post(
        base + "commitment/",
        {"content": "Sửa cầu", "responsible": "", "committed_date": "01/03/2026"},
    )
    assert r.status_code == 400 and "Sửa cầu" in r.content.decode()
    r = client_a.post(
        base + "commitment/",
        {"content": "Sửa cầu", "responsible": "Xã", "committed_date": "01/03/2026"},
    )
    assert r.status_code == 400
    assert "Hạn cam kết không được trước ngày đối thoại." in r.content.decode()
    assert client_a.post(base + "question/", {"stage": "later", "content": ""}).status_code == 400
    assert client_a.post(base + "hold/", {"held_at": "x"}).status_code == 400
    assert client_a.post(base + "nothing/", {}).status_code == 404
    assert Commitment.objects.count() == 0


def test_front_confirms_and_records_but_does_not_commit(unit_a, front_a, officer_a):
    dialogue = schedule(unit_a, officer_a, timezone.now() + timedelta(days=5))
    c = login(front_a)
    base = f"/doi-thoai/{unit_a.code}/{dialogue.pk}/"
    assert c.post(base + "confirm-front/").status_code == 302
    dialogue.refresh_from_db()
    assert dialogue.front_confirmed_by == front_a
    assert c.post(base + "question/", {"stage": "before", "content": "Hỏi"}).status_code == 302
    held = services.dialogue_hold(
        dialogue=dialogue, actor=officer_a, held_at=timezone.now(), attendance=1, summary="x"
    )
    r = c.post(
        f"/doi-thoai/{unit_a.code}/{held.pk}/commitment/",
        {"content": "x", "responsible": "y", "committed_date": "01/01/2099"},
    )
    assert r.status_code == 403


def test_petition_pages_flow(unit_a, council_a, officer_a):
    c = login(council_a)
    r = c.post(
        f"/doi-thoai/{unit_a.code}/kien-nghi/hoi-nghi/",
        {"held_on": "01/03/2026", "place": "Nhà văn hóa tổ 1", "session": "", "deputies": ""},
    )
    assert r.status_code == 302
    form = c.get(f"/doi-thoai/{unit_a.code}/kien-nghi/moi/")
    assert form.status_code == 200 and "Nhà văn hóa tổ 1" in form.content.decode()
    meeting_id = form.context["form"].fields["meeting"].choices[0][0]
    r = c.post(
        f"/doi-thoai/{unit_a.code}/kien-nghi/moi/",
        {
            "meeting": meeting_id,
            "source": "council",
            "content": "Đề nghị nâng cấp quốc lộ qua xã.",
            "competent_level": "higher",
            "competent_body": "",
        },
    )
    assert r.status_code == 400
    assert "Đề nghị nâng cấp quốc lộ qua xã." in r.content.decode()
    r = c.post(
        f"/doi-thoai/{unit_a.code}/kien-nghi/moi/",
        {
            "meeting": meeting_id,
            "source": "council",
            "content": "Đề nghị nâng cấp quốc lộ qua xã.",
            "competent_level": "higher",
            "competent_body": "Sở Xây dựng",
        },
    )
    assert r.status_code == 302
    p = VoterPetition.objects.get()
    assert p.is_upward and p.case.is_open
    page = login(officer_a).post(
        f"/doi-thoai/{unit_a.code}/kien-nghi/{p.case.code}/",
        {"action": "answer", "answer": "", "at": "2026-03-05T10:00"},
    )
    assert page.status_code == 400
    page = login(officer_a).post(
        f"/doi-thoai/{unit_a.code}/kien-nghi/{p.case.code}/",
        {
            "action": "answer",
            "answer": "Đã đưa vào kế hoạch",
            "at": (timezone.localtime() + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert page.status_code == 302
    p.refresh_from_db()
    assert p.answer == "Đã đưa vào kế hoạch"


def test_petition_pages_access(unit_a, council_a, client_b, front_a):
    p = petition(unit_a, council_a)
    url = f"/doi-thoai/{unit_a.code}/kien-nghi/{p.case.code}/"
    assert client_b.get(url).status_code == 404
    assert client_b.get(f"/doi-thoai/{unit_a.code}/kien-nghi/").status_code == 404
    assert client_b.post(url, {"action": "answer", "answer": "x"}).status_code == 403
    assert client_b.post(f"/doi-thoai/{unit_a.code}/kien-nghi/moi/", {}).status_code == 403
    # The Front forwards petitions but does not answer them.
    r = login(front_a).post(url, {"action": "answer", "answer": "x", "at": "2026-03-05T10:00"})
    assert r.status_code == 403
    p.refresh_from_db()
    assert p.answer == ""


def test_province_viewer_reads_but_may_not_act(unit_a, council_a, client_viewer):
    p = petition(unit_a, council_a)
    assert client_viewer.get(f"/doi-thoai/{unit_a.code}/kien-nghi/").status_code == 200
    url = f"/doi-thoai/{unit_a.code}/kien-nghi/{p.case.code}/"
    assert client_viewer.post(url, {"action": "answer", "answer": "x"}).status_code == 403


def test_officer_lists_do_not_query_per_row(client_a, unit_a, officer_a, council_a, held_dialogue):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client_a.get(url).status_code == 200
        return len(ctx)

    commit(held_dialogue, officer_a, d("30/06/2026"))
    petition(unit_a, council_a)
    urls = [
        f"/doi-thoai/{unit_a.code}/",
        f"/doi-thoai/{unit_a.code}/kien-nghi/",
        f"/doi-thoai/cong-khai/{unit_a.code}/",
        f"/doi-thoai/cong-khai/{unit_a.code}/kien-nghi-cu-tri/",
    ]
    before = [count(u) for u in urls]
    for n in range(5):
        schedule(unit_a, officer_a, at("11/03/2026"), title=f"Đối thoại {n}")
        commit(held_dialogue, officer_a, d("30/06/2026"), content=f"Việc {n}")
        petition(unit_a, council_a, level="higher", body="Sở")
    assert [count(u) for u in urls] == before


# ---- the citizens' pages ------------------------------------------------------------------


def _ask(client, unit, dialogue, **over):  # type: ignore[no-untyped-def]
    data = {
        "content": "Xin hỏi khi nào sửa cầu treo?",
        "name": "Nguyễn Văn Dân",
        "phone": "0912 345 678",
        "area": "Tổ 3",
        "token": PublicQuestionForm.issue_token(),
        **over,
    }
    return client.post(f"/doi-thoai/cong-khai/{unit.code}/{dialogue.pk}/", data)


def test_citizen_sends_a_question_and_sees_no_names(unit_a, officer_a):
    dialogue = schedule(unit_a, officer_a, timezone.now() + timedelta(days=3))
    c = Client()
    page = c.get(f"/doi-thoai/cong-khai/{unit_a.code}/{dialogue.pk}/")
    assert page.status_code == 200 and 'data-testid="question-form"' in page.content.decode()
    r = _ask(c, unit_a, dialogue)
    assert r.status_code == 302
    assert c.get(r["Location"]).status_code == 200
    q = DialogueQuestion.objects.get()
    assert (q.asker_name, q.stage) == ("Nguyễn Văn Dân", "before")
    services.question_answer(question=q, actor=officer_a, answer="Tháng sau")
    body = c.get(f"/doi-thoai/cong-khai/{unit_a.code}/{dialogue.pk}/").content.decode()
    assert "Xin hỏi khi nào sửa cầu treo?" in body and "Tháng sau" in body
    assert "Nguyễn Văn Dân" not in body and "345" not in body


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"content": "ngắn"}, "10"),
        ({"phone": "abc"}, "Số điện thoại không hợp lệ."),
        ({"token": "forged"}, "Biểu mẫu đã hết hạn"),
        ({"content": "x" * 3001}, "3000"),
    ],
)
def test_question_form_bad_input(unit_a, officer_a, over, message):
    dialogue = schedule(unit_a, officer_a, timezone.now() + timedelta(days=3))
    r = _ask(Client(), unit_a, dialogue, **over)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert "Tổ 3" in r.content.decode()  # what was typed stays
    assert DialogueQuestion.objects.count() == 0


def test_question_form_spam_and_rate_limit(unit_a, officer_a, settings):
    dialogue = schedule(unit_a, officer_a, timezone.now() + timedelta(days=3))
    c = Client()
    assert _ask(c, unit_a, dialogue, website="http://spam").status_code == 200
    assert DialogueQuestion.objects.count() == 0
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 60
    r = _ask(c, unit_a, dialogue)
    assert r.status_code == 400 and "quá nhanh" in r.content.decode()
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    settings.DANVAN_PUBLIC_SUBMIT_LIMIT = 2
    assert _ask(c, unit_a, dialogue).status_code == 302
    assert _ask(c, unit_a, dialogue).status_code == 302
    assert _ask(c, unit_a, dialogue).status_code == 429
    assert DialogueQuestion.objects.count() == 2


def test_question_quota_is_the_shared_limiter_and_typing_errors_do_not_count(
    unit_a, officer_a, settings
):
    from django.core.cache import cache

    cache.clear()
    dialogue = schedule(unit_a, officer_a, timezone.now() + timedelta(days=3))
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    settings.DANVAN_PUBLIC_SUBMIT_LIMIT = 1
    c = Client()
    assert _ask(c, unit_a, dialogue, content="").status_code == 400  # a typing error
    assert _ask(c, unit_a, dialogue).status_code == 302
    refused = _ask(c, unit_a, dialogue, content="Câu hỏi thứ hai về đường")
    assert refused.status_code == 429
    # The text typed stays in the form.
    assert "Câu hỏi thứ hai về đường" in refused.content.decode()
    # The count is kept by danvan.cases.ratelimit under the question form's own scope.
    assert any("danvan:rl:engagement-question:" in str(k) for k in _cache_keys(cache))


def _cache_keys(cache):  # type: ignore[no-untyped-def]
    # The local-memory cache used in tests keeps its keys in ``_cache``.
    return list(getattr(cache, "_cache", {}).keys())


def test_no_questions_after_the_dialogue(unit_a, held_dialogue):
    page = Client().get(f"/doi-thoai/cong-khai/{unit_a.code}/{held_dialogue.pk}/")
    assert 'data-testid="question-form"' not in page.content.decode()
    assert _ask(Client(), unit_a, held_dialogue).status_code == 409
    assert DialogueQuestion.objects.count() == 0


def test_public_commitments_and_petitions(unit_a, officer_a, council_a, held_dialogue):
    done = commit(held_dialogue, officer_a, d("20/03/2026"), content="Sửa mương")
    services.commitment_complete(
        commitment=done, actor=officer_a, result="Xong", at=at("19/03/2026")
    )
    commit(held_dialogue, officer_a, d("21/03/2026"), content="Lắp đèn chợ")
    up = petition(unit_a, council_a, level="higher", body="Sở Xây dựng tỉnh")
    answered = petition(unit_a, council_a)
    services.petition_answer(
        petition=answered, actor=officer_a, answer="Đã nạo vét", at=at("10/03/2026")
    )
    c = Client()
    body = c.get(f"/doi-thoai/cong-khai/{unit_a.code}/").content.decode()
    assert "Sửa mương" in body and 'data-state="done_on_time"' in body
    assert "Lắp đèn chợ" in body and 'data-state="overdue"' in body
    body = c.get(f"/doi-thoai/cong-khai/{unit_a.code}/kien-nghi-cu-tri/?nam=2026").content.decode()
    assert up.case.code in body and "Sở Xây dựng tỉnh" in body and "Đã nạo vét" in body
    # Received 02/03/2026, due 01/04/2026, still waiting today: flagged overdue in public.
    assert 'data-state="overdue"' in body
    assert c.get("/doi-thoai/cong-khai/99999/").status_code == 404
    assert c.get(f"/doi-thoai/cong-khai/{unit_a.code}/999999/").status_code == 404
    # The commune's page carries the section.
    unit_page = c.get(f"/dia-ban/xa/{unit_a.code}/").content.decode()
    assert 'data-testid="engagement-section"' in unit_page
    assert "chờ cấp trên trả lời 1" in unit_page
    assert "Lắp đèn chợ" in unit_page and 'data-state="overdue"' in unit_page
    assert "Đã nạo vét" in unit_page


def test_public_index_lists_upcoming(unit_a, officer_a):
    schedule(unit_a, officer_a, timezone.now() + timedelta(days=3), title="Đối thoại sắp tới")
    schedule(unit_a, officer_a, timezone.now() - timedelta(days=3), title="Đối thoại đã qua")
    body = Client().get("/doi-thoai/cong-khai/").content.decode()
    assert "Đối thoại sắp tới" in body and "Đối thoại đã qua" not in body


def test_unit_section_costs_a_fixed_number_of_queries(unit_a, officer_a, council_a, held_dialogue):
    from django.db import connection as conn

    from danvan.engagement import selectors

    with CaptureQueriesContext(conn) as ctx:
        selectors.unit_summary(unit_a)
    assert len(ctx) == 1  # only a held dialogue: nothing to list
    for n in range(3):
        commit(held_dialogue, officer_a, d("30/06/2026"), content=f"Việc {n}")
        p = petition(unit_a, council_a)
        services.petition_answer(petition=p, actor=officer_a, answer="x", at=at("05/03/2026"))
    schedule(unit_a, officer_a, timezone.now() + timedelta(days=3))
    with CaptureQueriesContext(conn) as ctx:
        summary = selectors.unit_summary(unit_a)
    assert len(ctx) == 4
    assert summary["commitments"]["total"] == 3 and summary["petitions"]["answered"] == 3


def test_generic_close_is_hidden_for_commitments_and_petitions(
    client_a, unit_a, officer_a, council_a, held_dialogue
):
    c = commit(held_dialogue, officer_a, d("30/06/2026"))
    p = petition(unit_a, council_a)
    for code in (c.case.code, p.case.code):
        page = client_a.get(f"/ho-so-viec/{code}/").content.decode()
        assert f"/ho-so-viec/{code}/close/" not in page
        assert f"/ho-so-viec/{code}/extend/" not in page
        r = client_a.post(f"/ho-so-viec/{code}/close/", {"status": "resolved", "note": "x"})
        assert r.status_code in (302, 400, 403, 404)
    c.case.refresh_from_db()
    p.case.refresh_from_db()
    assert c.case.is_open and p.case.is_open
    page = client_a.get(f"/ho-so-viec/{p.case.code}/").content.decode()
    assert 'data-testid="petition-panel"' in page


def test_completion_form_error_keeps_the_text_on_its_row(
    client_a, unit_a, officer_a, held_dialogue
):
    first = commit(held_dialogue, officer_a, d("30/06/2026"), content="Một")
    second = commit(held_dialogue, officer_a, d("30/06/2026"), content="Hai")
    url = f"/doi-thoai/{unit_a.code}/cam-ket/{second.case.code}/hoan-thanh/"
    r = client_a.post(url, {"result": "Đã làm xong phần lớn", "at": "không phải ngày"})
    assert r.status_code == 400
    body = r.content.decode()
    assert f'id="id_c{second.pk}_result"' in body and f'id="id_c{first.pk}_result"' in body
    assert "Đã làm xong phần lớn" in body
    second.case.refresh_from_db()
    assert second.case.is_open


def test_dashboard_card(unit_a, officer_a, council_a, held_dialogue, client_b):
    commit(held_dialogue, officer_a, d("20/03/2026"))  # overdue
    commit(held_dialogue, officer_a, timezone.localdate() + timedelta(days=30))
    petition(unit_a, council_a)  # due 01/04/2026: overdue
    schedule(unit_a, officer_a, timezone.now() + timedelta(days=4), title="Đối thoại tháng tới")
    body = login(council_a).get("/can-bo/").content.decode()
    assert 'data-testid="engagement-card"' in body
    assert 'data-testid="commitments-overdue">1<' in body
    assert 'data-testid="petitions-waiting">1<' in body
    assert "Đối thoại tháng tới" in body
    # Another commune's officer sees B's figures: none of A's.
    other = client_b.get("/can-bo/").content.decode()
    assert 'data-testid="commitments-overdue">0<' in other
    assert "Đối thoại tháng tới" not in other
