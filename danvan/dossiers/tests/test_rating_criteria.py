"""Ratings a person understands: each of the nine Circular 01/2018 criteria says what 2, 1 and
0 mean, and a criterion that does not apply can be skipped."""

from __future__ import annotations

import pytest

from danvan.dossiers.models import RATING_INDICATORS, RATING_SCALE, Rating
from danvan.dossiers.services import DossierError, dossier_rate, dossier_result_ready
from danvan.dossiers.tests.conftest import vn
from danvan.testing.language import english

pytestmark = pytest.mark.django_db

REQUIRED = {"time": "2", "bodies": "2", "visits": "1", "publicity": "2", "attitude": "2"}


@pytest.fixture
def ready(receive, officer_a):
    return dossier_result_ready(dossier=receive(), actor=officer_a, at=vn(2026, 10, 7, 9, 0))


def _url(dossier):
    return f"/mot-cua/cong-khai/danh-gia/{dossier.case.code}/?secret={dossier.case.secret}"


def test_every_criterion_explains_its_three_levels(citizen_client, ready):
    assert len(RATING_INDICATORS) == 9
    html = citizen_client.get(_url(ready)).content.decode()
    for key, _label in RATING_INDICATORS:
        two, one, zero = (str(x) for x in RATING_SCALE[key])
        assert f"2 điểm: {two}" in html, key
        assert f"1 điểm: {one}" in html, key
        assert f"0 điểm: {zero}" in html, key
    assert "2 điểm: Ngắn hơn thời gian quy định (trả kết quả sớm)" in html
    assert "0 điểm: Gây phiền hà, sách nhiễu" in html
    # Only the criteria that may not apply offer to skip.
    assert html.count('value="na"') == 4


def test_explanations_in_english(citizen_client, ready):
    html = english(citizen_client).get(_url(ready)).content.decode()
    assert "2 points: Shorter than the time allowed (result early)" in html
    assert "Not applicable, skip this criterion" in html


def test_skipped_criteria_are_not_scored(citizen_client, ready):
    answer = citizen_client.post(
        _url(ready), {**REQUIRED, "fees": "na", "online": "na", "secret": ready.case.secret}
    )
    assert answer.status_code == 200 and "Cảm ơn" in answer.content.decode()
    rating = Rating.objects.get()
    assert set(rating.scores) == set(REQUIRED)
    assert rating.total == 9 and rating.satisfied


def test_required_criteria_cannot_be_skipped(citizen_client, ready):
    data = {**REQUIRED, "attitude": "na", "secret": ready.case.secret, "comment": "Tốt"}
    answer = citizen_client.post(_url(ready), data)
    assert answer.status_code == 400 and not Rating.objects.exists()
    assert "Vui lòng chấm các tiêu chí còn thiếu." in answer.content.decode()
    assert "Tốt" in answer.content.decode()
    missing = {k: v for k, v in REQUIRED.items() if k != "time"}
    assert (
        citizen_client.post(_url(ready), {**missing, "secret": ready.case.secret}).status_code
        == 400
    )
    with pytest.raises(DossierError):
        dossier_rate(dossier=ready, scores={**REQUIRED, "time": "na"}, channel="online")


def test_online_criterion_preselected_as_not_applicable_for_a_desk_dossier(citizen_client, ready):
    assert ready.case.channel == "desk"
    html = citizen_client.get(_url(ready)).content.decode()
    assert 'value="na" id="id_online_3" checked' in html
    # It stays a choice: the person may still score it.
    assert 'name="online" value="2"' in html
    ready.case.channel = "online"
    ready.case.save(update_fields=["channel"])
    html = citizen_client.get(_url(ready)).content.decode()
    assert 'value="na" id="id_online_3" checked' not in html


def test_officer_of_another_commune_cannot_record_a_desk_rating(client_b, ready):
    url = f"/mot-cua/ho-so/{ready.case.code}/danh-gia/"
    answer = client_b.post(url, REQUIRED)
    assert answer.status_code in (403, 404) and not Rating.objects.exists()
