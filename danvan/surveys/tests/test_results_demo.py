"""The statistics' demo seeder: estimates of the demo survey, once."""

from __future__ import annotations

from danvan.surveys import demo
from danvan.surveys.models import EstimateRun, SurveyEstimate
from danvan.surveys.results import demo as results_demo
from danvan.testing.factories import ProvinceFactory, UnitFactory, VillageFactory


def test_demo_survey_gets_estimates_with_indicators_once(db):
    province = ProvinceFactory(code="19")
    home = UnitFactory(code="01843", name="Phường Bắc Kạn", codename="bac_kan", province=province)
    other = UnitFactory(code="02020", name="Xã Chợ Đồn", codename="cho_don", province=province)
    for unit, population in ((home, 9000), (other, 6000)):
        unit.population = population
        unit.save()
        for n in range(3):
            VillageFactory(unit=unit, name=f"Thôn {unit.code}-{n}")
    demo.seed()
    results_demo.seed()
    results_demo.seed()
    run = EstimateRun.objects.get()
    assert run.levels == {"01843": "total", "02020": "total"}
    keys = set(SurveyEstimate.objects.exclude(indicator="").values_list("indicator", flat=True))
    assert {"surveys.satisfaction", "surveys.trust", "surveys.rights_awareness"} <= keys
    per_commune = SurveyEstimate.objects.filter(unit=home, question="overall", indicator="")
    assert per_commune.count() == 5


def test_compute_survey_estimates_command(db, capsys):
    import pytest
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("compute_survey_estimates", survey="NOPE")
    call_command("compute_survey_estimates")
    assert capsys.readouterr().out == ""  # no survey with submissions: nothing to do


def test_population_cells_are_entered_in_the_admin(admin_client, unit_a):
    from danvan.surveys.models import PopulationCell

    response = admin_client.post(
        "/quan-tri/surveys/populationcell/add/",
        {"unit": unit_a.pk, "sex": "female", "age_group": "30_39", "count": "420"},
    )
    assert response.status_code == 302, response.content[:500]
    assert PopulationCell.objects.get(unit=unit_a).count == 420
    assert admin_client.get("/quan-tri/surveys/estimaterun/add/").status_code == 403
