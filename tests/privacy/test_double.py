"""Double submits and double votes: the online letter form and the citizen's rating of a
dossier (once per dossier, whatever the channel), sequentially and truly at once."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.dossiers.models import Dossier, Rating, RatingChannel
from danvan.letters.models import Letter
from danvan.testing.concurrency import run_together

from .conftest import login
from .test_links import _online

ALL2 = dict.fromkeys(("time", "bodies", "visits", "publicity", "attitude", "fees"), "2")
ALL2.update(dict.fromkeys(("complaints", "online", "other"), "2"))


@pytest.mark.django_db
def test_online_form_sent_twice_stores_one_letter(unit_a, client):
    data = _online(unit_a.code)
    assert client.post("/don-thu/gui/", data).status_code == 302
    assert Client().post("/don-thu/gui/", data).status_code == 302  # another browser, same form
    assert Letter.objects.count() == 1


@pytest.mark.django_db
def test_rating_once_across_desk_and_online(world, officer_a, officer_b, citizen_client):
    case = world.dossier.case
    assert login(officer_b).post(f"/mot-cua/ho-so/{case.code}/danh-gia/", ALL2).status_code == 404
    assert not Rating.objects.exists()
    desk = login(officer_a).post(f"/mot-cua/ho-so/{case.code}/danh-gia/", ALL2)
    assert desk.status_code == 302 and Rating.objects.count() == 1
    again = login(officer_a).post(f"/mot-cua/ho-so/{case.code}/danh-gia/", ALL2)
    assert again.status_code == 400
    online = citizen_client.post(
        f"/mot-cua/cong-khai/danh-gia/{case.code}/", {**ALL2, "secret": case.secret}
    )
    assert online.status_code == 200 and Rating.objects.count() == 1
    assert Rating.objects.get().channel == RatingChannel.DESK
    wrong = citizen_client.post(
        f"/mot-cua/cong-khai/danh-gia/{case.code}/", {**ALL2, "secret": "WRONG123"}
    )
    assert wrong.status_code == 404 and Rating.objects.count() == 1


@pytest.mark.django_db
def test_online_rating_twice(world, citizen_client):
    case = world.dossier.case
    url = f"/mot-cua/cong-khai/danh-gia/{case.code}/"
    first = citizen_client.post(url, {**ALL2, "secret": case.secret})
    second = Client().post(url, {**ALL2, "secret": case.secret, "time": "0"})
    assert first.status_code == second.status_code == 200
    assert Rating.objects.count() == 1 and Rating.objects.get().scores["time"] == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_desk_and_online_rating(world, officer_a):
    from danvan.dossiers.services import DossierError, dossier_rate

    pk = world.dossier.pk
    scores = dict.fromkeys(ALL2, 2)

    def desk():
        return dossier_rate(
            dossier=Dossier.objects.get(pk=pk), scores=scores, channel="desk", actor=officer_a
        )

    def online():
        return dossier_rate(dossier=Dossier.objects.get(pk=pk), scores=scores, channel="online")

    results = run_together(desk, online, online)
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 2 and all(
        isinstance(e, DossierError) and e.code == "already_rated" for e in errors
    ), errors
    assert Rating.objects.filter(dossier_id=pk).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_online_form_double_submit(unit_a, settings):
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0
    data = _online(unit_a.code)

    def send():
        return Client().post("/don-thu/gui/", data).status_code

    results = run_together(send, send, send)
    assert results == [302, 302, 302], results
    assert Letter.objects.count() == 1
