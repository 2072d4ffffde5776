"""seed_demo under production settings: refused unless asked, then no published password
survives the first sign-in."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo", "--only", "accounts")
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_allowed_in_production_every_demo_password_must_be_changed(settings):
    from danvan.accounts.demo import ACCOUNTS, ADMIN_PASSWORD, DEMO_PASSWORD
    from danvan.accounts.models import OfficerProfile

    settings.DEBUG = False
    call_command("seed_demo", "--only", "accounts", "--allow-production", stdout=None)
    usernames = ["admin", *(a[0] for a in ACCOUNTS)]
    flagged = set(
        OfficerProfile.objects.filter(
            user__username__in=usernames, must_change_password=True
        ).values_list("user__username", flat=True)
    )
    assert flagged == set(usernames)
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "admin", "password": ADMIN_PASSWORD}
    )
    assert response.status_code == 302
    home = client.get("/quan-tri/")
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("accounts:password_change"))
    other = Client()
    other.post(reverse("accounts:login"), {"username": usernames[1], "password": DEMO_PASSWORD})
    assert other.get("/ho-so-viec/")["Location"].startswith(reverse("accounts:password_change"))


@pytest.mark.django_db
def test_in_development_demo_passwords_stay_usable(settings):
    from danvan.accounts.models import OfficerProfile

    settings.DEBUG = True
    call_command("seed_demo", "--only", "accounts", stdout=None)
    assert not OfficerProfile.objects.filter(must_change_password=True).exists()
