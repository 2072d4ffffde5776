"""The API contract of issue 14: decisions, votes, receipts, results, households,
consultations and their comments, disclosures; another commune's officer refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.democracy.models import Comment, Consultation, Decision, Household, Vote
from danvan.democracy.services.households import household_codes_issue

from .conftest import add_households, auth, open_decision

pytestmark = pytest.mark.django_db


def _iso(dt) -> str:
    return timezone.localtime(dt).isoformat()


def test_unit_lists_villages_with_households(api, unit_a, village_a):
    add_households(village_a, 3)
    village_a.households = 3
    village_a.save()
    body = api.get(f"/api/v1/units/{unit_a.code}").json()
    assert body["villages"] == [{"id": village_a.pk, "name": "Thôn Nà Pán", "households": 3}]


def test_households_for_officer_of_the_commune_only(api, village_a, officer_a, officer_b):
    add_households(village_a, 3)
    r = api.get(f"/api/v1/democracy/households?village={village_a.pk}", **auth(officer_a))
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 3 and body["page"] == 1
    assert body["results"][0] == {"id": body["results"][0]["id"], "head": "Chủ hộ 1", "members": 3}
    assert "code_digest" not in str(body)
    r = api.get(f"/api/v1/democracy/households?village={village_a.pk}", **auth(officer_b))
    assert r.status_code == 404
    assert api.get(f"/api/v1/democracy/households?village={village_a.pk}").status_code == 401
    bad = api.get("/api/v1/democracy/households?village=abc", **auth(officer_a))
    assert bad.status_code == 404


def _decision_body(unit, village_obj, **kw):
    opens = timezone.now() + timedelta(days=3)
    body = {
        "unit": unit.code,
        "village": village_obj.pk if village_obj else None,
        "category": "contribution",
        "form": "ballot",
        "title": "Đóng góp làm đường thôn",
        "opens": _iso(opens),
        "closes": _iso(opens + timedelta(days=5)),
    }
    body.update(kw)
    return body


def test_create_decision_and_idempotency(api, unit_a, village_a, officer_a, officer_b):
    add_households(village_a, 5)
    headers = {**auth(officer_a), "HTTP_IDEMPOTENCY_KEY": "k-1"}
    r1 = api.post(
        "/api/v1/democracy/decisions",
        _decision_body(unit_a, village_a),
        content_type="application/json",
        **headers,
    )
    assert r1.status_code == 201, r1.content
    r2 = api.post(
        "/api/v1/democracy/decisions",
        _decision_body(unit_a, village_a),
        content_type="application/json",
        **headers,
    )
    assert r2.json()["id"] == r1.json()["id"]
    assert Decision.objects.count() == 1
    refused = api.post(
        "/api/v1/democracy/decisions",
        _decision_body(unit_a, village_a),
        content_type="application/json",
        **auth(officer_b),
    )
    assert refused.status_code == 403
    listing = api.get(f"/api/v1/democracy/decisions?unit={unit_a.code}", **auth(officer_a))
    assert listing.json()["count"] == 1
    assert (
        api.get(f"/api/v1/democracy/decisions?unit={unit_a.code}", **auth(officer_b)).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"category": "lottery"}, 422),
        ({"form": "sms"}, 422),
        ({"opens": "2026-13-45T00:00"}, 422),
        ({"opens": "2026-12-20T08:00"}, 422),  # no offset: refused, never read as server time
        ({"title": ""}, 422),
        ({"village": 999999}, 422),
        ({"scope": "commune"}, 422),  # commune-wide with a village
        ({"category": "village_head", "scope": "commune", "village": None}, 422),
    ],
)
def test_create_decision_bad_input(api, unit_a, village_a, officer_a, change, status):
    add_households(village_a, 2)
    r = api.post(
        "/api/v1/democracy/decisions",
        _decision_body(unit_a, village_a, **change),
        content_type="application/json",
        **auth(officer_a),
    )
    assert r.status_code == status, r.content
    assert "code" in r.json()
    assert not Decision.objects.exists()


def test_commune_wide_decision(api, unit_a, village_a, officer_a):
    add_households(village_a, 2)
    r = api.post(
        "/api/v1/democracy/decisions",
        _decision_body(unit_a, None, scope="commune"),
        content_type="application/json",
        **auth(officer_a),
    )
    assert r.status_code == 201, r.content
    assert r.json()["scope"] == "commune" and r.json()["village"] is None


def test_officer_records_vote_and_reads_only_totals(api, village_a, officer_a, officer_b):
    households = add_households(village_a, 3)
    decision = open_decision(village_a, category="contribution")
    url = f"/api/v1/democracy/decisions/{decision.pk}/votes"
    r = api.post(
        url,
        {"household": households[0].pk, "choice": "yes"},
        content_type="application/json",
        **auth(officer_a),
    )
    assert r.status_code == 201
    receipt = r.json()["receipt"]
    assert set(r.json()) == {"receipt"}
    result = api.get(f"/api/v1/democracy/decisions/{decision.pk}/result", **auth(officer_a))
    assert result.status_code == 200
    body = result.json()
    assert {
        k: body[k] for k in ("households_total", "votes", "yes", "no", "threshold", "passed")
    } == {
        "households_total": 3,
        "votes": 1,
        "yes": 1,
        "no": 0,
        "threshold": 2,
        "passed": False,
    }
    # another commune's officer: neither the result nor recording
    assert (
        api.get(f"/api/v1/democracy/decisions/{decision.pk}/result", **auth(officer_b)).status_code
        == 404
    )
    other = api.post(
        url,
        {"household": households[1].pk, "choice": "yes"},
        content_type="application/json",
        **auth(officer_b),
    )
    assert other.status_code == 404
    # the receipt shows the household its own choice
    check = api.get(f"/api/v1/democracy/receipts/{receipt}")
    assert check.status_code == 200
    assert check.json()["choice"] == "yes"
    assert check.json()["household"] == households[0].pk
    assert check.json()["decision"] == decision.pk


def test_household_votes_online_with_code(api, village_a, officer_a):
    add_households(village_a, 3)
    decision = open_decision(village_a, form="online")
    issued = household_codes_issue(actor=officer_a, village=village_a)
    household, code = issued[0]
    url = f"/api/v1/democracy/decisions/{decision.pk}/votes"
    wrong = api.post(
        url,
        {"household": household.pk, "choice": "yes", "code": "AAAAABBBBB"},
        content_type="application/json",
    )
    assert wrong.status_code == 403
    other_code = issued[1][1]
    stolen = api.post(
        url,
        {"household": household.pk, "choice": "yes", "code": other_code},
        content_type="application/json",
    )
    assert stolen.status_code == 403
    first = api.post(
        url,
        {"household": household.pk, "choice": "no", "code": code.lower()},
        content_type="application/json",
    )
    assert first.status_code == 201, first.content
    second = api.post(
        url,
        {"household": household.pk, "choice": "yes", "code": code},
        content_type="application/json",
    )
    assert second.json()["receipt"] != first.json()["receipt"]
    old = api.get(f"/api/v1/democracy/receipts/{first.json()['receipt']}").json()
    assert old["current"] is False and old["choice"] == "no"
    assert Vote.objects.filter(decision=decision, current=True).count() == 1
    # an officer cannot type in an online vote
    officer = api.post(
        url,
        {"household": household.pk, "choice": "yes"},
        content_type="application/json",
        **auth(officer_a),
    )
    assert officer.status_code == 403


def test_vote_idempotency_key(api, village_a, officer_a):
    households = add_households(village_a, 2)
    decision = open_decision(village_a)
    headers = {**auth(officer_a), "HTTP_IDEMPOTENCY_KEY": "paper-7"}
    url = f"/api/v1/democracy/decisions/{decision.pk}/votes"
    body = {"household": households[0].pk, "choice": "no"}
    r1 = api.post(url, body, content_type="application/json", **headers)
    r2 = api.post(url, body, content_type="application/json", **headers)
    assert r1.json()["receipt"] == r2.json()["receipt"]
    assert Vote.objects.count() == 1


def test_vote_after_closing_is_409(api, village_a, officer_a):
    households = add_households(village_a, 2)
    decision = open_decision(village_a)
    Decision.objects.filter(pk=decision.pk).update(closes=timezone.now() - timedelta(minutes=1))
    r = api.post(
        f"/api/v1/democracy/decisions/{decision.pk}/votes",
        {"household": households[0].pk, "choice": "yes"},
        content_type="application/json",
        **auth(officer_a),
    )
    assert r.status_code == 409
    assert r.json()["code"] == "closed"


@pytest.mark.parametrize(
    "body",
    [
        {"household": 0, "choice": "yes"},
        {"household": "x", "choice": "yes"},
        {"household": 1, "choice": "maybe"},
        {"choice": "yes"},
        {"household": 99999, "choice": "yes"},
    ],
)
def test_vote_bad_input(api, village_a, officer_a, body):
    add_households(village_a, 1)
    decision = open_decision(village_a)
    r = api.post(
        f"/api/v1/democracy/decisions/{decision.pk}/votes",
        body,
        content_type="application/json",
        **auth(officer_a),
    )
    assert r.status_code == 422
    assert not Vote.objects.exists()


def test_receipt_unknown_is_404(api):
    assert api.get("/api/v1/democracy/receipts/NOPE").status_code == 404
    assert api.get("/api/v1/democracy/receipts/" + "A" * 16).status_code == 404


def _consultation(unit, *, open_now=True):
    now = timezone.now()
    return Consultation.objects.create(
        unit=unit,
        category="plans",
        title="Kế hoạch phát triển kinh tế - xã hội 2027",
        summary="Dự thảo kế hoạch năm 2027 của xã.",
        opens=now - timedelta(days=1) if open_now else now - timedelta(days=30),
        closes=now + timedelta(days=20) if open_now else now - timedelta(days=1),
    )


def test_comment_one_per_phone_and_closed(api, unit_a):
    consultation = _consultation(unit_a)
    url = f"/api/v1/democracy/consultations/{consultation.pk}/comments"
    body = {"name": "Hoàng Văn Nông", "phone": "0912 345 678", "content": "Đề nghị làm đường."}
    r = api.post(url, body, content_type="application/json")
    assert r.status_code == 201, r.content
    again = api.post(url, {**body, "phone": "+84912345678"}, content_type="application/json")
    assert again.status_code == 409
    assert Comment.objects.count() == 1
    closed = _consultation(unit_a, open_now=False)
    r = api.post(
        f"/api/v1/democracy/consultations/{closed.pk}/comments",
        body,
        content_type="application/json",
    )
    assert r.status_code == 409
    assert (
        api.post(
            "/api/v1/democracy/consultations/999999/comments", body, content_type="application/json"
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "body",
    [
        {"name": "", "phone": "0912345678", "content": "Ý kiến"},
        {"name": "A", "phone": "abc", "content": "Ý kiến dài"},
        {"name": "A", "phone": "0912345678", "content": ""},
        {"name": "A", "phone": "0912345678"},
    ],
)
def test_comment_bad_input(api, unit_a, body):
    consultation = _consultation(unit_a)
    r = api.post(
        f"/api/v1/democracy/consultations/{consultation.pk}/comments",
        body,
        content_type="application/json",
    )
    assert r.status_code == 422
    assert not Comment.objects.exists()


def test_comment_rate_limited(api, unit_a, settings):
    settings.DANVAN_TRACK_RATE_LIMIT = 2
    consultation = _consultation(unit_a)
    url = f"/api/v1/democracy/consultations/{consultation.pk}/comments"
    codes = [
        api.post(
            url,
            {"name": "A", "phone": f"091234567{i}", "content": "Ý kiến góp ý"},
            content_type="application/json",
        ).status_code
        for i in range(3)
    ]
    assert codes == [201, 201, 429]


def test_lists_are_public_and_paged(api, unit_a, unit_b):
    _consultation(unit_a)
    _consultation(unit_b)
    r = api.get(f"/api/v1/democracy/consultations?unit={unit_a.code}&page_size=1")
    body = r.json()
    assert (body["count"], body["page"], body["page_size"]) == (1, 1, 1)
    assert body["results"][0]["unit"] == unit_a.code
    assert api.get("/api/v1/democracy/consultations?unit=abc").status_code == 404
    d = api.get(f"/api/v1/democracy/disclosures?unit={unit_a.code}")
    assert d.status_code == 200 and d.json()["count"] == 0


def test_household_table_has_no_code(village_a, officer_a):
    add_households(village_a, 1)
    ((household, code),) = household_codes_issue(actor=officer_a, village=village_a)
    stored = Household.objects.get(pk=household.pk)
    assert code.replace("-", "") not in stored.code_digest
    assert len(stored.code_digest) == 64
