""" "Dân vận khéo" models: registration limits, each organisation sees its own, recognition
and removal, the public gallery shows recognised models only, the API."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.outreach import models_selectors
from danvan.outreach.models import ModelStatus, SkilfulModel
from danvan.outreach.services import (
    ModelInput,
    OutreachError,
    model_decide,
    model_progress_add,
    model_register,
)
from danvan.testing.factories import make_officer

from .conftest import api_get

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _data(unit, registrant, title="Dân vận khéo trong hiến đất làm đường", **kw):
    base = {
        "unit": unit,
        "year": 2026,
        "registrant": registrant,
        "title": title,
        "topic": "land",
        "problem": "Người dân chưa đồng thuận hiến đất mở đường liên thôn.",
        "objectives": "100% hộ đồng thuận; 2 km đường bê tông.",
        "method": "Cán bộ đến từng hộ, họp thôn, công khai phương án.",
        "area": "Thôn Nà Pán, 120 hộ",
        "forces": "Hội Phụ nữ chủ trì, Đoàn Thanh niên phối hợp",
        "resources": "Nhân dân góp công",
        "starts": date(2026, 2, 1),
        "ends": date(2026, 11, 30),
        "outputs": "Biên bản hiến đất của 120 hộ; 2 km đường.",
    }
    base.update(kw)
    return ModelInput(**base)


@pytest.fixture
def secretary(unit_a):
    return make_officer("bithu", unit=unit_a, roles=[Role.PARTY_SECRETARY])


@pytest.fixture
def women(unit_a):
    return make_officer("phunu", unit=unit_a, roles=[Role.FRONT], organisation="women")


@pytest.fixture
def youth(unit_a):
    return make_officer("doan", unit=unit_a, roles=[Role.FRONT], organisation="youth")


def test_party_committee_registers_at_most_three(unit_a, secretary):
    for n in range(3):
        model_register(data=_data(unit_a, "party", title=f"Mô hình {n}"), actor=secretary)
    with pytest.raises(OutreachError) as err:
        model_register(data=_data(unit_a, "party", title="Mô hình 4"), actor=secretary)
    assert err.value.code == "registrant"
    # Another year starts again.
    model_register(data=_data(unit_a, "party", year=2027), actor=secretary)


def test_each_organisation_registers_for_itself_only(unit_a, women, secretary):
    model_register(data=_data(unit_a, "women"), actor=women)
    for registrant in ("youth", "party"):
        with pytest.raises(OutreachError) as err:
            model_register(data=_data(unit_a, registrant), actor=women)
        assert err.value.code == "forbidden"
    with pytest.raises(OutreachError):
        model_register(data=_data(unit_a, "women"), actor=secretary)


def test_each_organisation_sees_its_own(unit_a, women, youth, secretary, officer_a):
    w = model_register(data=_data(unit_a, "women"), actor=women)
    y = model_register(data=_data(unit_a, "youth", title="Thanh niên tình nguyện"), actor=youth)
    assert list(models_selectors.models_for_user(women, unit_a)) == [w]
    assert list(models_selectors.models_for_user(youth, unit_a)) == [y]
    assert set(models_selectors.models_for_user(officer_a, unit_a)) == {w, y}
    c = _client(women)
    assert c.get(reverse("outreach:model", args=[w.pk])).status_code == 200
    assert c.get(reverse("outreach:model", args=[y.pk])).status_code == 404
    page = c.get(reverse("outreach:models", args=[unit_a.code]))
    assert "Thanh niên tình nguyện" not in page.content.decode()
    # The API says the same.
    rows = api_get(women, "/api/v1/outreach/models?unit=99001").json()
    assert [r["id"] for r in rows["results"]] == [w.pk] and rows["count"] == 1


def test_registrants_missing(unit_a, women):
    model_register(data=_data(unit_a, "women"), actor=women)
    missing = models_selectors.registrants_missing(unit_a, 2026)
    assert "women" not in missing
    assert set(missing) == {"party", "front", "farmers", "youth", "veterans"}


def test_follow_up_recognition_and_gallery(unit_a, women, secretary, province_viewer):
    model = model_register(data=_data(unit_a, "women"), actor=women)
    other = model_register(data=_data(unit_a, "women", title="Mô hình chưa công nhận"), actor=women)
    gone = model_register(data=_data(unit_a, "women", title="Mô hình bị loại"), actor=women)
    with pytest.raises(OutreachError) as err:
        model_progress_add(
            model=model, day=date(2026, 6, 1), result="Đã làm 1 km", evidence="", actor=women
        )
    assert err.value.code == "evidence"
    model_progress_add(
        model=model,
        day=date(2026, 6, 1),
        result="Đã làm 1 km",
        evidence="Biên bản nghiệm thu số 5",
        actor=women,
    )
    # An organisation cannot recognise its own model.
    with pytest.raises(OutreachError):
        model_decide(
            model=model, decision="recognise", level="commune", day=date(2026, 12, 1), actor=women
        )
    model_decide(
        model=model,
        decision="recognise",
        level="commune",
        exemplary=True,
        day=date(2026, 12, 1),
        actor=secretary,
    )
    with pytest.raises(OutreachError) as err:
        model_decide(
            model=gone, decision="remove", reason="", day=date(2026, 12, 1), actor=secretary
        )
    assert err.value.code == "reason"
    model_decide(
        model=gone,
        decision="remove",
        reason="Không có kết quả kiểm chứng",
        day=date(2026, 12, 1),
        actor=secretary,
    )
    assert SkilfulModel.objects.get(pk=gone.pk).status == ModelStatus.REMOVED

    response = Client().get(reverse("outreach:gallery"))
    text = response.content.decode()
    assert response.status_code == 200
    assert model.title in text
    assert other.title not in text and gone.title not in text
    # Search by topic and words, with or without diacritics.
    assert (
        model.title
        in Client().get(reverse("outreach:gallery") + "?linh_vuc=land&q=hien dat").content.decode()
    )
    assert (
        model.title
        not in Client().get(reverse("outreach:gallery") + "?linh_vuc=security").content.decode()
    )
    assert (
        model.title
        not in Client().get(reverse("outreach:gallery") + "?q=khong+co").content.decode()
    )


def test_province_recognition_needs_an_appraiser(unit_a, women, secretary, province):
    model = model_register(data=_data(unit_a, "women"), actor=women)
    with pytest.raises(OutreachError):
        model_decide(
            model=model,
            decision="recognise",
            level="province",
            day=date(2026, 12, 1),
            actor=secretary,
        )
    appraiser = make_officer("thamdinh", roles=[Role.APPRAISER], province=province)
    model_decide(
        model=model, decision="recognise", level="province", day=date(2026, 12, 1), actor=appraiser
    )
    assert SkilfulModel.objects.get().level == "province"


def test_register_form_keeps_input(unit_a, women):
    c = _client(women)
    url = reverse("outreach:model_new", args=[unit_a.code])
    assert c.get(url).status_code == 200
    response = c.post(
        url,
        {"year": "2026", "registrant": "women", "title": "Mô hình nuôi ong", "topic": "economy"},
    )
    assert response.status_code == 422
    assert 'value="Mô hình nuôi ong"' in response.content.decode()
    assert not SkilfulModel.objects.exists()


def test_decision_form(unit_a, women, secretary):
    model = model_register(data=_data(unit_a, "women"), actor=women)
    c = _client(secretary)
    url = reverse("outreach:model", args=[model.pk])
    bad = c.post(url, {"d-decision": "remove", "d-reason": "", "d-date": "01/12/2026"})
    assert bad.status_code == 422
    ok = c.post(
        url,
        {
            "d-decision": "recognise",
            "d-level": "commune",
            "d-exemplary": "on",
            "d-date": "01/12/2026",
        },
    )
    assert ok.status_code == 302
    model.refresh_from_db()
    assert (model.status, model.exemplary) == ("recognised", True)
    # The women's union may not decide.
    assert (
        _client(women)
        .post(url, {"d-decision": "remove", "d-reason": "Không hiệu quả", "d-date": "01/12/2026"})
        .status_code
        == 403
    )


def test_another_commune_refused(unit_a, women, client_b, officer_b):
    model = model_register(data=_data(unit_a, "women"), actor=women)
    for url in (
        reverse("outreach:models", args=[unit_a.code]),
        reverse("outreach:model_new", args=[unit_a.code]),
        reverse("outreach:model", args=[model.pk]),
    ):
        assert client_b.get(url).status_code == 404, url
    assert (
        client_b.post(
            reverse("outreach:model", args=[model.pk]), {"d-decision": "remove"}
        ).status_code
        == 404
    )
    assert api_get(officer_b, "/api/v1/outreach/models?unit=99001").status_code == 404


def test_front_does_not_see_the_one_stop_queue(unit_a, women):
    page = _client(women).get(reverse("outreach:models", args=[unit_a.code]))
    keys = {item["key"] for item in page.context["nav_officer"]}
    assert "dossiers.reception" not in keys
