"""Dates are typed and shown dd/mm/yyyy in every language; event dates are checked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from danvan.letters.models import Letter

INTAKE = {
    "kind": "complaint",
    "channel": "desk",
    "sender_name": "Nguyễn Văn Dân",
    "sender_phone": "0987000111",
    "content": "Khiếu nại quyết định thu hồi đất đối với thửa đất số 12.",
    "signers_count": "1",
    "category": "land",
}


@pytest.fixture(autouse=True)
def _keys(settings):
    from cryptography.fernet import Fernet

    settings.DANVAN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]


def _day(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).strftime("%d/%m/%Y")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_04_12_is_the_4th_of_december_in_every_language(client_a, unit_a, language):
    today = timezone.localdate()
    year = today.year if (today.month, today.day) >= (12, 4) else today.year - 1
    response = client_a.post(
        reverse("letters:intake"),
        {**INTAKE, "unit": unit_a.pk, "received_on": f"04/12/{year}"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "/don/" in response["Location"]
    received = timezone.localtime(Letter.objects.get().received_at).date()
    assert (received.day, received.month) == (4, 12)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_date_fields_show_dd_mm_yyyy_without_the_browsers_picker(language):
    from datetime import date

    from danvan.letters.forms import EntryForm
    from danvan.territory.models import Unit

    with translation.override(language):
        form = EntryForm(initial={"day": date(2026, 12, 4)}, units=Unit.objects.none())
        html = str(form["day"])
    assert 'value="04/12/2026"' in html
    assert 'type="text"' in html and 'placeholder="dd/mm/yyyy"' in html


@pytest.mark.django_db
def test_a_receipt_date_in_the_future_is_refused(client_a, unit_a):
    response = client_a.post(
        reverse("letters:intake"), {**INTAKE, "unit": unit_a.pk, "received_on": _day(-3)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "tương lai" in html and "Nguyễn Văn Dân" in html
    assert not Letter.objects.exists()
    tomorrow = client_a.post(
        reverse("letters:intake"), {**INTAKE, "unit": unit_a.pk, "received_on": _day(-1)}
    )
    assert tomorrow.status_code == 302  # a day of tolerance (clocks, time zones)


@pytest.mark.django_db
def test_a_date_over_five_years_back_asks_for_confirmation(client_a, unit_a):
    old = _day(6 * 365)
    first = client_a.post(
        reverse("letters:intake"), {**INTAKE, "unit": unit_a.pk, "received_on": old}
    )
    assert first.status_code == 400
    html = first.content.decode()
    assert "hơn 5 năm" in html
    assert 'type="checkbox" name="confirm_old_date"' in html  # the box appears with it
    assert f'value="{old}"' in html and "Nguyễn Văn Dân" in html  # what was typed stays
    assert not Letter.objects.exists()
    confirmed = client_a.post(
        reverse("letters:intake"),
        {**INTAKE, "unit": unit_a.pk, "received_on": old, "confirm_old_date": "on"},
    )
    assert confirmed.status_code == 302
    assert Letter.objects.count() == 1


@pytest.mark.django_db
def test_the_visit_date_of_the_register_is_checked_too():
    from danvan.letters.forms import EntryForm
    from danvan.territory.models import Unit

    form = EntryForm(data={"day": _day(-5)}, units=Unit.objects.none())
    form.is_valid()
    assert "tương lai" in " ".join(form.errors.get("day", []))
    form = EntryForm(data={"day": _day(7 * 365)}, units=Unit.objects.none())
    form.is_valid()
    assert "hơn 5 năm" in " ".join(form.errors.get("day", []))
