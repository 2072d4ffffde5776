"""The deadlines API: public reads (national rules and calendar, no commune data), so an
anonymous caller and an officer of another commune get the same answers."""

import pytest

pytestmark = pytest.mark.django_db
DUE = "/api/v1/deadlines/due"


def test_rules_in_force(client):
    resp = client.get("/api/v1/deadlines/rules")
    assert resp.status_code == 200
    rules = {r["id"]: r for r in resp.json()["rules"]}
    assert rules["denunciation.resolve"]["citation"] == "Luật Tố cáo 2018, Điều 30"
    assert rules["denunciation.resolve"]["max_extensions_especially_complex"] == 2
    later = {
        r["id"]: r for r in client.get("/api/v1/deadlines/rules?on=2026-07-01").json()["rules"]
    }
    assert later["complaint.accept"]["amount"] == 7 and not later["complaint.accept"]["confirmed"]


def test_due_good(client):
    resp = client.get(DUE, {"rule": "complaint.accept", "start": "2026-02-10"})
    assert resp.status_code == 200
    body = resp.json()
    assert body["due"] == "2026-03-03"
    assert body["rule"]["id"] == "complaint.accept"
    assert "Bỏ qua: Tết Nguyên đán 14–22/02/2026" in body["explanation"]
    assert {"first": "2026-02-14", "last": "2026-02-22", "reason": "Tết Nguyên đán"} in body[
        "skipped_groups"
    ]


def test_due_with_time_and_extensions(client_b):
    # 15:30 local on a one-stop style rule does not apply to complaint.accept: no cut-off
    resp = client_b.get(
        DUE,
        {
            "rule": "denunciation.resolve",
            "start": "2026-03-02T15:30",
            "especially_complex": "true",
            "extensions": 2,
        },
    )
    assert resp.json()["due"] == "2026-06-01"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"rule": "nope", "start": "2026-03-02"}, 422, "unknown_rule"),
        ({"rule": "complaint.accept"}, 422, "start_required"),
        ({"rule": "complaint.accept", "start": "02/03/2026"}, 422, "invalid_start"),
        ({"rule": "complaint.accept", "start": "2026-13-01"}, 422, "invalid_start"),
        ({"rule": "complaint.accept", "start": "2040-01-02"}, 422, "start_out_of_range"),
        (
            {"rule": "denunciation.resolve", "start": "2026-03-02", "extensions": 1},
            422,
            "too_many_extensions",
        ),
        (
            {"rule": "complaint.accept", "start": "2026-03-02", "unit": "00000"},
            404,
            "unit_not_found",
        ),
        ({"start": "2026-03-02"}, 422, "rule_required"),
        (
            {"rule": "complaint.accept", "start": "2026-03-02", "extensions": "x"},
            422,
            "invalid_input",
        ),
    ],
)
def test_due_bad_input(client, params, status, code):
    resp = client.get(DUE, params)
    assert resp.status_code == status
    assert resp.json()["code"] == code
    assert resp.json()["message"]


def test_messages_in_english(client):
    resp = client.get(DUE, {"rule": "nope", "start": "2026-03-02"}, HTTP_ACCEPT_LANGUAGE="en")
    assert resp.json()["message"] == "There is no deadline rule “nope”."
    resp = client.get(DUE, {"rule": "complaint.accept", "start": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert resp.json()["message"].startswith("Invalid start date")
    ok = client.get(
        DUE, {"rule": "complaint.accept", "start": "2026-02-10"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert ok.json()["explanation"][0].startswith("Due: 03/03/2026")


def test_unit_remote_flag_and_override(client, unit_a):
    unit_a.is_remote = True
    unit_a.save()
    params = {"rule": "complaint.resolve.first", "start": "2026-01-30", "unit": unit_a.code}
    assert client.get(DUE, params).json()["due"] == "2026-03-16"  # remote: 45 days
    assert client.get(DUE, {**params, "remote": "false"}).json()["due"] == "2026-03-02"
    unit_a.is_remote = False
    unit_a.save()
    assert client.get(DUE, params).json()["due"] == "2026-03-02"
    assert client.get(DUE, {**params, "remote": "true"}).json()["due"] == "2026-03-16"


def test_calendar(client):
    body = client.get("/api/v1/deadlines/calendar?year=2026").json()
    days = {d["date"]: d for d in body["days_off"]}
    assert days["2026-08-31"]["name"] == "Ngày nghỉ (thay cho ngày 22/08/2026)"
    assert days["2026-04-27"]["source"] == "holiday"
    assert body["working_days_declared"][0]["date"] == "2026-08-22"
    bad = client.get("/api/v1/deadlines/calendar?year=2050")
    assert bad.status_code == 422 and bad.json()["code"] == "year_out_of_range"
