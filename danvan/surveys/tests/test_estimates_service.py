"""Plans, estimates stored from submissions, the estimates API and survey-based indicators."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.accounts.auth import api_token_create
from danvan.surveys.models import (
    EstimateRun,
    FormVersion,
    PopulationCell,
    SampledHousehold,
    SampledVillage,
    Submission,
    SubmissionWeight,
    Survey,
    SurveyEstimate,
)
from danvan.surveys.results import services
from danvan.territory.models import Village

QUESTIONS = [
    {"name": "satisfaction", "type": "select_one", "choices": [{"name": "5"}, {"name": "4"}, {"name": "3"}, {"name": "2"}, {"name": "1"}], "repeat": None},
    {"name": "services", "type": "select_multiple", "choices": [{"name": "land"}, {"name": "birth"}, {"name": "other"}], "repeat": None},
    {"name": "visits", "type": "integer", "repeat": None},
    {"name": "note1", "type": "note", "repeat": None},
    {"name": "child_age", "type": "integer", "repeat": "children"},
]  # fmt: skip


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


def _survey(unit, scope="unit", code="KS1"):
    survey = Survey.objects.create(
        code=code, scope=scope, unit=unit if scope == "unit" else None,
        province=unit.province, form_id=f"f_{code}", title="Khảo sát thử",
    )  # fmt: skip
    version = FormVersion.objects.create(
        survey=survey, version="1", title="Thử", xlsform=b"x", xlsform_name="x.xlsx",
        xml="<x/>", xml_md5="0" * 32, questions=QUESTIONS,
    )  # fmt: skip
    survey.current_version = version
    survey.save()
    return survey


def _villages(unit, count=6):
    return [
        Village.objects.create(unit=unit, name=f"Thôn {i}", households=100 + 40 * i)
        for i in range(count)
    ]


def _submit(survey, unit, villages, per_village=10, start=0):
    made = []
    for vi, village in enumerate(villages):
        for k in range(per_village):
            i = start + vi * per_village + k
            made.append(
                Submission.objects.create(
                    survey=survey, form_version=survey.current_version,
                    instance_id=f"uuid:{survey.code}-{i}", xml="<x/>", unit=unit, village=village,
                    sex="male" if i % 2 else "female", age_group="18_39" if i % 3 else "40_plus",
                    source="web",
                    answers={"satisfaction": str(1 + (i * 7 + vi) % 5), "services": ["land"] if i % 4 else ["land", "birth"], "visits": i % 6},
                )
            )  # fmt: skip
    return made


@pytest.fixture
def survey_a(unit_a, officer_a):
    unit_a.population = 5000
    unit_a.save()
    survey = _survey(unit_a)
    _villages(unit_a)
    services.plan_draw(
        survey=survey, villages_per_commune=4, respondents_per_village=10, actor=officer_a, seed=7
    )
    sampled = [sv.village for sv in SampledVillage.objects.filter(plan__survey=survey)]
    _submit(survey, unit_a, sampled)
    return survey


def test_plan_keeps_probabilities_and_households(survey_a):
    villages = SampledVillage.objects.filter(plan__survey=survey_a)
    assert villages.count() == 4
    assert all(0 < v.probability <= 1 for v in villages)
    assert SampledHousehold.objects.filter(plan__survey=survey_a).count() == 40


def test_weights_sum_to_the_commune_population(survey_a):
    run = services.estimates_compute(survey=survey_a, reps=50)
    assert run is not None and run.levels == {"99001": "total"}
    total = sum(w.final for w in SubmissionWeight.objects.filter(run=run))
    assert total == pytest.approx(5000)


def test_weights_by_sex_and_age_sum_to_each_cell(survey_a, unit_a):
    for sex in ("male", "female"):
        for age, count in (("18_39", 1200), ("40_plus", 1300)):
            PopulationCell.objects.create(unit=unit_a, sex=sex, age_group=age, count=count)
    run = services.estimates_compute(survey=survey_a, reps=50)
    assert run.levels["99001"] in ("sex_age", "sex")
    weights = SubmissionWeight.objects.filter(run=run).select_related("submission")
    assert sum(w.final for w in weights) == pytest.approx(5000)
    women = sum(w.final for w in weights if w.submission.sex == "female")
    assert women == pytest.approx(2500)


def test_estimates_rows_and_an_edit_counts_once(survey_a):
    original = Submission.objects.filter(survey=survey_a).order_by("id").first()
    edit = Submission.objects.create(
        survey=survey_a, form_version=survey_a.current_version, instance_id="uuid:edit",
        deprecated_id=original.instance_id, xml="<x/>", unit=original.unit,
        village=original.village, source="web", answers={"satisfaction": "5", "visits": 2},
    )  # fmt: skip
    original.superseded_by = edit
    original.save()
    run = services.estimates_compute(survey=survey_a, reps=50)
    assert run.submissions == 40
    rows = list(SurveyEstimate.objects.filter(run=run, indicator=""))
    sat = [r for r in rows if r.question == "satisfaction"]
    assert [r.choice for r in sat] == ["5", "4", "3", "2", "1"]
    assert sum(r.value for r in sat) == pytest.approx(100)
    assert all(r.n == 40 for r in sat)
    visits = [r for r in rows if r.question == "visits"]
    assert len(visits) == 1 and visits[0].choice is None
    assert visits[0].ci_low < visits[0].value < visits[0].ci_high
    services_rows = [r for r in rows if r.question == "services"]
    assert [r.choice for r in services_rows] == ["land", "birth", "other"]
    assert services_rows[0].value == pytest.approx(100)
    assert services_rows[1].n == 39  # the edit did not answer it
    assert not any(r.question in ("note1", "child_age") for r in rows)
    assert all(r.small is False for r in rows)


def test_api_estimates_contract_and_access(client, survey_a, officer_a, officer_b):
    services.estimates_compute(survey=survey_a, reps=50)
    response = client.get("/api/v1/surveys/KS1/estimates?page_size=3", **_auth(officer_a))
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"count", "page", "page_size", "results"}
    assert body["count"] == 5 + 3 + 1 and len(body["results"]) == 3
    assert set(body["results"][0]) == {"question", "choice", "value", "ci_low", "ci_high", "n"}
    assert body["results"][0]["question"] == "satisfaction"
    unit = client.get("/api/v1/surveys/KS1/estimates?unit=99001", **_auth(officer_a))
    assert unit.json()["count"] == 9
    other = client.get("/api/v1/surveys/KS1/estimates", **_auth(officer_b))
    assert other.status_code == 404 and other.json()["code"] == "not_found"
    other_unit = client.get("/api/v1/surveys/KS1/estimates?unit=99002", **_auth(officer_a))
    assert other_unit.status_code == 404
    assert client.get("/api/v1/surveys/KS1/estimates").status_code == 401


def test_api_pages_in_a_fixed_number_of_queries(client, survey_a, officer_a):
    services.estimates_compute(survey=survey_a, reps=50)
    token = _auth(officer_a)
    client.get("/api/v1/surveys/KS1/estimates", **token)  # the token's first use writes once
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/surveys/KS1/estimates?page_size=2", **token)
    with CaptureQueriesContext(connection) as large:
        client.get("/api/v1/surveys/KS1/estimates?page_size=9", **token)
    assert len(large) == len(small)


def test_province_survey_narrowed_to_a_commune(client, unit_a, unit_b, officer_a, officer_b):
    unit_a.population, unit_b.population = 3000, 4000
    unit_a.save()
    unit_b.save()
    survey = _survey(unit_a, scope="province", code="KSP")
    _submit(survey, unit_a, _villages(unit_a, 3))
    for sub in _submit(survey, unit_b, _villages(unit_b, 3), start=100):
        sub.answers = {**sub.answers, "satisfaction": "5"}  # commune B is all satisfied
        sub.save()
    run = services.estimates_compute(survey=survey, reps=40)
    assert set(run.levels) == {"99001", "99002"}
    total = sum(w.final for w in SubmissionWeight.objects.filter(run=run))
    assert total == pytest.approx(7000)
    a = client.get("/api/v1/surveys/KSP/estimates?unit=99001", **_auth(officer_a)).json()
    whole = client.get("/api/v1/surveys/KSP/estimates", **_auth(officer_b)).json()
    assert a["count"] == whole["count"] == 9
    assert a["results"][0]["n"] == 30 and whole["results"][0]["n"] == 60
    assert a["results"][0]["value"] == pytest.approx(20.0)
    assert 20.0 < whole["results"][0]["value"] < 100.0
    # officer B reads the province's aggregate but not commune A's domain
    assert (
        client.get("/api/v1/surveys/KSP/estimates?unit=99001", **_auth(officer_b)).status_code
        == 404
    )


def test_survey_indicator_fills_the_evaluation_interval(survey_a, unit_a):
    from danvan.core.registry import registries

    run = services.estimates_compute(survey=survey_a, reps=50)
    row = SurveyEstimate.objects.get(run=run, indicator="surveys.satisfaction", choice="yes")
    indicator = registries.indicators.get("surveys.satisfaction")
    month = run.period
    nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    num, den = indicator.compute([unit_a.pk], month, nxt)[unit_a.pk]
    assert den == 40
    assert indicator.value_of(num, den) == pytest.approx(row.value)
    low, high = indicator.intervals([unit_a.pk], month, nxt)[unit_a.pk]
    assert low == row.ci_low and high == row.ci_high and low < row.value < high
    assert indicator.compute([unit_a.pk], date(2001, 1, 1), date(2001, 2, 1)) == {}


def test_recompute_task_skips_when_already_current(survey_a):
    from danvan.surveys.results.tasks import recompute_estimates_task

    assert recompute_estimates_task.call(survey_a.pk) is True
    assert recompute_estimates_task.call(survey_a.pk) is False
    assert EstimateRun.objects.filter(survey=survey_a).count() == 1


def test_officials_self_assessment_is_the_mean_of_the_battery():
    from danvan.surveys.results.indicators import SPECS, derived_answers, positive

    spec = next(s for s in SPECS if s.key == "surveys.officials_self_assessment")
    found = dict(derived_answers({"o1_self", "o2_self", "o3_self", "other"}))
    names = found[spec]
    assert names == ("o1_self", "o2_self", "o3_self")
    assert positive(spec, {"o1_self": "5", "o2_self": "4", "o3_self": "3"}, names) == "yes"
    assert positive(spec, {"o1_self": "4", "o2_self": "3", "o3_self": "3"}, names) == "no"
    assert positive(spec, {}, names) is None


def test_built_in_citizens_instrument_feeds_the_survey_indicators(unit_a, officer_a):
    """The real instrument, imported as any form: its questions get estimates and its
    overall satisfaction, trust and rights questions the evaluation's indicators."""
    from danvan.surveys.services.instruments import instrument_survey_create

    unit_a.population = 4000
    unit_a.save()
    result = instrument_survey_create(actor=officer_a, key="citizens", year=2026, unit=unit_a)
    survey = Survey.objects.select_related("current_version").get(pk=result.survey.pk)
    villages = _villages(unit_a, 4)
    for i in range(60):
        Submission.objects.create(
            survey=survey, form_version=survey.current_version, instance_id=f"uuid:c{i}",
            xml="<x/>", unit=unit_a, village=villages[i % 4], source="web",
            sex=("male", "female")[i % 2], age_group="30_39",
            answers={"overall": str(1 + i % 5), "a4_trust": str(1 + (i * 3) % 5), "a2_rights": "4",
                     "sex": ("male", "female")[i % 2], "age_group": "30_39"},
        )  # fmt: skip
    run = services.estimates_compute(survey=survey, reps=40)
    keys = set(
        SurveyEstimate.objects.filter(run=run)
        .exclude(indicator="")
        .values_list("indicator", flat=True)
    )
    assert keys == {"surveys.satisfaction", "surveys.trust", "surveys.rights_awareness"}
    overall = SurveyEstimate.objects.get(run=run, indicator="surveys.satisfaction", choice="yes")
    assert overall.value == pytest.approx(40.0) and overall.n == 60
    rights = SurveyEstimate.objects.get(run=run, indicator="surveys.rights_awareness", choice="yes")
    assert rights.value == pytest.approx(100.0)
    sex_rows = SurveyEstimate.objects.filter(run=run, question="sex", indicator="")
    assert {r.choice for r in sex_rows} == {"male", "female"}


def test_a_run_tells_the_evaluation_which_months_changed(
    survey_a, unit_a, django_capture_on_commit_callbacks
):
    from danvan.core.signals import indicator_inputs_changed

    seen = []

    def listener(sender, items=(), **kwargs):
        seen.extend(items)

    indicator_inputs_changed.connect(listener, dispatch_uid="test.listener")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run = services.estimates_compute(survey=survey_a, reps=30)
    finally:
        indicator_inputs_changed.disconnect(dispatch_uid="test.listener")
    assert seen == [(unit_a.pk, run.period)]


def test_plan_samples_from_the_democracy_household_list(unit_a, officer_a):
    from danvan.democracy.models import Household
    from danvan.surveys.models import SampledHousehold

    survey = _survey(unit_a, code="KSH")
    listed = Village.objects.create(unit=unit_a, name="Thôn Có Danh Sách", households=999)
    for i in range(1, 25):
        Household.objects.create(
            unit=unit_a, village=listed, number=f"H{i:03d}", head=f"Chủ hộ {i}",
            representative=f"Chủ hộ {i}",
        )  # fmt: skip
    Village.objects.create(unit=unit_a, name="Thôn Không Danh Sách", households=80)
    services.plan_draw(
        survey=survey, villages_per_commune=2, respondents_per_village=6, actor=officer_a, seed=3
    )
    sampled = SampledVillage.objects.get(plan__survey=survey, village=listed)
    assert sampled.size == 24  # the list's length, not the recorded count
    labels = list(
        SampledHousehold.objects.filter(sampled_village=sampled).values_list("label", flat=True)
    )
    assert len(labels) == 6 and all(" — Chủ hộ " in x and x.startswith("H0") for x in labels)
    other = SampledHousehold.objects.filter(plan__survey=survey).exclude(sampled_village=sampled)
    assert all(h.label.startswith("Hộ số ") for h in other)
