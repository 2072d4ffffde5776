"""The web form: pages checked on the server (types, required, constraints, relevance,
calculations), what the user typed kept on error, drafts, submitted once; the public link."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from danvan.surveys.models import Submission, SubmissionDraft
from danvan.surveys.services.forms import survey_set_flags
from danvan.testing.language import english


def _start(client, survey) -> str:
    answer = client.post(f"/khao-sat/{survey.code}/nhap-phieu/", {"unit": survey.unit.code})
    assert answer.status_code == 302, answer.content[:500]
    return answer["Location"]


PAGE0 = {
    "q__village": "Thôn Hai",
    "q__sex": "male",
    "q__age_group": "50_plus",
    "q__household_size": "5",
    "q__satisfied": "no",
    "action": "next",
}


def test_fill_the_form_page_by_page(client_a, survey_a, villages):
    url = _start(client_a, survey_a)
    first = client_a.get(url)
    assert first.status_code == 200
    html = first.content.decode()
    assert "Số người trong hộ" in html
    # The village is chosen from the commune's villages.
    assert '<option value="Bản Ba">' in html
    # Relevance: "why not" is hidden until "satisfied" is no.
    assert 'name="q__why_not"' not in html

    wrong = client_a.post(url, {**PAGE0, "q__household_size": "năm", "q__sex": ""})
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert "Hãy nhập một số nguyên." in text
    assert "Câu này bắt buộc trả lời." in text
    assert 'value="năm"' in text  # what the user typed stays

    too_many = client_a.post(url, {**PAGE0, "q__household_size": "40"})
    assert too_many.status_code == 400
    assert "Từ 1 đến 29 người" in too_many.content.decode()

    ok = client_a.post(url, PAGE0)
    assert ok.status_code == 302
    # "satisfied = no" made "why not" relevant on the page just left.
    again = client_a.get(url)
    assert 'name="q__why_not"' in again.content.decode()

    repeat_url = ok["Location"]
    added = client_a.post(repeat_url, {"action": "add:members"})
    assert 'name="q__member_age__0"' in added.content.decode()
    last = client_a.post(repeat_url, {"q__member_age__0": "61", "action": "next"})
    assert last.status_code == 302
    final_url = last["Location"]
    done = client_a.post(final_url, {"q__respondent_name": "Hà Thị Lan", "action": "submit"})
    assert done.status_code == 302 and done["Location"].endswith("/xong/")
    stored = Submission.objects.get()
    assert stored.source == "web"
    assert stored.village.name == "Thôn Hai" and stored.unit == survey_a.unit
    assert stored.answers["size_twice"] == "10"  # calculated on the server
    assert stored.answers["members"] == [{"member_age": 61}]
    assert stored.contact.name == "Hà Thị Lan" and "Hà Thị Lan" not in stored.xml
    # A second submit (double click, back button) stores nothing more.
    twice = client_a.post(final_url, {"action": "submit"})
    assert twice.status_code == 302
    assert Submission.objects.count() == 1


def test_irrelevant_answers_are_dropped(client_a, survey_a, villages):
    url = _start(client_a, survey_a)
    client_a.post(url, {**PAGE0, "action": "save", "q__why_not": "xa"})
    client_a.post(url, {**PAGE0, "q__satisfied": "yes"})
    token = url.split("/")[-3]
    client_a.post(f"/khao-sat/nhap/{token}/2/", {"action": "submit"})
    assert "why_not" not in Submission.objects.get().answers


def test_draft_is_saved_and_kept(client_a, survey_a, villages):
    url = _start(client_a, survey_a)
    client_a.post(url, {**PAGE0, "action": "save"})
    draft = SubmissionDraft.objects.get()
    assert draft.values["household_size"] == 5
    page = client_a.get(url).content.decode()
    assert 'value="5"' in page


def test_english_labels_and_messages(client_a, survey_a, villages):
    url = _start(client_a, survey_a)
    english(client_a)
    page = client_a.get(url).content.decode()
    assert "People in the household" in page
    wrong = client_a.post(url, {**PAGE0, "q__household_size": "40", "q__sex": ""})
    text = wrong.content.decode()
    assert "From 1 to 29 people" in text
    assert "This question must be answered." in text
    assert "Save draft" in text


def test_another_commune_cannot_start_or_open(client_a, client_b, survey_a):
    assert client_b.get(f"/khao-sat/{survey_a.code}/nhap-phieu/").status_code == 404
    url = _start(client_a, survey_a)
    assert client_b.get(url).status_code == 404


def test_public_link(survey_a, officer_a, settings, villages):
    citizen = Client()
    assert citizen.get(f"/khao-sat/tra-loi/{survey_a.code}/").status_code == 404
    survey_set_flags(actor=officer_a, survey=survey_a, is_public=True)
    shown = citizen.get(f"/khao-sat/tra-loi/{survey_a.code}/")
    assert shown.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', shown.content.decode()).group(1)
    fast = citizen.post(f"/khao-sat/tra-loi/{survey_a.code}/", {"token": token})
    assert fast.status_code == 400  # a robot answers within seconds
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    started = citizen.post(f"/khao-sat/tra-loi/{survey_a.code}/", {"token": token})
    assert started.status_code == 302
    twice = citizen.post(f"/khao-sat/tra-loi/{survey_a.code}/", {"token": token})
    assert twice["Location"] == started["Location"]  # a double click opens one draft
    assert SubmissionDraft.objects.count() == 1
    page = citizen.get(started["Location"])
    assert page.status_code == 200
    # The draft's link is no use in another browser.
    assert Client().get(started["Location"]).status_code == 404
    robot = Client().post(f"/khao-sat/tra-loi/{survey_a.code}/", {"token": token, "website": "x"})
    assert robot.status_code == 200 and SubmissionDraft.objects.count() == 1


@pytest.mark.parametrize("flag", ["is_open"])
def test_closed_survey_has_no_web_form(client_a, survey_a, officer_a, flag):
    survey_set_flags(actor=officer_a, survey=survey_a, is_open=False)
    assert client_a.get(f"/khao-sat/{survey_a.code}/nhap-phieu/").status_code == 404


def test_public_link_of_a_province_survey_asks_the_commune(province, unit_a, villages, settings):
    from danvan.accounts.roles import Role
    from danvan.surveys.services.instruments import instrument_survey_create
    from danvan.testing.factories import make_officer

    appraiser = make_officer("tham_dinh", roles=[Role.APPRAISER], province=province)
    survey = instrument_survey_create(
        actor=appraiser, key="citizens", year=2026, province=province
    ).survey
    survey_set_flags(actor=appraiser, survey=survey, is_public=True)
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    citizen = Client()
    shown = citizen.get(f"/khao-sat/tra-loi/{survey.code}/").content.decode()
    assert f'<option value="{unit_a.code}">' in shown
    token = re.search(r'name="token" value="([^"]+)"', shown).group(1)
    missing = citizen.post(f"/khao-sat/tra-loi/{survey.code}/", {"token": token})
    assert missing.status_code == 400
    started = citizen.post(
        f"/khao-sat/tra-loi/{survey.code}/", {"token": token, "unit": unit_a.code}
    )
    assert started.status_code == 302
    page = citizen.get(started["Location"]).content.decode()
    # The commune is set and read-only; the village is chosen from the commune's list.
    assert f'value="{unit_a.code}" readonly' in page
    assert '<option value="Thôn Một">' in page
