"""The demo seeder: a province survey with generated answers in every village, idempotent."""

from __future__ import annotations

from django.test import Client

from danvan.surveys import demo
from danvan.surveys.models import Submission, Survey
from danvan.surveys.tests.digestclient import digest_request
from danvan.testing.factories import ProvinceFactory, UnitFactory, VillageFactory


def test_seed_is_idempotent_and_places_every_answer(db):
    province = ProvinceFactory(code="19")
    home = UnitFactory(code="01843", name="Phường Bắc Kạn", codename="bac_kan", province=province)
    other = UnitFactory(code="02020", name="Xã Chợ Đồn", codename="cho_don", province=province)
    for unit in (home, other):
        for n in range(3):
            VillageFactory(unit=unit, name=f"Thôn {unit.code}-{n}")
    demo.seed()
    demo.seed()
    survey = Survey.objects.get()
    assert survey.scope == "province" and survey.unit is None
    rows = Submission.objects.filter(survey=survey)
    assert 6 * 8 <= rows.count() <= 6 * 14
    assert not rows.filter(village__isnull=True).exists()
    assert set(rows.values_list("unit__code", flat=True)) == {"01843", "02020"}
    assert set(rows.values_list("sex", flat=True)) == {"male", "female"}
    assert rows.filter(unit=home, enumerator__username="dieutra.backan").exists()
    # The demo enumerator collects with ODK Collect using the demo password.
    listed = digest_request(Client(), "GET", "/openrosa/formList", "dieutra.backan", "danvan-demo")
    assert survey.form_id.encode() in listed.content
